"""Redis cache manager for booking busy-slot intervals.

Caches busy intervals (not free slots) per master per date under
``<project>:booking:busy:{<master_id>}:<date>`` as JSON ``[[start_iso, end_iso], ...]``
(the master is the Redis Cluster hash tag: one master's days share a slot, masters spread).
Free slots are computed on the fly from them. Bounds are ISO 8601 datetimes or times of day
(``[["10:00", "11:00"]]``), one kind per entry; :meth:`BookingCacheManager.set_busy` refuses
anything else with ``TypeError``/``ValueError``. Invalidation is surgical: master + date.
A payload that is not such a list (corrupted, or written by something else) is logged,
deleted and treated as a miss, so the caller recomputes it from the database.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, time
from typing import Any, cast

import redis
import redis.asyncio as aioredis

from codex_core.redis.generations import STORE_STRING, Ticket, generation_key
from codex_core.redis.keys import build_tagged_key
from codex_core.redis.managers.base import BaseDjangoRedisManager

logger = logging.getLogger("codex_core.redis")

Intervals = list[list[str]]


def _parse(raw: str) -> Intervals | None:
    """The cached intervals, or ``None`` when ``raw`` is not what :meth:`set_busy` stores."""
    try:
        value: Any = json.loads(raw)
    except ValueError:
        return None
    return cast("Intervals", value) if _problem(value) is None else None


def _problem(value: Any) -> tuple[type[Exception], str] | None:
    """Why ``value`` is not busy intervals (the exception to raise and its message), or ``None``.

    Intervals are ``[start, end]`` pairs of ISO 8601 strings: all datetimes (``"2025-01-01T10:00"``),
    all aware or all naive, or all times of day (``"10:00"``). A mix would make every comparison
    of the caller fail, so it is refused too. The reader and the writer share this rule.
    """
    if not isinstance(value, list | tuple):
        return TypeError, f"busy intervals must be a list of [start, end] pairs, got {type(value).__name__}"
    kinds: set[str] = set()
    for item in value:
        if not (isinstance(item, list | tuple) and len(item) == 2):
            return TypeError, f"each busy interval must be a [start, end] pair, got {item!r}"
        for text in item:
            if not isinstance(text, str):
                return TypeError, f"busy interval bounds must be ISO 8601 strings, got {text!r}"
            kind = _kind(text)
            if kind is None:
                return ValueError, f"busy interval bound {text!r} is not an ISO 8601 datetime or time of day"
            kinds.add(kind)
    if len(kinds) > 1:
        return ValueError, (
            "busy interval bounds must be all naive datetimes, all aware datetimes or all times "
            f"of day, got a mix ({', '.join(sorted(kinds))})"
        )
    return None


def _kind(text: str) -> str | None:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        try:
            clock = time.fromisoformat(text)
        except ValueError:
            return None
        return "aware time" if clock.utcoffset() is not None else "time"
    return "aware datetime" if moment.utcoffset() is not None else "naive datetime"


def _checked(intervals: Intervals) -> str:
    """``intervals`` as the JSON :meth:`BookingCacheManager.get_busy` reads back; raises
    ``TypeError``/``ValueError`` for what it would reject (and delete)."""
    problem = _problem(intervals)
    if problem is not None:
        error, message = problem
        raise error(message)
    return json.dumps(intervals)


def _check_timeout(timeout: int) -> None:
    if timeout < 1:
        raise ValueError(f"timeout must be a positive number of seconds, got {timeout!r}")


class BookingCacheManager(BaseDjangoRedisManager):
    """Cache of busy intervals per master and date (one string key each)."""

    namespace = "booking"

    def busy_key(self, master_id: str | int, date_str: str) -> str:
        """The Redis key for one master-day pair."""
        return build_tagged_key(self.make_key("busy"), str(master_id), rest=(date_str,))

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
        payload = _checked(intervals)
        key = self.busy_key(master_id, date_str)
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
        payload = _checked(intervals)
        key = self.busy_key(master_id, date_str)
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
