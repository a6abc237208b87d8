"""Registered models as test cases: make a row, read it through its selector, inspect Redis."""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Value
from django.db.models.functions import Concat
from django.utils import timezone

from codex_core.redis.managers.booking import get_booking_cache_manager
from codex_core.redis.managers.notifications import get_notifications_cache_manager
from codex_core.redis.managers.seo import get_seo_redis_manager
from codex_core.redis.managers.settings import get_site_settings_manager
from codex_core.seo.selectors import get_static_page_seo
from features.booking.models import Appointment, Master
from features.booking.selectors import busy_intervals_get
from features.notifications.cache_keys import template_cache_key
from features.notifications.models import NotificationTemplate
from features.notifications.selectors import notification_template_get
from features.pages.models import StaticPageSeo
from features.site_settings.models import SiteSettings
from tests.features.factories_booking import at, make_master, tomorrow

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def _exists(key: str) -> bool:
    client = get_seo_redis_manager().client
    return bool(client.exists(key))


@dataclass(frozen=True)
class Case:
    """How to make, read (through the cache), seed and inspect one registered model."""

    model: type[models.Model]
    make: Callable[[], models.Model]
    build: Callable[[], models.Model]  # an unsaved row for bulk_create
    locator: Callable[[Any], Hashable]
    fill: Callable[[Any], None]  # read the row through its selector (caches it)
    seed: Callable[[Hashable], None]  # write an entry for a locator that has no row
    cached: Callable[[Hashable], bool]
    edit: dict[str, Any]
    move: Callable[[Any], None] | None = None  # change the key fields of an instance
    move_expression: dict[str, Any] | None = None  # the same through update() with F()

    def __str__(self) -> str:
        return self.model.__name__


# -- static page SEO -------------------------------------------------------------------------


def _seo_fill(row: StaticPageSeo) -> None:
    for language in LANGUAGES:
        get_static_page_seo(row.page_key, language=language)


def _seo_seed(page_key: Hashable) -> None:
    for language in LANGUAGES:
        get_seo_redis_manager().set_page(str(page_key), {}, language=language)


def _seo_cached(page_key: Hashable) -> bool:
    manager = get_seo_redis_manager()
    return any(_exists(manager.page_cache_key(str(page_key), language)) for language in LANGUAGES)


def _seo_move(row: StaticPageSeo) -> None:
    row.page_key = "about"


SEO = Case(
    model=StaticPageSeo,
    make=lambda: StaticPageSeo.objects.create(page_key="home", seo_title_en="Home"),
    build=lambda: StaticPageSeo(page_key="contacts", seo_title_en="Contacts"),
    locator=lambda row: row.page_key,
    fill=_seo_fill,
    seed=_seo_seed,
    cached=_seo_cached,
    edit={"seo_title_en": "Edited"},
    move=_seo_move,
    move_expression={"page_key": Concat(F("page_key"), Value("-v2"))},
)

# -- site settings ---------------------------------------------------------------------------

SITE_SETTINGS = Case(
    model=SiteSettings,
    make=lambda: SiteSettings.objects.create(site_name="Codex"),
    build=lambda: SiteSettings(pk=1, site_name="Bulk"),
    locator=lambda row: "singleton",
    fill=lambda row: get_site_settings_manager().load_cached(SiteSettings) and None,
    seed=lambda _locator: get_site_settings_manager().save_instance(SiteSettings(site_name="Stale")),
    cached=lambda _locator: _exists(get_site_settings_manager().key),
    edit={"site_name": "Edited"},
)

# -- notification templates ------------------------------------------------------------------


def _template_fill(row: NotificationTemplate) -> None:
    for language in LANGUAGES:
        notification_template_get(row.key, language)


def _template_seed(key: Hashable) -> None:
    for language in LANGUAGES:
        get_notifications_cache_manager().set(template_cache_key(str(key), language), json.dumps(["x", "y"]))


def _template_cached(key: Hashable) -> bool:
    manager = get_notifications_cache_manager()
    return any(_exists(manager.make_key(template_cache_key(str(key), language))) for language in LANGUAGES)


def _template_move(row: NotificationTemplate) -> None:
    row.key = "welcome-renamed"


TEMPLATE = Case(
    model=NotificationTemplate,
    make=lambda: NotificationTemplate.objects.create(key="welcome", subject_en="Hi", body_en="Body"),
    build=lambda: NotificationTemplate(key="fresh", subject_en="Fresh", body_en="Body"),
    locator=lambda row: row.key,
    fill=_template_fill,
    seed=_template_seed,
    cached=_template_cached,
    edit={"subject_en": "Edited"},
    move=_template_move,
    move_expression={"key": Concat(F("key"), Value("-v2"))},
)

# -- appointments ----------------------------------------------------------------------------


def _master() -> Master:
    return Master.objects.filter(slug="anna-schmidt").first() or make_master()


def _appointment(hour: int) -> Appointment:
    start = at(tomorrow(), hour)
    return Appointment(
        master=_master(),
        start=start,
        end=start + timedelta(hours=1),
        client_name="Eva",
        client_email="e@x.org",
    )


def _make_appointment() -> Appointment:
    row = _appointment(10)
    row.save()
    return row


def _day(row: Appointment) -> tuple[int, str]:
    return row.master_id, timezone.localtime(row.start, timezone.get_default_timezone()).date().isoformat()


def _busy_fill(row: Appointment) -> None:
    busy_intervals_get(row.master, timezone.localtime(row.start, timezone.get_default_timezone()).date())


def _busy_seed(locator: Hashable) -> None:
    master_id, day = locator  # type: ignore[misc]
    get_booking_cache_manager().set_busy(master_id, day, [])


def _busy_cached(locator: Hashable) -> bool:
    master_id, day = locator  # type: ignore[misc]
    return _exists(get_booking_cache_manager().busy_key(master_id, day))


def _busy_move(row: Appointment) -> None:
    row.start += timedelta(days=1)
    row.end += timedelta(days=1)


APPOINTMENT = Case(
    model=Appointment,
    make=_make_appointment,
    build=lambda: _appointment(12),
    locator=_day,
    fill=_busy_fill,
    seed=_busy_seed,
    cached=_busy_cached,
    edit={"status": Appointment.Status.CANCELLED},
    move=_busy_move,
    move_expression={"start": F("start") + timedelta(days=1), "end": F("end") + timedelta(days=1)},
)

CASES = [SEO, SITE_SETTINGS, TEMPLATE, APPOINTMENT]
MOVABLE = [case for case in CASES if case.move is not None]
