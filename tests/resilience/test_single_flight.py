"""Concurrent cold reads of one key make one database read (single flight), and a reader
that waits for the flight never gets a value an invalidation made stale."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connections
from django.test import override_settings

from codex_core.redis import flight
from codex_core.redis.client import aclose_clients, close_clients
from codex_core.redis.managers.seo import get_seo_redis_manager
from codex_core.seo.selectors import aget_static_page_seo, get_static_page_seo
from tests.core.support_models.gates import gate
from tests.core.support_models.models import CustomSeo

READERS = 50


@pytest.fixture(autouse=True)
def _patient_followers(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The machine running the tests is loaded: let followers wait long enough for the
    leader, and Redis connects and replies take their time (fifty coroutines connect at once), so
    that a slow leader or a slow connect or reply (a timeout opens the breaker, and every reader
    then reads the database) is not mistaken for a second database read."""
    monkeypatch.setattr(flight, "FOLLOWER_WAIT", 30.0)
    close_clients()
    with override_settings(CODEX_REDIS_SOCKET_TIMEOUT=10.0, CODEX_REDIS_CONNECT_TIMEOUT=10.0):
        yield
    close_clients()


def read_in_threads(count: int) -> list[Any]:
    barrier = threading.Barrier(count)
    results: list[Any] = [None] * count

    def read(index: int) -> None:
        try:
            barrier.wait(10)
            results[index] = get_static_page_seo("about", language="en")["title"]
        finally:
            connections.close_all()

    threads = [threading.Thread(target=read, args=(i,), daemon=True) for i in range(count)]
    for thread in threads:
        thread.start()
    return [threads, results]


def test_fifty_concurrent_cold_reads_make_one_database_read(custom_seo: CustomSeo) -> None:
    with gate("CustomSeo.to_seo_dict") as gated:
        threads, results = read_in_threads(READERS)
        gated.wait_reached()  # the leader has read the row; the others pile up behind it
        time.sleep(0.5)
        gated.open()
        for thread in threads:
            thread.join(15)
    assert results == ["v1"] * READERS
    assert gated.passes == 1


def test_fifty_concurrent_async_cold_reads_make_one_database_read(custom_seo: CustomSeo) -> None:
    async def main() -> list[dict[str, str]]:
        try:
            return list(
                await asyncio.gather(*(aget_static_page_seo("about", language="en") for _ in range(READERS)))
            )
        finally:
            await aclose_clients()

    outcome: list[Any] = []
    with gate("CustomSeo.to_seo_dict") as gated:
        loop_thread = threading.Thread(target=lambda: outcome.append(asyncio.run(main())), daemon=True)
        loop_thread.start()
        gated.wait_reached()  # the leader has read the row; the other coroutines join it
        time.sleep(0.5)
        gated.open()
        loop_thread.join(15)
    [results] = outcome
    assert [r["title"] for r in results] == ["v1"] * READERS
    assert gated.passes == 1


def test_followers_of_a_refill_that_lost_to_an_edit_read_the_database(custom_seo: CustomSeo) -> None:
    with gate("CustomSeo.to_seo_dict") as gated:
        threads, results = read_in_threads(3)
        gated.wait_reached()
        time.sleep(0.2)  # the two followers wait for the leader
        custom_seo.headline = "v2"
        custom_seo.save()  # invalidates: the leader's store is dropped, its value is not shared
        gated.open()
        for thread in threads:
            thread.join(15)
    assert sorted(results) == ["v1", "v2", "v2"]  # only the leader (read before) saw v1
    # The leader's read, and one more for the followers (two if neither saw the other's store).
    assert gated.passes in (2, 3)
    key = get_seo_redis_manager().page_cache_key("about", "en")
    assert get_seo_redis_manager().client.hget(key, "title") == "v2"
