"""One refill after a miss: single flight in this process, the refill lock across processes.

:func:`refill` (and :func:`arefill`) run the steps every manager shares, given the
manager's own ``begin`` (take a :class:`~codex_core.redis.generations.Ticket`), ``load``
(the database read), ``store`` (the generation-checked store) and ``reread`` (the cache):

1. join the key's flight in this process; a follower takes the leader's stored value;
2. begin: the key's generation, and its refill lock if it is free;
3. if this process stored the key under the same generation before, that value is current
   (:data:`~codex_core.redis.flight.landed`): no database read;
4. if another process holds the lock, wait (bounded) for its store to show up in the cache;
5. otherwise (or when the wait ran out) read the database and store.
"""

from __future__ import annotations

import asyncio
import copy
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar, cast

from codex_core.redis.flight import async_flights, flights, landed
from codex_core.redis.generations import Ticket

T = TypeVar("T")

#: First pause between two looks at the cache while another process refills (doubling).
POLL = 0.01

#: Seconds to wait for another process's refill before reading the database after all.
OTHER_PROCESS_WAIT = 0.5


def _pauses() -> list[float]:
    pauses, pause, total = [], POLL, 0.0
    while total < OTHER_PROCESS_WAIT:
        pauses.append(pause)
        total += pause
        pause = min(pause * 2, 0.2)
    return pauses


def refill(
    name: str,
    begin: Callable[[], Ticket],
    load: Callable[[], T],
    store: Callable[[Ticket, T], bool],
    reread: Callable[[], T | None] | None = None,
    release: Callable[[Ticket], object] | None = None,
) -> T:
    """Refill the key called ``name`` (see the module docstring); returns its value.

    ``release`` frees the refill lock when this refill took it but did not store (the store
    releases it otherwise), so the next refill does not wait for a refill that is over.
    """
    with flights.lead(name) as (flight, leader):
        if not leader and flight.stored:
            return cast("T", copy.deepcopy(flight.value))
        ticket, stored = begin(), False
        try:
            known, value = landed.recall(name, ticket.token)
            if not known and not ticket.leads and reread is not None:
                for pause in _pauses():
                    time.sleep(pause)
                    found = reread()
                    if found is not None:
                        return found  # another process stored it: it did the database read
            if not known:
                value = load()
            stored = store(ticket, value)
            if stored:
                landed.remember(name, ticket.token, value)
                if leader:
                    flight.publish(copy.deepcopy(value))
            return cast("T", value)
        finally:
            if ticket.leads and ticket.token is not None and not stored and release is not None:
                release(ticket)


async def arefill(
    name: str,
    begin: Callable[[], Awaitable[Ticket]],
    load: Callable[[], Awaitable[T]],
    store: Callable[[Ticket, T], Awaitable[bool]],
    reread: Callable[[], Awaitable[T | None]] | None = None,
    release: Callable[[Ticket], Awaitable[object]] | None = None,
) -> T:
    """Async twin of :func:`refill` (coroutines of one event loop share a flight)."""
    registry = async_flights()
    flight, leader = registry.join(name)
    if not leader:
        await registry.follow(flight)
        if flight.stored:
            return cast("T", copy.deepcopy(flight.value))
    ticket, stored = None, False
    try:
        ticket = await begin()
        known, value = landed.recall(name, ticket.token)
        if not known and not ticket.leads and reread is not None:
            for pause in _pauses():
                await asyncio.sleep(pause)
                found = await reread()
                if found is not None:
                    return found
        if not known:
            value = await load()
        stored = await store(ticket, value)
        if stored:
            landed.remember(name, ticket.token, value)
            if leader:
                flight.publish(copy.deepcopy(value))
        return cast("T", value)
    finally:
        if leader:
            registry.land(name, flight)
        if ticket is not None and ticket.leads and ticket.token is not None and not stored and release:
            await release(ticket)
