"""Sitemap sections of the masters: the list page, and each active master's page (every language)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from django.db.models import Max, QuerySet

from codex_core.sitemaps import BaseSitemap, StaticPagesSitemap
from features.booking.models import Master
from features.booking.selectors import master_list


class MasterListSitemap(StaticPagesSitemap):
    """The master list, dated by the newest ``updated_at`` of the active masters it shows (one query)."""

    changefreq = "weekly"
    priority = 0.7

    def items(self) -> list[str]:
        return ["booking:master_list"]

    def lastmods(self) -> Mapping[str, datetime]:
        latest: datetime | None = master_list().order_by().aggregate(latest=Max("updated_at"))["latest"]
        return {} if latest is None else {"booking:master_list": latest}


class MasterSitemap(BaseSitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self) -> QuerySet[Master]:
        return master_list()
