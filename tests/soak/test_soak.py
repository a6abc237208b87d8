"""A small soak in the unit run (``make bench`` runs a large one): 0 stale keys after faults."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import override_settings

from codex_core.redis.client import close_clients
from tests.redis_server import RedisServer
from tests.soak.soak import run


@pytest.fixture
def fast_breaker() -> Iterator[None]:
    close_clients()
    with override_settings(CODEX_REDIS_BREAKER_COOLDOWN=0.05, CODEX_REDIS_SOCKET_TIMEOUT=0.1):
        yield
    close_clients()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("seed", [1, 2])
def test_soak_leaves_no_stale_key(seed: int, redis_server: RedisServer, fast_breaker: None) -> None:
    report = run(redis_server, seed=seed, operations=120, readers=3)
    print(report.as_dict())
    assert report.operations == 120
    assert sum(report.faults.values()) > 0
    assert report.reads > 0
    assert report.cached_keys > 0
    assert report.stale == []
