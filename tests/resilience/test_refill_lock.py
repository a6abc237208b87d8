"""Across processes: a refill in progress elsewhere is waited for, not repeated (the refill
lock), and a lock left behind by a foreign write or a dead holder blocks nobody for long."""

from __future__ import annotations

import asyncio
import multiprocessing
import threading
import time
from typing import Any

import pytest
import redis

from codex_core.redis.generations import lock_key
from codex_core.redis.instrumentation import collect_calls
from codex_core.redis.managers.notifications import NotificationsCacheManager
from tests.core.support_models.gates import gate


def refill_in_child(results: Any) -> None:
    """Runs in a forked process: refill the key the parent is refilling."""
    loads: list[str] = []

    def load() -> str:
        loads.append("child")
        return "child's read"

    with collect_calls() as calls:
        value = NotificationsCacheManager().refill("template:x:en", load, 60)
    results.put((value, loads, sorted({c.operation for c in calls})))


def test_another_process_waits_for_the_refill_in_progress(redis_client: redis.Redis) -> None:
    manager = NotificationsCacheManager()
    outcome: list[str] = []
    with gate("parent") as gated:

        def load() -> str:
            gated()  # holds the refill lock while held here
            return "parent's read"

        parent = threading.Thread(target=lambda: outcome.append(manager.refill("template:x:en", load, 60)))
        parent.start()
        gated.wait_reached()
        assert redis_client.exists(lock_key(manager.make_key("template:x:en")))
        context = multiprocessing.get_context("fork")
        results = context.Queue()
        child = context.Process(target=refill_in_child, args=(results,))
        child.start()
        time.sleep(0.3)  # the child begins, finds the lock taken and waits
        gated.open()
        parent.join(15)
        value, loads, operations = results.get(timeout=20)
        child.join(20)
    assert outcome == ["parent's read"]
    assert (value, loads) == ("parent's read", [])  # the child read the cache, not the database
    assert child.exitcode == 0
    assert "begin_refill" in operations
    assert not redis_client.exists(lock_key(manager.make_key("template:x:en")))  # released


def test_a_foreign_or_eternal_lock_is_dropped(redis_client: redis.Redis) -> None:
    manager = NotificationsCacheManager()
    key = manager.make_key("k")
    redis_client.set(lock_key(key), "nobody")  # no expiry: not one of ours
    with collect_calls() as calls:
        assert manager.refill("k", lambda: "v", 60) == "v"
    assert redis_client.get(key) == "v"
    manager.delete("k")  # an edit: the next refill reads again
    redis_client.hset(lock_key(key), "x", "y")  # the wrong type
    with collect_calls() as more:
        assert manager.refill("k", lambda: "w", 60) == "w"
    assert redis_client.get(key) == "w"
    # Both refills took the lock at once: neither waited for (polled) another process.
    assert [c.operation for c in [*calls, *more] if c.operation != "invalidate"] == [
        "begin_refill",
        "set",
    ] * 2


def test_a_refill_that_fails_releases_its_lock(mode: str, redis_client: redis.Redis) -> None:
    manager = NotificationsCacheManager()

    def broken() -> str:
        raise LookupError("the row is gone")

    async def abroken() -> str:
        raise LookupError("the row is gone")

    def attempt() -> str:
        if mode == "sync":
            return manager.refill("k", broken, 60)
        return asyncio.run(manager.arefill("k", abroken, 60))

    with pytest.raises(LookupError, match="the row is gone"):
        attempt()
    assert not redis_client.exists(lock_key(manager.make_key("k")))
    with collect_calls() as calls:
        assert manager.refill("k", lambda: "v", 60) == "v"
    assert [c.operation for c in calls] == ["begin_refill", "set"]  # took the lock, no waiting
