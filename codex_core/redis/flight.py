"""Single flight: concurrent misses of one key in this process make one database read.

The first caller that misses a key becomes its *leader* and refills it; callers that miss
the same key meanwhile *follow*: they wait (at most :data:`FOLLOWER_WAIT` seconds) for the
leader and take its value only if the leader's store was accepted, i.e. no invalidation of
the key happened since the leader began. Otherwise (an invalidation, Redis unusable, the
leader failed or took too long) a follower reads the database itself, so waiting never
turns into serving something stale. Threads share :data:`flights`; coroutines share one
registry per event loop (:func:`async_flights`).
"""

from __future__ import annotations

import asyncio
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from typing import Any

#: Seconds a follower waits for its leader before reading the database itself.
FOLLOWER_WAIT = 2.0


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


flights = Flights()
_async_flights: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, AsyncFlights] = (
    weakref.WeakKeyDictionary()
)


def async_flights() -> AsyncFlights:
    """The registry of the running event loop."""
    return _async_flights.setdefault(asyncio.get_running_loop(), AsyncFlights())
