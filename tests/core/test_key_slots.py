"""Every multi-key operation of codex_core stays inside one Redis Cluster slot.

For each key family the invalidation unit (the keys one ``DEL`` deletes, with their
generations) and each key's refill companions (generation and lock, which the ``BEGIN`` and
``STORE_*`` scripts and the ``MULTI`` writes touch together) hash to one slot, computed with
redis-py's own :func:`redis.cluster.key_slot`. And the tags are per unit, not per project:
different pages (masters, keys) spread over many slots.
"""

from __future__ import annotations

import pytest
from django.test import override_settings
from redis.cluster import key_slot

from codex_core.redis.generations import generation_key, lock_key
from codex_core.redis.keys import build_key, build_tagged_key
from codex_core.redis.managers.booking import BookingCacheManager
from codex_core.redis.managers.notifications import NotificationsCacheManager
from codex_core.redis.managers.seo import SeoRedisManager
from codex_core.redis.managers.settings import DjangoSiteSettingsManager

LANGUAGES = [("en", "English"), ("de", "Deutsch"), ("fr", "Français")]
AWKWARD = ["home", "a:b", "{x}", "}{", "with space", "ünï", "", "~", "*", "p" * 300]


def slots(keys: list[str]) -> set[int]:
    return {key_slot(key.encode()) for key in keys}


def with_companions(keys: list[str]) -> list[str]:
    return [k for key in keys for k in (key, generation_key(key), lock_key(key))]


@pytest.mark.parametrize("page", AWKWARD)
def test_one_pages_languages_and_companions_share_a_slot(page: str) -> None:
    with override_settings(LANGUAGES=LANGUAGES, LANGUAGE_CODE="en"):
        manager = SeoRedisManager(project_name="proj")
        unit = manager._invalidation_keys(page, None)
    assert len(unit) == 3
    assert len(slots(with_companions(unit))) == 1


@pytest.mark.parametrize("master", ["7", "a:b", "{m}", ""])
def test_one_masters_days_and_companions_share_a_slot(master: str) -> None:
    manager = BookingCacheManager(project_name="proj")
    days = [manager.busy_key(master, f"2026-03-{day:02d}") for day in range(1, 29)]
    assert len(slots(with_companions(days))) == 1


@pytest.mark.parametrize("key", AWKWARD)
def test_a_notification_key_and_its_companions_share_a_slot(key: str) -> None:
    full = NotificationsCacheManager(project_name="proj").make_key(key)
    assert len(slots(with_companions([full]))) == 1


def test_the_settings_key_and_its_companions_share_a_slot() -> None:
    key = DjangoSiteSettingsManager(project_name="proj").key
    assert len(slots(with_companions([key]))) == 1


def test_tags_are_per_unit_not_per_project() -> None:
    """200 pages, masters or notification keys of one project land on many slots (one tag for
    the whole project would put them all on one node)."""
    seo = SeoRedisManager(project_name="proj")
    booking = BookingCacheManager(project_name="proj")
    notes = NotificationsCacheManager(project_name="proj")
    assert len(slots([seo.page_cache_key(f"page-{i}", "en") for i in range(200)])) > 150
    assert len(slots([booking.busy_key(i, "2026-03-01") for i in range(200)])) > 150
    assert len(slots([notes.make_key(f"subject-{i}") for i in range(200)])) > 150


def test_the_tag_is_the_unit_only() -> None:
    """The hash tag names the page (or master), not the project or language: the whole key is
    hashed only by what is inside the first braces."""
    seo = SeoRedisManager(project_name="proj")
    assert seo.page_cache_key("home", "en") == "proj:seo:en:{home}"
    assert (
        BookingCacheManager(project_name="proj").busy_key(7, "2026-03-01")
        == "proj:booking:busy:{7}:2026-03-01"
    )
    assert key_slot(b"proj:seo:en:{home}") == key_slot(b"home")


def test_build_tagged_key_rest_is_escaped_and_injective() -> None:
    prefix = build_key("p", "busy")
    assert build_tagged_key(prefix, "m", rest=("a:b",)) == "p:busy:{m}:a%3Ab"
    assert build_tagged_key(prefix, "m:x") != build_tagged_key(prefix, "m", rest=("x",))
    assert build_tagged_key(prefix, "m", rest=()) == "p:busy:{m}"
