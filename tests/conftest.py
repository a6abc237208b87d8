"""Session-wide fixtures: a private real Redis for every test, a clean cache per test."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import hypothesis
import pytest
import redis
from django.conf import settings
from django.test import override_settings
from django.utils import translation

from codex_core.redis.breaker import breaker
from codex_core.redis.client import close_clients
from codex_core.redis.flight import landed
from codex_core.redis.pending import pending
from tests.redis_server import RedisServer, required_redis_server
from tests.topologies import ClusterTopology, SentinelTopology, StandaloneTopology, Topology

# No wall-clock limits on property tests: a loaded machine is slow, not wrong
# (tests/property/test_hypothesis_profile.py).
hypothesis.settings.register_profile(
    "codex", deadline=None, suppress_health_check=[hypothesis.HealthCheck.too_slow]
)
hypothesis.settings.load_profile("codex")

pytest_plugins = ["tests.fuzz.report"]  # the fuzz's closing line of case counts


@pytest.fixture(scope="session")
def redis_server() -> Iterator[RedisServer]:
    """Start a private redis-server; a missing binary fails under CI and skips elsewhere."""
    server = RedisServer(required_redis_server())
    server.start()
    yield server
    server.cleanup()


@pytest.fixture(scope="session")
def sentinel_topology() -> Iterator[SentinelTopology]:
    """1 primary, 1 replica, 3 sentinels on loopback (tests/topologies.py), for the session."""
    topology = SentinelTopology(required_redis_server())
    topology.start()
    yield topology
    topology.stop()


@pytest.fixture(scope="session")
def cluster_topology() -> Iterator[ClusterTopology]:
    """3 primaries with a replica each on loopback (tests/topologies.py), for the session."""
    topology = ClusterTopology(required_redis_server())
    topology.start()
    yield topology
    topology.stop()


@pytest.fixture(params=["standalone", "sentinel", "cluster"])
def topology(request: pytest.FixtureRequest, redis_server: RedisServer) -> Iterator[Topology]:
    """Run the test once per topology: codex_core pointed at it, emptied, a closed breaker."""
    chosen: Topology = (
        StandaloneTopology(redis_server)
        if request.param == "standalone"
        else request.getfixturevalue(f"{request.param}_topology")
    )
    chosen.flushall()
    close_clients()
    breaker.reset()
    with override_settings(**chosen.settings()):
        yield chosen
        close_clients()
    close_clients()


@pytest.fixture(scope="session", autouse=True)
def _redis_settings(redis_server: RedisServer) -> Iterator[None]:
    """Point every codex_core manager at the private server for the whole session."""
    with override_settings(REDIS_URL=redis_server.url, CODEX_REDIS_ENABLED=True):
        yield
    close_clients()


@pytest.fixture(autouse=True)
def _clean_redis(redis_server: RedisServer) -> Iterator[None]:
    """Each test starts with an empty Redis, a closed breaker, no queued invalidations."""
    if redis_server.process is None:  # a previous test stopped it
        redis_server.start()
    client = redis.Redis.from_url(redis_server.url)
    client.flushall()
    client.close()
    breaker.reset()
    pending.clear()
    landed.clear()
    yield
    breaker.reset()
    pending.clear()
    landed.clear()


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """Each test starts in the default language; requests activate others in this thread."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def redis_client(redis_server: RedisServer) -> Iterator[redis.Redis]:
    """A plain client on the private server, for asserting what the managers stored."""
    client = redis.Redis.from_url(redis_server.url, decode_responses=True)
    yield client
    client.close()


@pytest.fixture
def codex_log(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.INFO, logger="codex_core")
    return caplog


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    """Run the test once with a manager's sync method and once with its async twin."""
    return str(request.param)
