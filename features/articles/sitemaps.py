"""Sitemap sections of the articles: the list page, and every public article, in every language."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.db.models import Max

from codex_core.sitemaps import BaseSitemap, StaticPagesSitemap
from features.articles.covers import cover_image
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
    """Public articles; ``BaseSitemap`` adds languages, alternates and ``lastmod`` (``updated_at``).

    Each entry also lists the article's cover (``images``: absolute URLs on the sitemap's host),
    which ``templates/sitemaps/articles.xml`` writes as Google's ``<image:image>`` extension.
    """

    changefreq = "weekly"
    priority = 0.6

    def items(self) -> ArticleQuerySet:
        return article_list_public()

    def _urls(self, page: int | str, protocol: str, domain: str) -> list[dict[str, Any]]:
        urls = super()._urls(page, protocol, domain)
        for url_info in urls:
            article = url_info["item"][0]
            cover = cover_image(article.cover)
            url_info["images"] = [f"{protocol}://{domain}{cover.src}"] if cover is not None else []
        return urls
