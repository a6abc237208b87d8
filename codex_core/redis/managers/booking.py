"""Redis cache manager for booking busy-slot intervals.

Caches busy intervals (not free slots) per master per date under
``<project>:booking:busy:<master_id>:<date>`` as JSON ``[[start_iso, end_iso], ...]``.
Free slots are computed on the fly from them. Invalidation is surgical: master + date.
A payload that is not such a list (corrupted, or written by something else) is logged,
deleted and treated as a miss, so the caller recomputes it from the database.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any, cast

import redis
import redis.asyncio as aioredis

from codex_core.redis.generations import STORE_STRING, Ticket, generation_key
from codex_core.redis.managers.base import BaseDjangoRedisManager

logger = logging.getLogger("codex_core.redis")

Intervals = list[list[str]]


def _parse(raw: str) -> Intervals | None:
    try:
        value: Any = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(value, list):
        return None
    awareness: set[bool] = set()
    for item in value:
        if not (isinstance(item, list) and len(item) == 2):
            return None
        for text in item:
            moment = _iso_datetime(text)
            if moment is None:
                return None
            awareness.add(moment.utcoffset() is not None)
    # Mixing naive and aware datetimes would make every comparison of the caller fail.
    return cast("Intervals", value) if len(awareness) <= 1 else None


def _iso_datetime(text: object) -> datetime | None:
    if not isinstance(text, str):
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _check_timeout(timeout: int) -> None:
    if timeout < 1:
        raise ValueError(f"timeout must be a positive number of seconds, got {timeout!r}")


class BookingCacheManager(BaseDjangoRedisManager):
    """Cache of busy intervals per master and date (one string key each)."""

    namespace = "booking"

    def busy_key(self, master_id: str | int, date_str: str) -> str:
        """The Redis key for one master-day pair."""
        return self.make_key("busy", str(master_id), date_str)

    def _corrupt(self, key: str, raw: str) -> None:
        logger.warning("Discarding corrupt busy-slot cache entry %s: %.80r", key, raw)

    def get_busy(self, master_id: str | int, date_str: str) -> Intervals | None:
        """Return the cached busy intervals, or ``None`` on a miss (or Redis unusable)."""
        key = self.busy_key(master_id, date_str)
        raw = self._run("get_busy", key, lambda c: cast("str | None", c.get(key)), None)
        if raw is None:
            return None
        intervals = _parse(raw)
        if intervals is None:
            self._corrupt(key, raw)
            self._run("discard_busy", key, lambda c: c.delete(key), 0, write=True)
        return intervals

    def set_busy(
        self,
        master_id: str | int,
        date_str: str,
        intervals: Intervals,
        timeout: int = 300,
        *,
        ticket: Ticket | None = None,
    ) -> bool:
        """Store busy intervals for one master-day pair (one ``SET ... EX``).

        With a ``ticket`` (a refill, see :meth:`refill_busy`) it is stored only if the day
        was not invalidated or written since. Returns whether it was stored; a direct write
        that did not reach Redis invalidates the day instead.
        """
        _check_timeout(timeout)
        key = self.busy_key(master_id, date_str)
        payload = json.dumps(intervals)
        if ticket is not None:
            return self._store_if("set_busy", ticket, STORE_STRING, [timeout, payload])

        def call(client: redis.Redis) -> bool:
            pipe = client.pipeline(transaction=True)
            pipe.delete(generation_key(key))
            pipe.set(key, payload, ex=timeout)
            pipe.execute()
            return True

        return self._write("set_busy", [key], call)

    def refill_busy(
        self, master_id: str | int, date_str: str, load: Callable[[], Intervals], timeout: int = 300
    ) -> Intervals:
        """After a miss: ``load()`` the day's intervals from the database and cache them.

        Concurrent refills of the day in this process make one ``load()``; a refill that
        lost the race to an invalidation (a booking committed meanwhile) is not stored.
        """
        _check_timeout(timeout)

        def store(ticket: Ticket, intervals: Intervals) -> bool:
            return self.set_busy(master_id, date_str, intervals, timeout, ticket=ticket)

        return self._refill(
            self.busy_key(master_id, date_str), load, store, lambda: self.get_busy(master_id, date_str)
        )

    def invalidate_master_date(self, master_id: str | int, date_str: str) -> None:
        """Delete the cached busy intervals of one master-day pair (replayed if Redis fails)."""
        self._invalidate([self.busy_key(master_id, date_str)])

    async def aget_busy(self, master_id: str | int, date_str: str) -> Intervals | None:
        """Async twin of :meth:`get_busy`."""
        key = self.busy_key(master_id, date_str)

        async def get(client: aioredis.Redis) -> str | None:
            return cast("str | None", await client.get(key))

        raw = await self._arun("get_busy", key, get, None)
        if raw is None:
            return None
        intervals = _parse(raw)
        if intervals is None:
            self._corrupt(key, raw)
            await self._adelete("discard_busy", key)
        return intervals

    async def aset_busy(
        self,
        master_id: str | int,
        date_str: str,
        intervals: Intervals,
        timeout: int = 300,
        *,
        ticket: Ticket | None = None,
    ) -> bool:
        """Async twin of :meth:`set_busy`."""
        _check_timeout(timeout)
        key = self.busy_key(master_id, date_str)
        payload = json.dumps(intervals)
        if ticket is not None:
            return await self._astore_if("set_busy", ticket, STORE_STRING, [timeout, payload])

        async def call(client: aioredis.Redis) -> bool:
            async with client.pipeline(transaction=True) as pipe:
                pipe.delete(generation_key(key))
                pipe.set(key, payload, ex=timeout)
                await pipe.execute()
            return True

        return await self._awrite("set_busy", [key], call)

    async def arefill_busy(
        self,
        master_id: str | int,
        date_str: str,
        load: Callable[[], Awaitable[Intervals]],
        timeout: int = 300,
    ) -> Intervals:
        """Async twin of :meth:`refill_busy` (``load`` is a coroutine function)."""
        _check_timeout(timeout)

        async def store(ticket: Ticket, intervals: Intervals) -> bool:
            return await self.aset_busy(master_id, date_str, intervals, timeout, ticket=ticket)

        async def reread() -> Intervals | None:
            return await self.aget_busy(master_id, date_str)

        return await self._arefill(self.busy_key(master_id, date_str), load, store, reread)

    async def ainvalidate_master_date(self, master_id: str | int, date_str: str) -> None:
        """Async twin of :meth:`invalidate_master_date`."""
        await self._ainvalidate([self.busy_key(master_id, date_str)])

    async def _adelete(self, operation: str, key: str) -> None:
        async def call(client: aioredis.Redis) -> int:
            return await client.delete(key)

        await self._arun(operation, key, call, 0, write=True)


def get_booking_cache_manager() -> BookingCacheManager:
    """Return a booking cache manager configured from Django settings (shared pool)."""
    return BookingCacheManager()
