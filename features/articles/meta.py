"""The page head (``meta``) of an article: its SEO overrides, else its title and summary."""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language

from codex_core.urls import canonical_url
from features.articles.models import Article
from features.pages.head import absolute_url


def article_meta(article: Article) -> dict[str, Any]:
    """``meta`` for ``base.html``: title, description, image, type, publication time and Article JSON-LD."""
    title = article.seo_title or article.title
    description = article.seo_description or article.summary
    json_ld: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": article.title,
        "description": description,
        "datePublished": article.published_at.isoformat(),
        "dateModified": article.updated_at.isoformat(),
        "inLanguage": get_language(),
        "mainEntityOfPage": canonical_url(article.get_absolute_url()),
    }
    if article.seo_image:
        json_ld["image"] = absolute_url(article.seo_image)
    return {
        "title": title,
        "description": description,
        "image": article.seo_image,
        "type": "article",
        "published": article.published_at.isoformat(),
        "json_ld": json_ld,
    }
