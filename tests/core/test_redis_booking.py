"""BookingCacheManager against the private redis-server."""

from __future__ import annotations

import logging

import pytest
import redis
from django.test import override_settings

from codex_core.redis.managers.booking import get_booking_cache_manager
from tests.twins import call

INTERVALS = [["2026-03-01T09:00:00", "2026-03-01T10:00:00"], ["2026-03-01T12:00:00", "2026-03-01T12:30:00"]]


@override_settings(PROJECT_NAME="proj")
def test_round_trip_with_one_set_ex(mode: str, redis_client: redis.Redis) -> None:
    manager = get_booking_cache_manager()
    assert call(mode, manager, "get_busy", 7, "2026-03-01") is None
    redis_client.config_resetstat()
    call(mode, manager, "set_busy", 7, "2026-03-01", INTERVALS)
    calls = {k.removeprefix("cmdstat_"): v["calls"] for k, v in redis_client.info("commandstats").items()}
    # One transaction: the SET ... EX and the DEL of the day's generation (a late refill of
    # the old intervals must not overwrite this write).
    assert (calls["multi"], calls["set"], calls["del"], calls["exec"]) == (1, 1, 1, 1)
    assert "expire" not in calls
    key = "proj:booking:busy:{7}:2026-03-01"
    assert 290 < redis_client.ttl(key) <= 300
    assert call(mode, manager, "get_busy", "7", "2026-03-01") == INTERVALS  # int and str ids share a key
    assert call(mode, manager, "get_busy", 7, "2026-03-02") is None
    call(mode, manager, "set_busy", 7, "2026-03-01", [], 10)
    assert call(mode, manager, "get_busy", 7, "2026-03-01") == []
    assert redis_client.ttl(key) <= 10


def test_invalidate_is_surgical(mode: str) -> None:
    manager = get_booking_cache_manager()
    call(mode, manager, "set_busy", 1, "2026-03-01", INTERVALS)
    call(mode, manager, "set_busy", 1, "2026-03-02", INTERVALS)
    call(mode, manager, "set_busy", 2, "2026-03-01", INTERVALS)
    call(mode, manager, "invalidate_master_date", 1, "2026-03-01")
    assert call(mode, manager, "get_busy", 1, "2026-03-01") is None
    assert call(mode, manager, "get_busy", 1, "2026-03-02") == INTERVALS
    assert call(mode, manager, "get_busy", 2, "2026-03-01") == INTERVALS


def test_ids_with_separators_do_not_collide(mode: str) -> None:
    manager = get_booking_cache_manager()
    call(mode, manager, "set_busy", "1:2026", "01", [["10:00", "11:00"]])
    assert call(mode, manager, "get_busy", "1", "2026:01") is None
    assert call(mode, manager, "get_busy", "1:2026", "01") == [["10:00", "11:00"]]


@pytest.mark.parametrize(
    "payload",
    ["not json", '{"a": 1}', "[1]", '[["only-one"]]', '[["a", 2]]', '[["a", "b", "c"]]', '"text"'],
)
def test_corrupt_payload_is_a_logged_miss_and_deleted(
    mode: str, payload: str, redis_client: redis.Redis, codex_log: pytest.LogCaptureFixture
) -> None:
    manager = get_booking_cache_manager()
    key = manager.busy_key(3, "2026-03-01")
    redis_client.set(key, payload)
    assert call(mode, manager, "get_busy", 3, "2026-03-01") is None
    assert redis_client.exists(key) == 0
    assert [(r.levelno, r.getMessage()) for r in codex_log.records] == [
        (logging.WARNING, f"Discarding corrupt busy-slot cache entry {key}: {payload!r}")
    ]


@pytest.mark.parametrize("timeout", [0, -1])
def test_non_positive_timeout_is_rejected(mode: str, timeout: int) -> None:
    with pytest.raises(ValueError, match=rf"timeout must be a positive number of seconds, got {timeout}"):
        call(mode, get_booking_cache_manager(), "set_busy", 1, "2026-03-01", [], timeout)
