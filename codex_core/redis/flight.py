"""Single flight: concurrent misses of one key in this process make one database read.

The first caller that misses a key becomes its *leader* and refills it; callers that miss
the same key meanwhile *follow*: they wait (at most :data:`FOLLOWER_WAIT` seconds) for the
leader and take its value only if the leader's store was accepted, i.e. no invalidation of
the key happened since the leader began. Otherwise (an invalidation, Redis unusable, the
leader failed or took too long) a follower reads the database itself, so waiting never
turns into serving something stale. Threads share :data:`flights`; coroutines share one
registry per event loop (:func:`async_flights`).

A reader whose miss was answered just before a flight's store, but who arrives after the
flight landed, starts a new flight. :data:`landed` remembers the last stored value of each
key with its generation token: if the new flight's ticket carries the same token, nothing
invalidated the key since, so that value is still current and no database read is needed.
"""

from __future__ import annotations

import asyncio
import copy
import os
import threading
import weakref
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from typing import Any

#: Seconds a follower waits for its leader before reading the database itself.
FOLLOWER_WAIT = 2.0

#: How many keys' last stored values :class:`Landed` keeps.
LANDED_KEYS = 256


@dataclass
class Flight:
    """One refill in progress: its leader publishes the value once it is stored."""

    done: threading.Event = field(default_factory=threading.Event)
    stored: bool = False
    value: Any = None

    def publish(self, value: Any) -> None:
        self.value, self.stored = value, True


class Flights:
    """The refills in progress in this process (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._flights: dict[str, Flight] = {}

    def reset(self) -> None:
        """Forget every flight (after a fork: their leaders are in the parent)."""
        self._lock = threading.Lock()
        self._flights = {}

    def __len__(self) -> int:
        return len(self._flights)

    @contextmanager
    def lead(self, key: str) -> Iterator[tuple[Flight, bool]]:
        """``(flight, leader)``: the leader runs the refill inside the block, followers wait."""
        with self._lock:
            flight = self._flights.get(key)
            leader = flight is None
            if flight is None:
                flight = self._flights[key] = Flight()
        if not leader:
            flight.done.wait(FOLLOWER_WAIT)
            yield flight, False
            return
        try:
            yield flight, True
        finally:
            with self._lock:
                self._flights.pop(key, None)
            flight.done.set()


@dataclass
class AsyncFlight:
    """:class:`Flight` for coroutines of one event loop."""

    done: asyncio.Event = field(default_factory=asyncio.Event)
    stored: bool = False
    value: Any = None

    def publish(self, value: Any) -> None:
        self.value, self.stored = value, True


class AsyncFlights:
    """The refills in progress on one event loop."""

    def __init__(self) -> None:
        self._flights: dict[str, AsyncFlight] = {}

    async def follow(self, flight: AsyncFlight) -> None:
        with suppress(TimeoutError):
            await asyncio.wait_for(flight.done.wait(), FOLLOWER_WAIT)

    def join(self, key: str) -> tuple[AsyncFlight, bool]:
        """``(flight, leader)``; a leader must call :meth:`land` when its refill is over."""
        flight = self._flights.get(key)
        if flight is not None:
            return flight, False
        flight = self._flights[key] = AsyncFlight()
        return flight, True

    def land(self, key: str, flight: AsyncFlight) -> None:
        if self._flights.get(key) is flight:
            del self._flights[key]
        flight.done.set()


class Landed:
    """The last value each key's refill stored, with the generation token it stored under."""

    def __init__(self, size: int = LANDED_KEYS) -> None:
        self.size = size
        self._lock = threading.Lock()
        self._values: OrderedDict[str, tuple[str, Any]] = OrderedDict()

    def remember(self, key: str, token: str | None, value: Any) -> None:
        if token is None:
            return
        with self._lock:
            self._values[key] = (token, copy.deepcopy(value))
            self._values.move_to_end(key)
            while len(self._values) > self.size:
                self._values.popitem(last=False)

    def recall(self, key: str, token: str | None) -> tuple[bool, Any]:
        """``(True, value)`` if ``key`` was stored under ``token`` (so is still current)."""
        with self._lock:
            entry = self._values.get(key)
        if token is None or entry is None or entry[0] != token:
            return False, None
        return True, copy.deepcopy(entry[1])

    def clear(self) -> None:
        with self._lock:
            self._values.clear()

    def reset(self) -> None:
        """Forget everything, with a fresh lock (after a fork)."""
        self._lock = threading.Lock()
        self._values = OrderedDict()


flights = Flights()
landed = Landed()


def _after_fork() -> None:
    # A forked child (a gunicorn worker, say) inherits refills of its parent's threads that
    # will never land there, and maybe a lock held by one of them: start clean.
    flights.reset()
    landed.reset()
    _async_flights.clear()


os.register_at_fork(after_in_child=_after_fork)
_async_flights: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, AsyncFlights] = (
    weakref.WeakKeyDictionary()
)


def async_flights() -> AsyncFlights:
    """The registry of the running event loop."""
    return _async_flights.setdefault(asyncio.get_running_loop(), AsyncFlights())
