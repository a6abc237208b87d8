"""The reference's Redis managers, factories and extension seam, used as its docs use them,
against the private redis-server (no mocks). Imports are the reference's with
``codex_django.core`` renamed to ``codex_core``."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
import redis
import redis.asyncio as aioredis
from django.test import override_settings

from codex_core.redis import (
    BaseDjangoRedisManager,
    BookingCacheManager,
    DjangoSiteSettingsManager,
    NotificationsCacheManager,
    SeoRedisManager,
    StaticContentManager,
    get_booking_cache_manager,
    get_default_redis_manager,
    get_notifications_cache_manager,
    get_seo_redis_manager,
    get_site_settings_manager,
    get_static_content_manager,
)
from codex_core.redis.client import aclose_clients, get_client
from codex_core.redis.django_adapter import build_redis_client, namespaced_key
from codex_core.redis.managers.settings import SettingsProxy
from tests.redis_server import RedisServer
from tests.twins import call

pytestmark = pytest.mark.usefixtures("_project")


@pytest.fixture
def _project() -> Iterator[None]:
    with override_settings(PROJECT_NAME="proj"):
        yield


def run(coro_fn: Any) -> Any:
    """Run an async test body on a fresh loop, closing that loop's pooled clients after."""

    async def main() -> Any:
        try:
            return await coro_fn()
        finally:
            await aclose_clients()

    return asyncio.run(main())


# -- factories and re-exports ----------------------------------------------------------------
def test_factories_return_the_managers_the_package_exports() -> None:
    assert isinstance(get_booking_cache_manager(), BookingCacheManager)
    assert isinstance(get_notifications_cache_manager(), NotificationsCacheManager)
    assert isinstance(get_seo_redis_manager(), SeoRedisManager)
    assert isinstance(get_site_settings_manager(), DjangoSiteSettingsManager)
    assert isinstance(get_static_content_manager(), StaticContentManager)
    default = get_default_redis_manager()
    assert type(default) is BaseDjangoRedisManager
    assert default.make_key("k") == "proj:k"
    assert get_default_redis_manager("custom").make_key("k") == "proj:custom:k"


# -- the extension seam: prefix=, helpers ---------------------------------------------------
class CounterManager(BaseDjangoRedisManager):
    """A manager written against the reference: its own prefix, the helpers, _is_disabled()."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(prefix="counter", **kwargs)

    def hit(self, page: str) -> int:
        if self._is_disabled():
            return 0
        with self.sync_hash() as h:
            return h.increment(self.make_key("pages"), page)

    def totals(self) -> dict[str, str]:
        with self.sync_hash() as h:
            return h.get_all(self.make_key("pages")) or {}

    def remember(self, name: str, value: str) -> None:
        with self.sync_string() as s:
            s.set(self.make_key(name), value, ttl=60)

    def recall(self, name: str) -> str | None:
        with self.sync_string() as s:
            return s.get(self.make_key(name))

    async def ahit(self, page: str) -> int:
        async with self.async_hash() as h:
            return await h.increment(self.make_key("pages"), page)

    async def aremember(self, name: str, value: str) -> None:
        async with self.async_string() as s:
            await s.set(self.make_key(name), value, ttl=60)

    async def arecall(self, name: str) -> str | None:
        async with self.async_string() as s:
            return await s.get(self.make_key(name))


def test_a_subclass_written_against_the_reference_works_on_the_pooled_client(
    redis_client: redis.Redis,
) -> None:
    manager = CounterManager()
    assert manager.prefix == "counter"
    assert manager.hit("home") == 1
    assert manager.hit("home") == 2
    assert manager.totals() == {"home": "2"}
    assert redis_client.hgetall("proj:counter:pages") == {"home": "2"}
    manager.remember("greeting", "hello")
    assert manager.recall("greeting") == "hello"
    assert 50 < redis_client.ttl("proj:counter:greeting") <= 60
    with manager.sync_hash() as h, manager.sync_string() as s:
        assert h.client is get_client(manager.options) is s.client  # the shared pool, not a new client

    async def body() -> None:
        assert await manager.ahit("home") == 3
        await manager.aremember("async", "yes")
        assert await manager.arecall("async") == "yes"
        async with manager.async_hash() as h:
            assert await h.get_all(manager.make_key("missing")) is None
            assert await h.get_field(manager.make_key("pages"), "home") == "3"

    run(body)
    assert redis_client.get("proj:counter:async") == "yes"


def test_helpers_cover_the_reference_operations(redis_client: redis.Redis) -> None:
    manager = get_default_redis_manager("ops")
    key = manager.make_key("h")
    with manager.sync_hash() as h:
        h.set_fields(key, {"a": "1", "b": "2"})
        h.set_field(key, "c", "3")
        assert h.get_fields(key, "a", "zz") == ["1", None]
        assert h.exists_field(key, "c")
        assert not h.exists_field(key, "zz")
        assert sorted(h.keys(key)) == ["a", "b", "c"]
        assert sorted(h.values(key)) == ["1", "2", "3"]
        assert h.length(key) == 3
        assert h.delete_field(key, "a") == 1
        h.set_fields(key, {"n": 5}, encoder=lambda v: str(v * 2))
        assert h.get_field(key, "n") == "10"
        h.delete(key)
        assert h.get_all(key) is None
        with pytest.raises(TypeError, match="mapping"):
            h.set_fields(key, [("a", "1")])  # type: ignore[arg-type]
    with manager.sync_string() as s:
        s.set(manager.make_key("s"), "v")
        assert s.exists(manager.make_key("s"))
        assert s.ttl(manager.make_key("s")) == -1
        assert s.expire(manager.make_key("s"), 30)
        assert 0 < s.ttl(manager.make_key("s")) <= 30
        assert s.incr(manager.make_key("n")) == 1
        s.delete(manager.make_key("s"))
        assert s.get(manager.make_key("s")) is None
    assert redis_client.keys("proj:ops:*") == ["proj:ops:n"]


def test_async_helpers_cover_the_reference_operations(redis_client: redis.Redis) -> None:
    manager = get_default_redis_manager("aops")
    key, skey = manager.make_key("h"), manager.make_key("s")

    async def body() -> None:
        async with manager.async_hash() as h:
            await h.set_fields(key, {"a": "1", "b": "2"})
            await h.set_field(key, "c", "3")
            assert await h.get_fields(key, "a", "zz") == ["1", None]
            assert await h.exists_field(key, "c")
            assert sorted(await h.keys(key)) == ["a", "b", "c"]
            assert sorted(await h.values(key)) == ["1", "2", "3"]
            assert await h.length(key) == 3
            assert await h.delete_field(key, "a") == 1
            await h.set_fields(key, {"n": 5}, encoder=lambda v: str(v * 2))
            assert await h.get_field(key, "n") == "10"
            await h.delete(key)
            assert await h.get_all(key) is None
        async with manager.async_string() as s:
            await s.set(skey, "v")
            assert await s.exists(skey)
            assert await s.ttl(skey) == -1
            assert await s.expire(skey, 30)
            assert await s.incr(manager.make_key("n")) == 1
            await s.delete(skey)
            assert await s.get(skey) is None

    run(body)
    assert redis_client.keys("proj:aops:*") == ["proj:aops:n"]


def test_a_helper_write_beats_a_refill_that_began_before_it(redis_client: redis.Redis) -> None:
    """Helpers' writes drop the key's generation, as the managers' writes do: a refill that
    read the database before the write cannot store its older value over it."""
    seo = get_seo_redis_manager()
    ticket = seo.begin_page_refill("home", language="en")
    with seo.sync_hash() as h:
        h.set_fields(seo.page_cache_key("home", "en"), {"title": "written by a helper"})
    assert seo.set_page("home", {"title": "old row"}, language="en", ticket=ticket) is False
    assert seo.get_page("home", language="en") == {"title": "written by a helper"}


# -- client factories --------------------------------------------------------------------------
def test_client_factories_are_used_and_called_once_per_manager(
    redis_server: RedisServer, redis_client: redis.Redis
) -> None:
    made: list[str] = []

    def sync_factory() -> redis.Redis:
        made.append("sync")
        return redis.Redis.from_url(redis_server.url, decode_responses=True, client_name="compat-sync")

    def async_factory() -> aioredis.Redis:
        made.append("async")
        return aioredis.Redis.from_url(redis_server.url, decode_responses=True, client_name="compat-async")

    manager = NotificationsCacheManager(sync_client_factory=sync_factory, async_client_factory=async_factory)
    manager.set("subject", "Hello", timeout=60)
    assert manager.get("subject") == "Hello"
    with manager.sync_string() as s:
        assert s.client is manager.client
    assert made == ["sync"]
    assert "compat-sync" in {c["name"] for c in redis_client.client_list()}

    async def body() -> str | None:
        await manager.aset("other", "World")
        names = {c["name"] for c in await manager.async_client.client_list()}
        assert "compat-async" in names
        try:
            return await manager.aget("subject")
        finally:
            await manager.async_client.aclose()  # the factory's client is the caller's to close

    assert run(body) == "Hello"
    assert made == ["sync", "async"]
    manager.client.close()


def test_reference_style_kwargs_reach_every_manager(redis_server: RedisServer) -> None:
    def factory() -> redis.Redis:
        return redis.Redis.from_url(redis_server.url, decode_responses=True)

    for cls in (
        BookingCacheManager,
        NotificationsCacheManager,
        SeoRedisManager,
        DjangoSiteSettingsManager,
        StaticContentManager,
    ):
        manager = cls(sync_client_factory=factory)
        assert manager.client.ping() is True
        manager.client.close()


# -- the managers, as documented ---------------------------------------------------------------
def test_booking_stores_times_of_day_that_it_reads_back(mode: str, redis_client: redis.Redis) -> None:
    manager = get_booking_cache_manager()
    call(mode, manager, "set_busy", "m1", "2026-03-01", [["10:00", "11:00"], ["12:30", "13:00"]])
    assert call(mode, manager, "get_busy", "m1", "2026-03-01") == [["10:00", "11:00"], ["12:30", "13:00"]]
    assert redis_client.exists("proj:booking:busy:{m1}:2026-03-01") == 1  # not deleted as corrupt
    call(mode, manager, "invalidate_master_date", "m1", "2026-03-01")
    assert call(mode, manager, "get_busy", "m1", "2026-03-01") is None


@pytest.mark.parametrize(
    ("intervals", "error", "message"),
    [
        ("10:00-11:00", TypeError, "list of"),
        ([["10:00"]], TypeError, "pair"),
        ([[10, 11]], TypeError, "ISO 8601 strings"),
        ([["soon", "later"]], ValueError, "'soon' is not an ISO 8601"),
        ([["10:00", "2026-03-01T11:00"]], ValueError, "mix"),
        ([["2026-03-01T10:00+01:00", "2026-03-01T11:00"]], ValueError, "mix"),
    ],
)
def test_booking_refuses_what_its_reader_would_delete(
    mode: str, intervals: Any, error: type[Exception], message: str, redis_client: redis.Redis
) -> None:
    manager = get_booking_cache_manager()
    call(mode, manager, "set_busy", "m1", "2026-03-01", [["09:00", "09:30"]])
    with pytest.raises(error, match=message):
        call(mode, manager, "set_busy", "m1", "2026-03-01", intervals)
    assert call(mode, manager, "get_busy", "m1", "2026-03-01") == [["09:00", "09:30"]]  # untouched


def test_notifications_round_trip_with_timeout(mode: str, redis_client: redis.Redis) -> None:
    manager = get_notifications_cache_manager()
    assert call(mode, manager, "get", "subject:welcome") is None
    call(mode, manager, "set", "subject:welcome", "Welcome!", timeout=120)
    assert call(mode, manager, "get", "subject:welcome") == "Welcome!"
    (key,) = redis_client.keys("proj:*")
    assert 110 < redis_client.ttl(key) <= 120
    call(mode, manager, "set", "count", 5)  # any value is stored as str(value) and read back as that
    assert call(mode, manager, "get", "count") == "5"


def test_seo_pages_round_trip_and_refuse_reserved_fields(mode: str, redis_client: redis.Redis) -> None:
    manager = get_seo_redis_manager()
    call(mode, manager, "set_page", "home", {"title": "Home", "description": "Welcome"}, timeout=60)
    assert call(mode, manager, "get_page", "home") == {"title": "Home", "description": "Welcome"}
    with pytest.raises(ValueError, match="reserved"):
        call(mode, manager, "set_page", "home", {"__codex_missing__": "1"})
    with pytest.raises(TypeError, match="mapping"):
        call(mode, manager, "set_page", "home", [("title", "x")])
    assert call(mode, manager, "get_page", "home") == {"title": "Home", "description": "Welcome"}
    call(mode, manager, "invalidate_page", "home")
    assert call(mode, manager, "get_page", "home") == {}


def test_settings_proxy_as_documented() -> None:
    proxy = SettingsProxy({"phone": "+49 30 1234"})
    assert proxy.phone == "+49 30 1234"
    assert proxy["phone"] == "+49 30 1234"
    assert proxy.missing == ""
    assert proxy["missing"] == ""
    assert proxy.data == {"phone": "+49 30 1234"}


# -- django_adapter --------------------------------------------------------------------------
def test_django_adapter_builds_a_working_client_and_the_managers_keys(redis_client: redis.Redis) -> None:
    async def body() -> str | None:
        client = build_redis_client()
        try:
            await client.set(namespaced_key("sessions", "abc"), "data")
            return await client.get("proj:sessions:abc")
        finally:
            await client.aclose()

    assert run(body) == "data"
    assert namespaced_key("sessions", "abc") == get_default_redis_manager("sessions").make_key("abc")
    assert namespaced_key("", "abc", project_name="") == "abc"
    assert namespaced_key("a:b", "c") == "proj:a%3Ab:c"  # escaped as make_key escapes


def test_django_adapter_client_follows_the_configured_topology(topology) -> None:
    """Sentinel mode: ``REDIS_URL`` names no server (its host is ignored), so a plain client
    for it would write elsewhere; cluster mode: a plain client for one node gets MOVED. The
    adapter's client reaches the same data as the managers, in every mode."""
    from codex_core.redis.client import ClientOptions

    keys = [namespaced_key("sessions", f"adapter-{n}") for n in range(8)]  # spread over slots

    async def body() -> list[str | None]:
        client = build_redis_client()
        try:
            for key in keys:
                await client.set(key, f"value of {key}")
            return [await client.get(key) for key in keys]
        finally:
            await client.aclose()

    assert run(body) == [f"value of {key}" for key in keys]
    managers_client = get_client(ClientOptions.from_settings())
    assert [managers_client.get(key) for key in keys] == [f"value of {key}" for key in keys]


def test_redis_stays_on_under_debug_unless_switched_off(redis_client: redis.Redis) -> None:
    """0.7.0 switched Redis off under DEBUG unless CODEX_REDIS_ENABLED was True; ours is on
    unless it is False (the default is True), whatever DEBUG says."""
    from django.conf import settings

    from codex_core.conf import get_config

    try:
        with override_settings(DEBUG=True):
            del settings.CODEX_REDIS_ENABLED
            get_config.cache_clear()
            manager = get_notifications_cache_manager()
            assert manager._is_disabled() is False
            manager.set("k", "v")
            assert manager.get("k") == "v"
            with override_settings(CODEX_REDIS_ENABLED=False):
                assert manager._is_disabled() is True
                assert manager.get("k") is None
    finally:
        get_config.cache_clear()


def test_helper_failures_are_redis_py_exceptions(redis_server: RedisServer) -> None:
    manager = get_default_redis_manager("down")
    redis_server.stop()
    with pytest.raises(redis.ConnectionError), manager.sync_string() as s:
        s.get(manager.make_key("k"))
