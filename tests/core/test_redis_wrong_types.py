"""A key of the wrong Redis type, or a well-formed payload of the wrong shape, is a logged miss."""

from __future__ import annotations

import json

import pytest
import redis
from django.contrib.auth.models import Group
from django.utils import translation

from codex_core.redis.batch import prefetched, prefetched_hash
from codex_core.redis.breaker import breaker
from codex_core.redis.managers.booking import BookingCacheManager
from codex_core.redis.managers.seo import SeoRedisManager
from codex_core.redis.managers.settings import DjangoSiteSettingsManager
from tests.twins import call


def test_wrongtype_seo_entry_is_a_miss_and_keeps_the_breaker_closed(
    mode: str, redis_client: redis.Redis, codex_log: pytest.LogCaptureFixture
) -> None:
    manager = SeoRedisManager()
    key = manager.page_cache_key("home", "en")
    redis_client.set(key, "not a hash")
    assert call(mode, manager, "lookup_page", "home", language="en") is None
    assert not breaker.is_open
    assert [r.getMessage() for r in codex_log.records] == [
        f"Redis rejected lookup_page on {key!r} (WRONGTYPE Operation against a key holding the wrong kind "
        "of value); treating it as a cache miss."
    ]
    call(mode, manager, "set_page", "home", {"seo_title": "Home"}, language="en")
    assert call(mode, manager, "get_page", "home", language="en") == {"seo_title": "Home"}


def test_prefetch_leaves_a_wrongtype_key_to_its_manager(redis_client: redis.Redis) -> None:
    seo = SeoRedisManager()
    settings_key = DjangoSiteSettingsManager().key
    redis_client.rpush(settings_key, "x")
    seo.set_page("home", {"seo_title": "Home"}, language="en")
    with translation.override("en"), prefetched(seo_page_key="home", settings=True):
        assert prefetched_hash(seo.page_cache_key("home", "en")) == {"seo_title": "Home"}
        assert prefetched_hash(settings_key) is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value"),
    [("name", 123), ("name", [1, 2]), ("id", "one"), ("id", True), ("name", None)],
)
def test_settings_values_of_the_wrong_type_are_a_logged_miss(
    field: str, value: object, redis_client: redis.Redis, codex_log: pytest.LogCaptureFixture
) -> None:
    group = Group.objects.create(name="Editors")
    manager = DjangoSiteSettingsManager()
    redis_client.hset(manager.key, mapping={"id": json.dumps(group.pk), "name": '"Editors"'})
    redis_client.hset(manager.key, field, json.dumps(value))
    assert manager.load_cached(Group) == {"id": group.pk, "name": "Editors"}
    assert "Discarding corrupt site settings cache entry" in codex_log.text
    assert redis_client.hget(manager.key, "name") == '"Editors"'


@pytest.mark.django_db
def test_settings_values_of_the_right_type_are_a_hit(
    django_assert_num_queries: object, redis_client: redis.Redis
) -> None:
    manager = DjangoSiteSettingsManager()
    redis_client.hset(manager.key, mapping={"id": "7", "name": '"Cached"', "extra": '{"any": 1}'})
    with django_assert_num_queries(0):  # type: ignore[operator]
        assert manager.load_cached(Group) == {"id": 7, "name": "Cached", "extra": {"any": 1}}


@pytest.mark.parametrize(
    "payload",
    [
        '[["tomorrow", "later"]]',
        '[["2030-01-01T10:00:00+00:00", "2030-01-01T11:00:00"]]',
        '[[1, "2030-01-01T11:00:00"]]',
        '[["2030-01-01T10:00:00"]]',
    ],
    ids=["not-iso", "mixed-awareness", "not-a-string", "one-bound"],
)
def test_busy_payloads_that_are_not_datetime_pairs_are_a_miss(
    mode: str, payload: str, redis_client: redis.Redis
) -> None:
    manager = BookingCacheManager()
    redis_client.set(manager.busy_key(1, "2030-01-01"), payload)
    assert call(mode, manager, "get_busy", 1, "2030-01-01") is None
    assert redis_client.exists(manager.busy_key(1, "2030-01-01")) == 0


#: Bytes that no UTF-8 decoder accepts: what a foreign writer (another client, a binary
#: cache) may leave under one of our keys. A client that decodes replies raises on them.
NOT_UTF8 = b"\xff\xfe not text"


def _foreign_bytes(redis_client: redis.Redis, key: str, kind: str) -> None:
    if kind == "hash":
        redis_client.hset(key, mapping={"seo_title": NOT_UTF8, "id": NOT_UTF8})
    else:
        redis_client.set(key, NOT_UTF8)


@pytest.mark.django_db
@pytest.mark.parametrize("target", ["seo", "settings", "notification", "busy", "generation"])
def test_a_value_that_is_not_utf8_is_a_logged_miss(
    target: str, mode: str, redis_client: redis.Redis, codex_log: pytest.LogCaptureFixture
) -> None:
    """Not a 500: the reply is read whole (the connection stays in step), the read is a miss,
    the breaker stays closed (Redis answered) and a refill replaces the value."""
    from codex_core.redis.generations import generation_key
    from codex_core.redis.managers.notifications import NotificationsCacheManager

    seo, settings_manager = SeoRedisManager(), DjangoSiteSettingsManager()
    notifications, booking = NotificationsCacheManager(), BookingCacheManager()
    key, kind, read = {
        "seo": (seo.page_cache_key("home", "en"), "hash", (seo, "lookup_page", "home")),
        "settings": (settings_manager.key, "hash", (settings_manager, "load_cached", Group)),
        "notification": (notifications.make_key("n"), "string", (notifications, "get", "n")),
        "busy": (booking.busy_key(1, "2030-01-01"), "string", (booking, "get_busy", 1, "2030-01-01")),
        "generation": (
            generation_key(notifications.make_key("n")),
            "string",
            (notifications, "refill", "n", lambda: "fresh"),
        ),
    }[target]
    _foreign_bytes(redis_client, key, kind)
    manager, name, *args = read
    if target == "generation" and mode == "async":

        async def load() -> str:
            return "fresh"

        args = ["n", load]
    kwargs = {"language": "en"} if target == "seo" else {}

    result = call(mode, manager, name, *args, **kwargs)

    assert result == ("fresh" if target == "generation" else {} if target == "settings" else None)
    assert not breaker.is_open
    # A refill names the entry whose generation it read.
    logged = ("begin_refill", notifications.make_key("n")) if target == "generation" else (name, key)
    assert "Redis answered with bytes that are not UTF-8 to {} on {!r}".format(*logged) in codex_log.text
    assert redis_client.ping()
