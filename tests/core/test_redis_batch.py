"""One pipeline round trip for a request's SEO and settings reads."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
import redis
from django.test import override_settings
from django.utils import translation

from codex_core.redis.batch import aprefetch, clear_prefetch, prefetch, prefetched, prefetched_hash
from codex_core.redis.client import aclose_clients
from codex_core.redis.instrumentation import collect_calls
from codex_core.redis.managers.seo import get_seo_redis_manager
from codex_core.redis.managers.settings import get_site_settings_manager
from tests.core.fakes import FakeSettings, command_calls
from tests.redis_server import RedisServer


@pytest.fixture
def fake() -> type[FakeSettings]:
    FakeSettings.loads = 0
    return FakeSettings


def test_prefetched_reads_cost_one_round_trip(fake: type[FakeSettings], redis_client: redis.Redis) -> None:
    seo = get_seo_redis_manager()
    settings_manager = get_site_settings_manager()
    seo.set_page("home", {"title": "Home"}, language="en")
    settings_manager.load_cached(fake)  # type: ignore[arg-type]
    redis_client.config_resetstat()

    with collect_calls() as calls, prefetched(seo_page_key="home", language="en", settings=True):
        assert seo.get_page("home", language="en") == {"title": "Home"}
        assert settings_manager.load_cached(fake) == {"site_name": "Codex"}  # type: ignore[arg-type]
        assert seo.get_page("home", language="en") == {"title": "Home"}

    assert [(c.operation, c.round_trips) for c in calls] == [("prefetch", 1)]
    assert command_calls(redis_client)["hgetall"] == 2
    assert fake.loads == 1
    assert prefetched_hash(seo.page_cache_key("home", "en")) is None  # forgotten after the block


def test_prefetched_misses_and_markers(fake: type[FakeSettings]) -> None:
    seo = get_seo_redis_manager()
    seo.set_page("gone", {}, language="en")
    with prefetched(seo_page_key="gone", language="en", settings=True):
        assert seo.lookup_page("gone", language="en") == {}
        assert get_site_settings_manager().load_cached(fake) == {"site_name": "Codex"}  # type: ignore[arg-type]
    assert fake.loads == 1
    with prefetched(seo_page_key="absent", language="en"):
        assert seo.lookup_page("absent", language="en") is None


def test_writes_drop_the_prefetched_value(fake: type[FakeSettings]) -> None:
    seo = get_seo_redis_manager()
    settings_manager = get_site_settings_manager()
    seo.set_page("home", {"title": "Old"}, language="en")
    settings_manager.save_instance(fake())  # type: ignore[arg-type]
    with prefetched(seo_page_key="home", language="en", settings=True):
        seo.set_page("home", {"title": "New"}, language="en")
        assert seo.get_page("home", language="en") == {"title": "New"}
        seo.invalidate_page("home")
        assert seo.lookup_page("home", language="en") is None
        settings_manager.invalidate()
        assert settings_manager.load_cached(fake) == {"site_name": "Codex"}  # type: ignore[arg-type]
    assert fake.loads == 1


def test_async_prefetch(fake: type[FakeSettings], redis_client: redis.Redis) -> None:
    seo = get_seo_redis_manager()
    settings_manager = get_site_settings_manager()

    async def main() -> tuple[dict[str, str], dict[str, Any]]:
        try:
            await seo.aset_page("home", {"title": "Home"}, language="en")
            await settings_manager.asave_instance(fake())  # type: ignore[arg-type]
            await aprefetch(seo_page_key="home", language="en", settings=True)
            redis_client.config_resetstat()
            page = await seo.aget_page("home", language="en")
            data = await settings_manager.aload_cached(fake)  # type: ignore[arg-type]
            assert "hgetall" not in command_calls(redis_client)
            await seo.aset_page("home", {"title": "New"}, language="en")
            await settings_manager.ainvalidate()
            assert await seo.aget_page("home", language="en") == {"title": "New"}
            await seo.ainvalidate_page("home")
            return page, data
        finally:
            clear_prefetch()
            await aclose_clients()

    assert asyncio.run(main()) == ({"title": "Home"}, {"site_name": "Codex"})
    assert fake.loads == 0


def test_nothing_to_prefetch_touches_nothing() -> None:
    with collect_calls() as calls:
        prefetch()
        asyncio.run(aprefetch())
    assert calls == []


def test_language_defaults_to_the_active_one() -> None:
    seo = get_seo_redis_manager()
    seo.set_page("home", {"title": "Start"}, language="de")
    with translation.override("de"), prefetched(seo_page_key="home"):
        assert prefetched_hash(seo.page_cache_key("home", "de")) == {"title": "Start"}


@override_settings(CODEX_REDIS_ENABLED=False)
def test_unusable_redis_memoises_nothing(redis_server: RedisServer) -> None:
    with prefetched(seo_page_key="home", language="en", settings=True):
        assert prefetched_hash(get_seo_redis_manager().page_cache_key("home", "en")) is None
        assert prefetched_hash(get_site_settings_manager().key) is None
