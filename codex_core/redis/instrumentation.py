"""Observe the Redis calls ``codex_core`` makes, per request or per block of code.

Used by the demo's debug-toolbar panel, by tests that count round trips and by the
benchmarks. Costs one context-variable lookup per call when nobody is listening.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RedisCall:
    """One cache operation as ``codex_core`` saw it."""

    manager: str
    operation: str
    key: str
    outcome: str  # "hit", "miss", "write", "skipped" (disabled / breaker open) or "error"
    duration_ms: float
    round_trips: int = 1


_collectors: ContextVar[tuple[list[RedisCall], ...]] = ContextVar("codex_redis_collectors", default=())


def record(call: RedisCall) -> None:
    """Hand ``call`` to every active collector."""
    for calls in _collectors.get():
        calls.append(call)


@contextmanager
def collect_calls() -> Iterator[list[RedisCall]]:
    """Collect every :class:`RedisCall` made inside the block (in this context)."""
    calls: list[RedisCall] = []
    token = _collectors.set((*_collectors.get(), calls))
    try:
        yield calls
    finally:
        _collectors.reset(token)
