from datetime import timedelta
from typing import Any

from django.apps import AppConfig
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def busy_targets(row: Any) -> list[tuple[str, int, str]]:
    """The cached busy days of an appointment's master: every site-local day it overlaps."""
    tz = timezone.get_default_timezone()
    first = timezone.localtime(row.start, tz).date()
    last = (
        timezone.localtime(row.end - timedelta(microseconds=1), tz).date() if row.end > row.start else first
    )
    days = (last - first).days
    return [("busy", row.master_id, (first + timedelta(days=n)).isoformat()) for n in range(days + 1)]


def master_list_targets(row: Any) -> list[tuple[str]]:
    """What a master's or a service's row feeds: the page-cached master list (and its sitemap)."""
    return [("master_list",)]


class BookingConfig(AppConfig):
    name = "features.booking"
    label = "booking"
    verbose_name = _("Booking")

    def ready(self) -> None:
        from codex_core.invalidation import register_model
        from codex_core.pagecache import register_page_tag_kind
        from features.booking.checks import check_horizon  # noqa: F401  (registers the system check)

        register_model(self.get_model("Appointment"), targets=busy_targets, fields=("master", "start", "end"))
        # Masters feed the page-cached master list and sitemaps (their detail pages hold a CSRF token).
        register_model(self.get_model("Master"), targets=master_list_targets)
        # The master list names each master's services and prices.
        register_model(self.get_model("Service"), targets=master_list_targets)
        register_page_tag_kind("master_list")
