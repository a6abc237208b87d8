"""Invalidations that could not reach Redis, replayed in order once it answers again.

A delete that fails (timeout, refused, an error reply) would leave a stale entry behind
for as long as its TTL. Instead it is remembered here, per process, and replayed before
this process makes its next Redis call, so the process never reads a key it failed to
invalidate. The queue is bounded: when it overflows the overflow is logged once and the
safe fallback is taken instead, deleting every key of the project's namespace on replay.
A replay that Redis keeps refusing (``READONLY`` after a fail-over) is retried before every
call but logged once per refusal, and once more when the queue is delivered.
"""

from __future__ import annotations

import logging
import os
import threading
from collections import deque
from dataclasses import dataclass
from typing import Any

import redis
import redis.asyncio as aioredis

from codex_core.redis.client import UNDECODED, ClientOptions, get_async_client, get_client
from codex_core.redis.outcomes import UNAVAILABLE_ERRORS, Attempt, begin, failed, finished, rejected

logger = logging.getLogger("codex_core.redis")

#: How many invalidations are remembered before falling back to purging the namespace.
MAX_PENDING = 1000


@dataclass(frozen=True)
class Invalidation:
    """Keys to delete (one unit, one ``DEL``) on one server."""

    seq: int
    options: ClientOptions
    keys: tuple[str, ...]


@dataclass(frozen=True)
class Purge:
    """Delete every key matching ``pattern`` (the fallback after an overflow)."""

    options: ClientOptions
    pattern: str


class PendingInvalidations:
    """FIFO of failed invalidations, shared by the sync and async paths of this process."""

    def __init__(self, limit: int = MAX_PENDING) -> None:
        self.limit = limit
        self._lock = threading.Lock()
        self._queue: deque[Invalidation] = deque()
        self._purges: dict[ClientOptions, set[str]] = {}
        self._overflowed: set[ClientOptions] = set()  # servers whose whole namespace is purged
        self._seq = 0
        self.overflows = 0
        self._refusal: str | None = None  # the error of the last refused replay, until one lands

    def note_refusal(self, exc: BaseException) -> bool:
        """Remember that a replay was refused with ``exc``; whether that kind of refusal is new.

        Keyed by the error's class (``ReadOnlyError``, ``OutOfMemoryError``): its message names
        the queued keys, which change with every edit while the refusal goes on.
        """
        refusal = type(exc).__name__
        with self._lock:
            new, self._refusal = refusal != self._refusal, refusal
        return new

    def note_delivered(self) -> bool:
        """Forget a refusal after a replay landed; whether there was one."""
        with self._lock:
            refused, self._refusal = self._refusal is not None, None
        return refused

    def __bool__(self) -> bool:
        return bool(self._queue) or bool(self._purges)

    def __len__(self) -> int:
        return len(self._queue) + sum(len(p) for p in self._purges.values())

    def add(self, options: ClientOptions, keys: tuple[str, ...], namespace: tuple[str, ...]) -> None:
        """Remember ``keys``; past the limit, purge ``namespace`` (SCAN patterns) instead."""
        with self._lock:
            if len(self._queue) >= self.limit:
                first = options not in self._overflowed
                self._overflowed.add(options)
                self._purges.setdefault(options, set()).update(namespace)
                self._queue = deque(item for item in self._queue if item.options != options)
                self.overflows += 1
                if first:
                    logger.error(
                        "More than %d Redis invalidations could not be delivered; every key "
                        "matching %r will be deleted once Redis answers again.",
                        self.limit,
                        " ".join(namespace),
                    )
                return
            if options in self._overflowed:
                return  # the purge covers these keys too
            self._seq += 1
            self._queue.append(Invalidation(self._seq, options, keys))

    def purge(self, options: ClientOptions, namespace: tuple[str, ...]) -> None:
        """Delete every key matching ``namespace`` (SCAN patterns) on replay: for an
        invalidation whose keys cannot be known while Redis is unreachable (a page-cache tag)."""
        with self._lock:
            self._purges.setdefault(options, set()).update(namespace)

    def snapshot(self) -> tuple[list[Invalidation], list[Purge]]:
        """What a replay has to do, in order (purges first: they were queued earliest)."""
        with self._lock:
            purges = [Purge(o, p) for o, patterns in self._purges.items() for p in sorted(patterns)]
            return list(self._queue), purges

    def done(self, invalidations: list[Invalidation], purges: list[Purge]) -> None:
        """Forget what a replay delivered (later additions stay queued)."""
        delivered = {item.seq for item in invalidations}
        with self._lock:
            self._queue = deque(item for item in self._queue if item.seq not in delivered)
            for purge in purges:
                patterns = self._purges.get(purge.options)
                if patterns is not None:
                    patterns.discard(purge.pattern)
                    if not patterns:
                        del self._purges[purge.options]
                        self._overflowed.discard(purge.options)

    def clear(self) -> None:
        """Forget everything (tests)."""
        with self._lock:
            self._queue.clear()
            self._purges.clear()
            self._overflowed.clear()
            self.overflows = 0
            self._refusal = None


def replay(client: redis.Redis, invalidations: list[Invalidation], purges: list[Purge]) -> None:
    """Deliver a snapshot on ``client`` (raises what redis-py raises).

    A non-transactional pipeline: on a cluster redis-py sends it as one batch per node. Each
    unit is one ``DEL`` of keys in one slot (``execute_command``: a cluster pipeline's
    ``delete()`` refuses several keys even when they share a slot)."""
    for purge in purges:
        # Key names as bytes: one a foreign writer made of bytes that are not UTF-8 goes too.
        batch = list(client.scan_iter(match=purge.pattern, count=500, **UNDECODED))
        for start in range(0, len(batch), 500):
            client.unlink(*batch[start : start + 500])
    if invalidations:
        pipe: Any = client.pipeline(transaction=False)  # execute_command is untyped
        for item in invalidations:
            pipe.execute_command("DEL", *item.keys)  # one unit, one slot
        pipe.execute()


async def areplay(client: aioredis.Redis, invalidations: list[Invalidation], purges: list[Purge]) -> None:
    """Async twin of :func:`replay`."""
    for purge in purges:
        batch = [key async for key in client.scan_iter(match=purge.pattern, count=500, **UNDECODED)]
        for start in range(0, len(batch), 500):
            await client.unlink(*batch[start : start + 500])
    if invalidations:
        async with client.pipeline(transaction=False) as pipe:
            for item in invalidations:
                pipe.execute_command("DEL", *item.keys)  # one unit, one slot
            await pipe.execute()


def _label(invalidations: list[Invalidation], purges: list[Purge]) -> str:
    keys = [key for item in invalidations for key in item.keys[::2]]  # data keys, not generations
    return " ".join([*(p.pattern for p in purges), *keys])


def _by_server(
    invalidations: list[Invalidation], purges: list[Purge]
) -> list[tuple[ClientOptions, list[Invalidation], list[Purge]]]:
    servers = list(dict.fromkeys([*(p.options for p in purges), *(i.options for i in invalidations)]))
    return [
        (
            options,
            [item for item in invalidations if item.options == options],
            [purge for purge in purges if purge.options == options],
        )
        for options in servers
    ]


def _refused(manager: str, label: str, exc: BaseException, started: Attempt) -> None:
    rejected(manager, "invalidate", label, exc, started, log=pending.note_refusal(exc))


def _delivered(
    manager: str, label: str, invalidations: list[Invalidation], purges: list[Purge], started: Attempt
) -> None:
    pending.done(invalidations, purges)
    if pending.note_delivered():
        logger.warning("Redis accepted the queued invalidations again.")
    finished(manager, "invalidate", label, "write", started)


def deliver(manager: str, *, short: bool = False) -> bool:
    """Replay :data:`pending` now (``short``: with short timeouts); ``True`` when it is empty."""
    invalidations, purges = pending.snapshot()
    if not invalidations and not purges:
        return True
    label, started = _label(invalidations, purges), begin()
    try:
        for options, items, wipes in _by_server(invalidations, purges):
            replay(get_client(options.short() if short else options), items, wipes)
    except UNAVAILABLE_ERRORS as exc:
        failed(manager, "invalidate", label, exc, started)
        return False
    except redis.ResponseError as exc:
        _refused(manager, label, exc, started)
        return False
    _delivered(manager, label, invalidations, purges, started)
    return True


async def adeliver(manager: str, *, short: bool = False) -> bool:
    """Async twin of :func:`deliver`, on the running loop's pools."""
    invalidations, purges = pending.snapshot()
    if not invalidations and not purges:
        return True
    label, started = _label(invalidations, purges), begin()
    try:
        for options, items, wipes in _by_server(invalidations, purges):
            await areplay(get_async_client(options.short() if short else options), items, wipes)
    except UNAVAILABLE_ERRORS as exc:
        failed(manager, "invalidate", label, exc, started)
        return False
    except redis.ResponseError as exc:
        _refused(manager, label, exc, started)
        return False
    _delivered(manager, label, invalidations, purges, started)
    return True


pending = PendingInvalidations()


def _after_fork() -> None:
    # The child keeps the queue (replaying it there too is harmless) but not a lock that a
    # thread of the parent may have held at the fork.
    pending._lock = threading.Lock()


os.register_at_fork(after_in_child=_after_fork)
