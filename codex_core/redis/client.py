"""Shared Redis clients: one connection pool per process (sync) and per event loop (async).

The reference opened a new connection for every operation. Here every manager built
from the same settings shares one pool, with connect and read timeouts so that a hung
server costs a bounded wait (after which the circuit breaker takes over).

``CODEX_REDIS_MODE`` picks the client: one server (``standalone``, ``REDIS_URL``), the
primary named by the sentinels (``sentinel``: redis-py's ``Sentinel.master_for``, every
read and write goes to the primary, so nothing is read back from a lagging replica) or a
Redis Cluster (``cluster``: ``RedisCluster``, ``REDIS_URL`` names any node; primaries only).
A cluster client retries a command once after re-reading the slot map (a ``MOVED`` after a
failover), then lets the failure reach the breaker instead of backing off for seconds.
"""

from __future__ import annotations

import asyncio
import os
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, cast

import redis
import redis.asyncio as aioredis
from redis.asyncio.cluster import RedisCluster as AsyncRedisCluster
from redis.asyncio.retry import Retry as AsyncRetry
from redis.asyncio.sentinel import Sentinel as _AsyncSentinel
from redis.backoff import NoBackoff
from redis.client import NEVER_DECODE
from redis.cluster import RedisCluster
from redis.connection import parse_url as _parse_url
from redis.retry import Retry
from redis.sentinel import Sentinel as _Sentinel

from codex_core.conf import get_config

#: Keyword arguments that make a command's reply come back as bytes, undecoded (redis-py's
#: ``NEVER_DECODE``, as its own ``DUMP`` uses): a stored page served as read, key names a
#: foreign writer gave bytes that are not UTF-8.
UNDECODED: dict[str, Any] = {NEVER_DECODE: []}


@dataclass(frozen=True)
class ClientOptions:
    """What identifies a pool: the URL, the timeouts and the topology."""

    url: str
    socket_timeout: float
    connect_timeout: float
    mode: str = "standalone"
    sentinels: tuple[tuple[str, int], ...] = ()
    sentinel_service: str = ""

    @classmethod
    def from_settings(cls, url: str | None = None) -> ClientOptions:
        config = get_config()
        return cls(
            url=url or config.redis_url,
            socket_timeout=config.redis_socket_timeout,
            connect_timeout=config.redis_connect_timeout,
            mode=config.redis_mode,
            sentinels=config.redis_sentinels,
            sentinel_service=config.redis_sentinel_service,
        )

    def connection_kwargs(self) -> dict[str, Any]:
        """What every connection of every mode is opened with."""
        return {
            "socket_timeout": self.socket_timeout,
            "socket_connect_timeout": self.connect_timeout,
            "decode_responses": True,
            "client_name": CLIENT_NAME,
        }

    def sentinel_kwargs(self) -> dict[str, Any]:
        """The primary's database and credentials from ``REDIS_URL`` (its host is not used)."""
        parsed = parse_url(self.url)
        return {k: parsed[k] for k in ("db", "username", "password") if parsed.get(k) is not None}

    def probe_kwargs(self) -> dict[str, Any]:
        """Timeouts and name of the connections to the sentinels themselves."""
        return {
            "socket_timeout": self.socket_timeout,
            "socket_connect_timeout": self.connect_timeout,
            "client_name": CLIENT_NAME,
        }

    def short(self) -> ClientOptions:
        """The same server with timeouts of at most :data:`SHORT_TIMEOUT` (deletes while the
        breaker is open: worth one quick try, never a long wait)."""
        return replace(
            self,
            socket_timeout=min(self.socket_timeout, SHORT_TIMEOUT),
            connect_timeout=min(self.connect_timeout, SHORT_TIMEOUT),
        )


# redis-py leaves these untyped.
parse_url = cast("Callable[[str], dict[str, Any]]", _parse_url)
Sentinel: Any = _Sentinel
AsyncSentinel: Any = _AsyncSentinel

#: Seconds a delete attempted while the breaker is open may take.
SHORT_TIMEOUT = 0.25

#: Name of every pooled connection (``CLIENT LIST`` shows which connections are ours).
CLIENT_NAME = "codex_core"

_lock = threading.Lock()
_sync_clients: dict[ClientOptions, redis.Redis] = {}
_sync_pid = os.getpid()
_async_clients: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[ClientOptions, aioredis.Redis]] = (
    weakref.WeakKeyDictionary()
)


def get_client(options: ClientOptions) -> redis.Redis:
    """Return the process-wide client (and pool) for ``options``; new pools after a fork."""
    global _sync_pid
    with _lock:
        if os.getpid() != _sync_pid:
            _sync_clients.clear()
            _sync_pid = os.getpid()
        client = _sync_clients.get(options)
        if client is None:
            client = _new_client(options)
            _sync_clients[options] = client
        return client


def _new_client(options: ClientOptions) -> redis.Redis:
    kwargs = options.connection_kwargs()
    if options.mode == "cluster":
        # RedisCluster speaks the same commands (and pipelines) for the keys codex_core uses.
        cluster = RedisCluster.from_url(options.url, retry=Retry(NoBackoff(), 1), **kwargs)
        return cast("redis.Redis", cluster)
    if options.mode == "sentinel":
        sentinel = Sentinel(list(options.sentinels), sentinel_kwargs=options.probe_kwargs(), **kwargs)
        primary = sentinel.master_for(
            options.sentinel_service, redis_class=_SyncSentinelPrimary, **options.sentinel_kwargs(), **kwargs
        )
        primary.codex_sentinel = sentinel
        return cast("redis.Redis", primary)
    return redis.Redis.from_url(options.url, **kwargs)


class _SyncSentinelPrimary(redis.Redis):
    """A Sentinel-named primary that owns its ``Sentinel``: closing it also closes the
    connections to the sentinels (sync twin of :class:`_AsyncSentinelPrimary`)."""

    codex_sentinel: Any = None

    def close(self) -> None:
        super().close()
        for probe in getattr(self.codex_sentinel, "sentinels", ()):
            probe.close()


class _AsyncSentinelPrimary(aioredis.Redis):
    """An async Sentinel-named primary that owns its ``Sentinel``: closing it also closes the
    connections to the sentinels, whether :func:`aclose_clients` or its own caller closes it."""

    codex_sentinel: Any = None

    async def aclose(self, close_connection_pool: bool | None = None) -> None:
        await super().aclose(close_connection_pool)
        for probe in getattr(self.codex_sentinel, "sentinels", ()):
            await probe.aclose()


def new_async_client(options: ClientOptions) -> aioredis.Redis:
    """A new async client for ``options`` (standalone, Sentinel or Cluster); closing it closes
    everything it opened. :func:`get_async_client` shares one per loop; a caller that takes
    one directly owns and closes it."""
    kwargs = options.connection_kwargs()
    if options.mode == "cluster":
        cluster = AsyncRedisCluster.from_url(options.url, retry=AsyncRetry(NoBackoff(), 1), **kwargs)
        return cast("aioredis.Redis", cluster)
    if options.mode == "sentinel":
        sentinel = AsyncSentinel(list(options.sentinels), sentinel_kwargs=options.probe_kwargs(), **kwargs)
        primary = sentinel.master_for(
            options.sentinel_service, redis_class=_AsyncSentinelPrimary, **options.sentinel_kwargs(), **kwargs
        )
        primary.codex_sentinel = sentinel
        return cast("aioredis.Redis", primary)
    return aioredis.Redis.from_url(options.url, **kwargs)


def get_async_client(options: ClientOptions) -> aioredis.Redis:
    """Return the client (and pool) for ``options`` bound to the running event loop."""
    loop = asyncio.get_running_loop()
    per_loop = _async_clients.setdefault(loop, {})
    client = per_loop.get(options)
    if client is None:
        client = new_async_client(options)
        per_loop[options] = client
    return client


async def aclose_clients() -> None:
    """Close the async pools of the running loop (call before the loop ends)."""
    loop = asyncio.get_running_loop()
    for client in _async_clients.pop(loop, {}).values():
        await client.aclose()


def close_clients() -> None:
    """Disconnect and forget every sync pool of this process."""
    with _lock:
        for client in _sync_clients.values():
            client.close()
        _sync_clients.clear()
