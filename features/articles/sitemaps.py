"""Sitemap sections of the articles: the list page, and every public article, in every language."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from django.db.models import Max

from codex_core.sitemaps import BaseSitemap, StaticPagesSitemap
from features.articles.models import ArticleQuerySet
from features.articles.selectors import article_list_public


class ArticleListSitemap(StaticPagesSitemap):
    """The article list, dated by the newest ``updated_at`` of the public articles it shows.

    One ``MAX`` query per sitemap page. Hiding an article does not date the list (the hidden
    row no longer counts); no articles, no ``lastmod``.
    """

    changefreq = "daily"
    priority = 0.7

    def items(self) -> list[str]:
        return ["articles:list"]

    def lastmods(self) -> Mapping[str, datetime]:
        latest: datetime | None = (
            article_list_public().order_by().aggregate(latest=Max("updated_at"))["latest"]
        )
        return {} if latest is None else {"articles:list": latest}


class ArticleSitemap(BaseSitemap):
    """Public articles; ``BaseSitemap`` adds languages, alternates and ``lastmod`` (``updated_at``)."""

    changefreq = "weekly"
    priority = 0.6

    def items(self) -> ArticleQuerySet:
        return article_list_public()
