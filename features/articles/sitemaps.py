"""Sitemap section of the articles: every public article in every language."""

from __future__ import annotations

from codex_core.sitemaps import BaseSitemap
from features.articles.models import ArticleQuerySet
from features.articles.selectors import article_list_public


class ArticleSitemap(BaseSitemap):
    """Public articles; ``BaseSitemap`` adds languages, alternates and ``lastmod`` (``updated_at``)."""

    changefreq = "weekly"
    priority = 0.6

    def items(self) -> ArticleQuerySet:
        return article_list_public()
