"""Sitemap of the active masters' pages (every language, with alternates)."""

from __future__ import annotations

from django.db.models import QuerySet

from codex_core.sitemaps import BaseSitemap
from features.booking.models import Master
from features.booking.selectors import master_list


class MasterSitemap(BaseSitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self) -> QuerySet[Master]:
        return master_list()
