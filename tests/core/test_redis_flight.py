"""The single-flight registry and the memory of landed refills."""

from __future__ import annotations

import redis

from codex_core.redis.flight import Landed
from codex_core.redis.managers.notifications import get_notifications_cache_manager


def test_landed_recalls_only_the_same_token_and_copies() -> None:
    landed = Landed(size=2)
    value = {"tags": ["a"]}
    landed.remember("k", "t1", value)
    landed.remember("k2", None, value)  # no ticket: nothing to vouch for it
    value["tags"].append("mutated")
    assert landed.recall("k", "t1") == (True, {"tags": ["a"]})
    assert landed.recall("k", "t2") == (False, None)
    assert landed.recall("k", None) == (False, None)
    assert landed.recall("k2", None) == (False, None)
    landed.remember("x", "t", 1)
    landed.remember("y", "t", 2)  # evicts "k", the oldest
    assert landed.recall("k", "t1") == (False, None)
    assert landed.recall("y", "t") == (True, 2)


def test_a_refill_after_an_invalidation_reads_again(redis_client: redis.Redis) -> None:
    manager = get_notifications_cache_manager()
    reads: list[str] = []

    def load(value: str) -> str:
        reads.append(value)
        return value

    assert manager.refill("k", lambda: load("v1"), 60) == "v1"
    redis_client.delete(manager.make_key("k"))  # expired, say: the token still vouches for v1
    assert manager.refill("k", lambda: load("unused"), 60) == "v1"
    assert redis_client.get(manager.make_key("k")) == "v1"  # and it is stored again
    manager.delete("k")  # an invalidation: the token is gone
    assert manager.refill("k", lambda: load("v2"), 60) == "v2"
    assert reads == ["v1", "v2"]
