"""Redis manager for lightweight notification-related cache entries.

Plain string values under ``<project>:notifications:<key>``, for notification subjects,
rendered templates or other derived metadata worth reusing. Each operation is one command.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, cast

import redis
import redis.asyncio as aioredis

from codex_core.redis.generations import STORE_STRING, Ticket, generation_key
from codex_core.redis.managers.base import BaseDjangoRedisManager


def _check_timeout(timeout: int | None) -> None:
    if timeout is not None and timeout < 1:
        raise ValueError(f"timeout must be a positive number of seconds or None, got {timeout!r}")


class NotificationsCacheManager(BaseDjangoRedisManager):
    """Read and write notification-related cache entries in Redis."""

    namespace = "notifications"

    def get(self, key: str) -> str | None:
        """Return the cached string for ``key``, or ``None`` when absent or Redis is unusable."""
        full_key = self.make_key(key)
        return self._run("get", full_key, lambda c: cast("str | None", c.get(full_key)), None)

    def set(self, key: str, value: Any, timeout: int | None = None, *, ticket: Ticket | None = None) -> bool:
        """Store ``str(value)`` under ``key`` with an optional TTL in seconds (one ``SET``).

        With a ``ticket`` (a refill, see :meth:`refill`) it is stored only if ``key`` was not
        deleted or written since. Returns whether it was stored; a direct write that did not
        reach Redis deletes ``key`` instead.
        """
        _check_timeout(timeout)
        full_key = self.make_key(key)
        if ticket is not None:
            return self._store_if("set", ticket, STORE_STRING, [timeout or 0, str(value)])

        def call(client: redis.Redis) -> bool:
            pipe = client.pipeline(transaction=True)
            pipe.delete(generation_key(full_key))
            pipe.set(full_key, str(value), ex=timeout)
            pipe.execute()
            return True

        return self._write("set", [full_key], call)

    def refill(self, key: str, load: Callable[[], str], timeout: int | None = None) -> str:
        """After a miss: ``load()`` the value and cache it (one ``load()`` per key at a time;
        not stored if ``key`` was deleted or written meanwhile)."""
        _check_timeout(timeout)

        def store(ticket: Ticket, value: str) -> bool:
            return self.set(key, value, timeout, ticket=ticket)

        return self._refill(self.make_key(key), load, store, lambda: self.get(key))

    def delete(self, key: str) -> None:
        """Remove ``key`` from the cache (replayed once Redis answers again if it fails)."""
        self._invalidate([self.make_key(key)])

    async def aget(self, key: str) -> str | None:
        """Async twin of :meth:`get`."""
        full_key = self.make_key(key)

        async def call(client: aioredis.Redis) -> str | None:
            return cast("str | None", await client.get(full_key))

        return await self._arun("get", full_key, call, None)

    async def aset(
        self, key: str, value: Any, timeout: int | None = None, *, ticket: Ticket | None = None
    ) -> bool:
        """Async twin of :meth:`set`."""
        _check_timeout(timeout)
        full_key = self.make_key(key)
        if ticket is not None:
            return await self._astore_if("set", ticket, STORE_STRING, [timeout or 0, str(value)])

        async def call(client: aioredis.Redis) -> bool:
            async with client.pipeline(transaction=True) as pipe:
                pipe.delete(generation_key(full_key))
                pipe.set(full_key, str(value), ex=timeout)
                await pipe.execute()
            return True

        return await self._awrite("set", [full_key], call)

    async def arefill(self, key: str, load: Callable[[], Awaitable[str]], timeout: int | None = None) -> str:
        """Async twin of :meth:`refill` (``load`` is a coroutine function)."""
        _check_timeout(timeout)

        async def store(ticket: Ticket, value: str) -> bool:
            return await self.aset(key, value, timeout, ticket=ticket)

        async def reread() -> str | None:
            return await self.aget(key)

        return await self._arefill(self.make_key(key), load, store, reread)

    async def adelete(self, key: str) -> None:
        """Async twin of :meth:`delete`."""
        await self._ainvalidate([self.make_key(key)])


def get_notifications_cache_manager() -> NotificationsCacheManager:
    """Return a notifications cache manager configured from Django settings (shared pool)."""
    return NotificationsCacheManager()
