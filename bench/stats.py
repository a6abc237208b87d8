"""Timing helpers: latency percentiles and throughput from per-operation durations."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any

#: Fewest timed calls in a chunk before the time budget may cut it short.
MIN_SAMPLES = 10


def percentile(sorted_values: list[float], fraction: float) -> float:
    """The nearest-rank percentile of already sorted values (``fraction`` in [0, 1])."""
    if not sorted_values:
        raise ValueError("percentile of an empty list")
    index = min(len(sorted_values) - 1, max(0, round(fraction * len(sorted_values)) - 1))
    return sorted_values[index]


def summarize(durations: list[float], wall: float) -> dict[str, Any]:
    """Throughput over ``wall`` seconds and p50/p99 latency (ms) of ``durations`` (seconds)."""
    ordered = sorted(durations)
    return {
        "n": len(ordered),
        "ops_per_s": round(len(ordered) / wall, 1) if wall > 0 else None,
        "p50_ms": round(percentile(ordered, 0.50) * 1000, 3),
        "p99_ms": round(percentile(ordered, 0.99) * 1000, 3),
    }


def _sample_sync(fn: Callable[[], object], n: int, budget: float) -> tuple[list[float], float]:
    durations = []
    clock = time.perf_counter
    start = clock()
    for i in range(n):
        t0 = clock()
        fn()
        durations.append(clock() - t0)
        if i >= MIN_SAMPLES and t0 - start > budget:
            break
    return durations, clock() - start


async def _sample_async(
    fn: Callable[[], Awaitable[object]], n: int, budget: float
) -> tuple[list[float], float]:
    durations = []
    clock = time.perf_counter
    start = clock()
    for i in range(n):
        t0 = clock()
        await fn()
        durations.append(clock() - t0)
        if i >= MIN_SAMPLES and t0 - start > budget:
            break
    return durations, clock() - start


def compare_sync(
    fns: tuple[Callable[[], object], Callable[[], object]],
    n: int,
    *,
    rounds: int = 5,
    warmup: int = 20,
    budget: float = float("inf"),
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Time two callables ``n`` calls each, in ``rounds`` alternating chunks; summarize each.

    Alternating spreads the noise of a shared machine over both sides. Each side stops
    early once it has used ``budget`` seconds (after at least ``MIN_SAMPLES`` calls a chunk).
    """
    samples: list[tuple[list[float], float]] = [([], 0.0), ([], 0.0)]
    for fn in fns:
        for _ in range(warmup):
            fn()
    for _ in range(rounds):
        for side, fn in enumerate(fns):
            durations, wall = _sample_sync(fn, max(1, n // rounds), budget / rounds)
            samples[side] = (samples[side][0] + durations, samples[side][1] + wall)
    first, second = (summarize(durations, wall) for durations, wall in samples)
    return first, second


async def compare_async(
    fns: tuple[Callable[[], Awaitable[object]], Callable[[], Awaitable[object]]],
    n: int,
    *,
    rounds: int = 5,
    warmup: int = 20,
    budget: float = float("inf"),
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Async twin of :func:`compare_sync` (calls are awaited one after the other)."""
    samples: list[tuple[list[float], float]] = [([], 0.0), ([], 0.0)]
    for fn in fns:
        for _ in range(warmup):
            await fn()
    for _ in range(rounds):
        for side, fn in enumerate(fns):
            durations, wall = await _sample_async(fn, max(1, n // rounds), budget / rounds)
            samples[side] = (samples[side][0] + durations, samples[side][1] + wall)
    first, second = (summarize(durations, wall) for durations, wall in samples)
    return first, second
