"""A replay of queued invalidations that Redis keeps refusing is logged once, not per request."""

from __future__ import annotations

import logging

import pytest

from codex_core.redis.managers.seo import get_seo_redis_manager
from codex_core.redis.pending import pending
from tests.redis_server import RedisServer, read_only_replica
from tests.twins import call

REFUSED = "Redis rejected invalidate on"
DELIVERED = "Redis accepted the queued invalidations again."


def warnings(log: pytest.LogCaptureFixture) -> list[str]:
    return [
        "refused" if r.getMessage().startswith(REFUSED) else r.getMessage()
        for r in log.records
        if r.levelno >= logging.WARNING
    ]


def test_a_refused_replay_is_logged_once_per_state_change(
    mode: str, redis_server: RedisServer, codex_log: pytest.LogCaptureFixture
) -> None:
    codex_log.set_level(logging.DEBUG, logger="codex_core.redis")
    seo = get_seo_redis_manager()
    with read_only_replica(redis_server):
        call(mode, seo, "invalidate_page", "home")  # READONLY: queued, the refusal logged
        assert len(pending) == 1
        for _ in range(20):  # every call replays the queue first: refused each time
            assert call(mode, seo, "lookup_page", "home", language="en") is None
        call(mode, seo, "invalidate_page", "about")  # another edit: same refusal, other keys
        assert call(mode, seo, "lookup_page", "home", language="en") is None
        assert len(pending) == 2
        assert warnings(codex_log) == ["refused"]
        assert sum(r.getMessage().startswith(REFUSED) for r in codex_log.records) == 23  # 22 at debug
    assert call(mode, seo, "lookup_page", "home", language="en") is None  # replayed, then a miss
    assert len(pending) == 0
    assert warnings(codex_log) == ["refused", DELIVERED]

    with read_only_replica(redis_server):  # a new refusal after a delivery is logged again
        call(mode, seo, "invalidate_page", "home")
        for _ in range(5):
            call(mode, seo, "lookup_page", "home", language="en")
    assert warnings(codex_log) == ["refused", DELIVERED, "refused"]
