"""Shared Redis clients: one connection pool per process (sync) and per event loop (async).

The reference opened a new connection for every operation. Here every manager built
from the same settings shares one pool, with connect and read timeouts so that a hung
server costs a bounded wait (after which the circuit breaker takes over).
"""

from __future__ import annotations

import asyncio
import os
import threading
import weakref
from dataclasses import dataclass, replace

import redis
import redis.asyncio as aioredis

from codex_core.conf import get_config


@dataclass(frozen=True)
class ClientOptions:
    """What identifies a pool: the URL and the timeouts."""

    url: str
    socket_timeout: float
    connect_timeout: float

    @classmethod
    def from_settings(cls, url: str | None = None) -> ClientOptions:
        config = get_config()
        return cls(
            url=url or config.redis_url,
            socket_timeout=config.redis_socket_timeout,
            connect_timeout=config.redis_connect_timeout,
        )

    def short(self) -> ClientOptions:
        """The same server with timeouts of at most :data:`SHORT_TIMEOUT` (deletes while the
        breaker is open: worth one quick try, never a long wait)."""
        return replace(
            self,
            socket_timeout=min(self.socket_timeout, SHORT_TIMEOUT),
            connect_timeout=min(self.connect_timeout, SHORT_TIMEOUT),
        )


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
            client = redis.Redis.from_url(
                options.url,
                socket_timeout=options.socket_timeout,
                socket_connect_timeout=options.connect_timeout,
                decode_responses=True,
                client_name=CLIENT_NAME,
            )
            _sync_clients[options] = client
        return client


def get_async_client(options: ClientOptions) -> aioredis.Redis:
    """Return the client (and pool) for ``options`` bound to the running event loop."""
    loop = asyncio.get_running_loop()
    per_loop = _async_clients.setdefault(loop, {})
    client = per_loop.get(options)
    if client is None:
        client = aioredis.Redis.from_url(
            options.url,
            socket_timeout=options.socket_timeout,
            socket_connect_timeout=options.connect_timeout,
            decode_responses=True,
            client_name=CLIENT_NAME,
        )
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
