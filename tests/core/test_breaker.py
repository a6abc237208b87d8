"""Redis down, hung or disabled: managers degrade to defaults, log once, and recover."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterator
from typing import Any

import pytest
import redis
from django.test import override_settings

from codex_core.redis.breaker import CircuitBreaker, Permit, breaker
from codex_core.redis.client import aclose_clients, close_clients
from codex_core.redis.instrumentation import collect_calls
from codex_core.redis.managers.booking import get_booking_cache_manager
from codex_core.redis.managers.notifications import get_notifications_cache_manager
from codex_core.redis.managers.seo import get_seo_redis_manager
from codex_core.redis.managers.settings import get_site_settings_manager
from codex_core.redis.pending import pending
from tests.core.fakes import FakeSettings
from tests.redis_server import RedisServer, out_of_memory, read_only_replica
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
    call(mode, booking, "set_busy", 1, "2026-03-01", [["10:00", "11:00"]])
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
    with collect_calls() as calls:
        for _ in range(10):
            assert every_operation(mode, fake) == [{}, None, None, None, {"site_name": "Codex"}]
    assert fake.loads == 10  # the database served every settings read
    outcomes = [c.outcome for c in calls]
    assert outcomes[0] == "error"
    # Breaker open: no read or refill is attempted; invalidations (and the writes that turn
    # into one) still are, each with one short try, and stay queued for the recovery.
    assert {c.outcome for c in calls[1:] if c.operation != "invalidate"} == {"skipped"}
    assert all(c.round_trips == 0 for c in calls[1:] if c.operation != "invalidate")
    assert {c.outcome for c in calls if c.operation == "invalidate"} == {"error"}
    assert len(pending) == 10 * 8
    [warning] = messages(codex_log)
    assert warning.startswith(f"{UNAVAILABLE} (ConnectionError: ")


@override_settings(CODEX_REDIS_BREAKER_COOLDOWN=5)
def test_caching_resumes_after_restart_and_cooldown(
    mode: str,
    redis_server: RedisServer,
    redis_client: redis.Redis,
    codex_log: pytest.LogCaptureFixture,
    clock: FakeClock,
) -> None:
    seo = get_seo_redis_manager()
    call(mode, seo, "set_page", "home", {"title": "Before"}, language="en")  # pool has a live connection
    redis_server.stop()
    call(mode, seo, "set_page", "home", {"title": "Lost"}, language="en")
    redis_server.start()
    assert call(mode, seo, "lookup_page", "home", language="en") is None  # cooling down: skipped
    assert breaker.state == "open"
    clock.now += 5

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
    epoch = breaker.epoch
    redis_server.pause()
    try:
        with collect_calls() as calls:
            assert call(mode, seo, "get_page", "home", language="en") == {}
            for _ in range(20):
                assert call(mode, seo, "lookup_page", "home", language="en") is None
    finally:
        redis_server.resume()
    # One call waited for the timeout (one failure recorded); the 20 after it never touched
    # the socket. Counted, not timed: a loaded machine makes no call look skipped.
    assert [c.outcome for c in calls] == ["error"] + ["skipped"] * 20
    assert all(c.round_trips == 0 for c in calls[1:])
    assert breaker.epoch == epoch + 1
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


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_breaker_lets_one_probe_through_after_cooldown(codex_log: pytest.LogCaptureFixture) -> None:
    clock = FakeClock()
    local = CircuitBreaker(clock)
    assert local.allow()
    assert local.state == "closed"
    local.record_success()  # no outage: nothing logged
    local.record_failure(ConnectionError("refused"), cooldown=0.05)
    local.record_failure(ConnectionError("refused"), cooldown=0.05)
    assert local.is_open
    assert local.state == "open"
    assert not local.allow()
    clock.now += 0.06
    assert not local.is_open
    assert local.state == "half-open"
    assert local.acquire() is Permit.PROBE
    assert local.acquire() is Permit.DENIED  # everyone else waits for it
    assert local.state == "half-open"
    local.record_success()
    assert local.acquire() is Permit.ALLOWED
    local.reset()
    assert messages(codex_log) == [
        "Redis is unavailable (ConnectionError: refused); serving from the database and skipping cache "
        "writes, retrying every 0.1s.",
        RECOVERED,
    ]
    assert "Redis circuit breaker half-open: letting one call through to probe." in codex_log.text


def test_a_probe_that_ends_without_an_answer_frees_the_slot() -> None:
    clock = FakeClock()
    local = CircuitBreaker(clock)
    local.record_failure(ConnectionError("refused"), cooldown=1)
    clock.now += 2
    assert local.acquire() is Permit.PROBE
    local.end_probe()  # the caller raised, or its task was cancelled
    assert local.acquire() is Permit.PROBE


def test_a_reply_to_a_call_older_than_the_failure_does_not_close_the_breaker() -> None:
    clock = FakeClock()
    local = CircuitBreaker(clock)
    in_flight = local.epoch  # a call starts, then another one fails
    local.record_failure(ConnectionError("refused"), cooldown=1)
    local.record_success(in_flight)  # the older call's reply arrives
    assert local.state == "open"
    clock.now += 2
    assert local.acquire() is Permit.PROBE
    local.record_success(local.epoch)  # the probe's reply
    assert local.state == "closed"


@pytest.fixture
def clock() -> Iterator[FakeClock]:
    """The shared breaker on a clock the test moves by hand (cooldowns end when it says)."""
    fake = FakeClock()
    breaker._clock = fake
    try:
        yield fake
    finally:
        breaker._clock = time.monotonic


@pytest.fixture
def half_open(clock: FakeClock) -> Iterator[None]:
    """The shared breaker opened by one failure, its cooldown over."""
    with override_settings(CODEX_REDIS_BREAKER_COOLDOWN=5):
        breaker.record_failure(redis.TimeoutError("Timeout reading from socket"), 5)
        assert breaker.state == "open"
        clock.now += 5
        assert breaker.state == "half-open"
        yield


def test_an_error_reply_to_the_probe_closes_the_breaker_wrongtype(
    mode: str, half_open: None, redis_client: redis.Redis, codex_log: pytest.LogCaptureFixture
) -> None:
    seo = get_seo_redis_manager()
    redis_client.set(seo.page_cache_key("home", "en"), "a foreign string where a hash belongs")
    with collect_calls() as calls:
        assert call(mode, seo, "lookup_page", "home", language="en") is None  # the probe: WRONGTYPE
        assert breaker.state == "closed"
        call(mode, seo, "set_page", "home", {"title": "Home"}, language="en")
        assert call(mode, seo, "get_page", "home", language="en") == {"title": "Home"}
    assert [c.outcome for c in calls] == ["error", "write", "hit"]
    assert RECOVERED in messages(codex_log)


def test_an_error_reply_to_the_probe_closes_the_breaker_readonly(
    mode: str, half_open: None, redis_server: RedisServer, redis_client: redis.Redis
) -> None:
    seo = get_seo_redis_manager()
    key = seo.page_cache_key("home", "en")
    redis_client.hset(key, "title", "Old")
    with read_only_replica(redis_server):
        # The probe is a write: READONLY. It cannot land, so the page is invalidated instead,
        # which cannot land either: it is queued, and reads skip the cache until it lands.
        call(mode, seo, "set_page", "home", {"title": "New"}, language="en")
        assert breaker.state == "closed"
        assert len(pending) == 1
        assert call(mode, seo, "lookup_page", "home", language="en") is None
    assert call(mode, seo, "lookup_page", "home", language="en") is None  # replayed, then a miss
    assert len(pending) == 0
    assert not redis_client.exists(key)


def test_an_error_reply_to_the_probe_closes_the_breaker_oom(
    mode: str, half_open: None, redis_server: RedisServer, redis_client: redis.Redis
) -> None:
    seo = get_seo_redis_manager()
    key = seo.page_cache_key("home", "en")
    redis_client.hset(key, "title", "Old")
    with out_of_memory(redis_server):
        call(mode, seo, "set_page", "home", {"title": "New"}, language="en")  # the probe: OOM
        assert breaker.state == "closed"
        # The write did not land, so the old entry was deleted (DEL works under OOM).
        assert not redis_client.exists(key)
        assert len(pending) == 0


@override_settings(CODEX_REDIS_SOCKET_TIMEOUT=60.0)  # the probe hangs until cancelled, on any machine
def test_a_cancelled_probe_frees_the_slot(half_open: None, redis_server: RedisServer) -> None:
    seo = get_seo_redis_manager()

    async def main() -> None:
        try:
            probe = asyncio.create_task(seo.alookup_page("home", language="en"))
            for _ in range(1000):  # until the probe holds the slot (it then hangs)
                if breaker._probing:
                    break
                await asyncio.sleep(0.01)
            assert breaker.acquire() is Permit.DENIED
            probe.cancel()
            with pytest.raises(asyncio.CancelledError):
                await probe
        finally:
            await aclose_clients()

    close_clients()
    redis_server.pause()
    try:
        asyncio.run(main())
    finally:
        redis_server.resume()
    assert breaker.acquire() is Permit.PROBE  # the slot is free again
    breaker.end_probe()


def test_shared_breaker_is_reset_between_tests() -> None:
    assert not breaker.is_open
    assert breaker.allow()
