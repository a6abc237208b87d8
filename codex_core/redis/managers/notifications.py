"""Redis manager for lightweight notification-related cache entries.

Plain string values under ``<project>:notifications:<key>``, for notification subjects,
rendered templates or other derived metadata worth reusing. Each operation is one command.
"""

from __future__ import annotations

from typing import Any, cast

import redis.asyncio as aioredis

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

    def set(self, key: str, value: Any, timeout: int | None = None) -> None:
        """Store ``str(value)`` under ``key`` with an optional TTL in seconds (one ``SET``)."""
        _check_timeout(timeout)
        full_key = self.make_key(key)
        self._run("set", full_key, lambda c: c.set(full_key, str(value), ex=timeout), None, write=True)

    def delete(self, key: str) -> None:
        """Remove ``key`` from the cache."""
        full_key = self.make_key(key)
        self._run("delete", full_key, lambda c: c.delete(full_key), 0, write=True)

    async def aget(self, key: str) -> str | None:
        """Async twin of :meth:`get`."""
        full_key = self.make_key(key)

        async def call(client: aioredis.Redis) -> str | None:
            return cast("str | None", await client.get(full_key))

        return await self._arun("get", full_key, call, None)

    async def aset(self, key: str, value: Any, timeout: int | None = None) -> None:
        """Async twin of :meth:`set`."""
        _check_timeout(timeout)
        full_key = self.make_key(key)

        async def call(client: aioredis.Redis) -> None:
            await client.set(full_key, str(value), ex=timeout)

        await self._arun("set", full_key, call, None, write=True)

    async def adelete(self, key: str) -> None:
        """Async twin of :meth:`delete`."""
        full_key = self.make_key(key)

        async def call(client: aioredis.Redis) -> int:
            return await client.delete(full_key)

        await self._arun("delete", full_key, call, 0, write=True)


def get_notifications_cache_manager() -> NotificationsCacheManager:
    """Return a notifications cache manager configured from Django settings (shared pool)."""
    return NotificationsCacheManager()
