"""Redis down, hung or disabled: managers degrade to defaults, log once, and recover."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from typing import Any

import pytest
import redis
from django.test import override_settings

from codex_core.redis.breaker import CircuitBreaker, breaker
from codex_core.redis.instrumentation import collect_calls
from codex_core.redis.managers.booking import get_booking_cache_manager
from codex_core.redis.managers.notifications import get_notifications_cache_manager
from codex_core.redis.managers.seo import get_seo_redis_manager
from codex_core.redis.managers.settings import get_site_settings_manager
from tests.core.fakes import FakeSettings
from tests.redis_server import RedisServer
from tests.twins import call

UNAVAILABLE = "Redis is unavailable"
RECOVERED = "Redis is reachable again; caching resumed."


@pytest.fixture
def fake() -> type[FakeSettings]:
    FakeSettings.loads = 0
    return FakeSettings


def every_operation(mode: str, fake: type[FakeSettings]) -> list[Any]:
    """One read and one write through each manager; returns the reads' results."""
    seo = get_seo_redis_manager()
    booking = get_booking_cache_manager()
    notifications = get_notifications_cache_manager()
    settings_manager = get_site_settings_manager()
    call(mode, seo, "set_page", "home", {"title": "Home"}, language="en")
    call(mode, booking, "set_busy", 1, "2026-03-01", [["a", "b"]])
    call(mode, notifications, "set", "k", "v")
    call(mode, settings_manager, "save_instance", fake())
    call(mode, seo, "invalidate_page", "home")
    call(mode, booking, "invalidate_master_date", 1, "2026-03-01")
    call(mode, notifications, "delete", "k")
    call(mode, settings_manager, "invalidate")
    return [
        call(mode, seo, "get_page", "home", language="en"),
        call(mode, seo, "lookup_page", "home", language="en"),
        call(mode, booking, "get_busy", 1, "2026-03-01"),
        call(mode, notifications, "get", "k"),
        call(mode, settings_manager, "load_cached", fake),
    ]


def messages(log: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in log.records if r.levelno >= logging.WARNING]


@pytest.fixture
def stopped(redis_server: RedisServer) -> Iterator[RedisServer]:
    redis_server.stop()
    yield redis_server
    redis_server.start()


def test_outage_returns_defaults_logs_once_and_skips_without_connecting(
    mode: str, fake: type[FakeSettings], stopped: RedisServer, codex_log: pytest.LogCaptureFixture
) -> None:
    started = time.monotonic()
    with collect_calls() as calls:
        for _ in range(10):
            assert every_operation(mode, fake) == [{}, None, None, None, {"site_name": "Codex"}]
    assert time.monotonic() - started < 3
    assert fake.loads == 10  # the database served every settings read
    outcomes = [c.outcome for c in calls]
    assert outcomes[0] == "error"
    assert set(outcomes[1:]) == {"skipped"}  # breaker open: no connection attempted
    assert all(c.round_trips == 0 for c in calls[1:])
    [warning] = messages(codex_log)
    assert warning.startswith(f"{UNAVAILABLE} (ConnectionError: ")


@override_settings(CODEX_REDIS_BREAKER_COOLDOWN=0.05)
def test_caching_resumes_after_restart_and_cooldown(
    mode: str, redis_server: RedisServer, redis_client: redis.Redis, codex_log: pytest.LogCaptureFixture
) -> None:
    seo = get_seo_redis_manager()
    call(mode, seo, "set_page", "home", {"title": "Before"}, language="en")  # pool has a live connection
    redis_server.stop()
    call(mode, seo, "set_page", "home", {"title": "Lost"}, language="en")
    redis_server.start()
    time.sleep(0.1)

    call(mode, seo, "set_page", "home", {"title": "After"}, language="en")

    assert redis_client.hgetall(seo.page_cache_key("home", "en")) == {"title": "After"}
    assert call(mode, seo, "get_page", "home", language="en") == {"title": "After"}
    assert [m.split(" (")[0] for m in messages(codex_log)] == [UNAVAILABLE, RECOVERED]


@override_settings(CODEX_REDIS_SOCKET_TIMEOUT=0.2, CODEX_REDIS_CONNECT_TIMEOUT=0.2)
def test_hung_server_costs_one_socket_timeout(
    mode: str, redis_server: RedisServer, codex_log: pytest.LogCaptureFixture
) -> None:
    seo = get_seo_redis_manager()
    call(mode, seo, "set_page", "home", {"title": "Home"}, language="en")
    redis_server.pause()
    try:
        started = time.monotonic()
        assert call(mode, seo, "get_page", "home", language="en") == {}
        first = time.monotonic() - started
        started = time.monotonic()
        for _ in range(20):
            assert call(mode, seo, "lookup_page", "home", language="en") is None
        rest = time.monotonic() - started
    finally:
        redis_server.resume()
    assert 0.15 < first < 0.6
    assert rest < 0.5
    [warning] = messages(codex_log)
    assert warning.startswith(f"{UNAVAILABLE} (TimeoutError: ")


@override_settings(CODEX_REDIS_ENABLED=False)
def test_disabled_writes_nothing_and_reads_the_database(
    mode: str, fake: type[FakeSettings], redis_client: redis.Redis, codex_log: pytest.LogCaptureFixture
) -> None:
    redis_client.hset(get_seo_redis_manager().page_cache_key("home", "en"), "title", "Stale")
    with collect_calls() as calls:
        for _ in range(3):
            assert every_operation(mode, fake) == [{}, None, None, None, {"site_name": "Codex"}]
    assert {c.outcome for c in calls} == {"skipped"}
    assert redis_client.keys("*") == [get_seo_redis_manager().page_cache_key("home", "en")]
    assert fake.loads == 3
    assert messages(codex_log) == []


def test_breaker_lets_one_probe_through_after_cooldown(codex_log: pytest.LogCaptureFixture) -> None:
    local = CircuitBreaker()
    assert local.allow()
    local.record_success()  # no outage: nothing logged
    local.record_failure(ConnectionError("refused"), cooldown=0.05)
    local.record_failure(ConnectionError("refused"), cooldown=0.05)
    assert local.is_open
    assert not local.allow()
    time.sleep(0.06)
    assert not local.is_open
    assert local.allow()  # the probe
    assert not local.allow()  # everyone else waits for it
    local.record_success()
    assert local.allow()
    local.reset()
    assert messages(codex_log) == [
        "Redis is unavailable (ConnectionError: refused); serving from the database and skipping cache "
        "writes, retrying every 0.1s.",
        RECOVERED,
    ]


def test_shared_breaker_is_reset_between_tests() -> None:
    assert not breaker.is_open
    assert breaker.allow()
