"""The page head (``meta``) of an article: its SEO overrides, else its title, summary and cover."""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language

from codex_core.urls import canonical_url
from features.articles.covers import cover_image
from features.articles.models import Article
from features.pages.head import absolute_url


def article_meta(article: Article) -> dict[str, Any]:
    """``meta`` for ``base.html``: title, description, image, type, publication time and Article JSON-LD.

    The share image is the SEO image when one is set, else the largest cover file (with its
    width, height and the translated alt text).
    """
    title = article.seo_title or article.title
    description = article.seo_description or article.summary
    cover = cover_image(article.cover)
    image, width, height, alt = str(article.seo_image or ""), "", "", ""
    if not image and cover is not None:
        image, width, height, alt = cover.src, str(cover.width), str(cover.height), article.cover_alt or ""
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
    if image:
        json_ld["image"] = absolute_url(image)
    return {
        "title": title,
        "description": description,
        "image": image,
        "image_width": width,
        "image_height": height,
        "image_alt": alt,
        "type": "article",
        "published": article.published_at.isoformat(),
        "json_ld": json_ld,
    }
