"""How a Redis call ended, told to the circuit breaker and to the instrumentation at once."""

from __future__ import annotations

import time

import redis

from codex_core.conf import get_config
from codex_core.redis.breaker import breaker, logger
from codex_core.redis.instrumentation import RedisCall, record

#: Failures that mean "Redis is not there": they open the circuit breaker. Besides the
#: socket errors: a cluster whose slot has no reachable primary (``CLUSTERDOWN``, ``TRYAGAIN``,
#: no node for the slot) and a sentinel that names no primary (``MasterNotFoundError`` is a
#: ``ConnectionError``): both are a failover in progress.
UNAVAILABLE_ERRORS: tuple[type[BaseException], ...] = (
    redis.ConnectionError,
    redis.TimeoutError,
    OSError,
    redis.exceptions.ClusterError,
    redis.exceptions.TryAgainError,
    redis.exceptions.SlotNotCoveredError,
)


#: Answers that make a read a miss while Redis stays reachable: an error reply (WRONGTYPE after
#: a foreign write, READONLY, OOM) and a value a foreign writer left that is not UTF-8 (the
#: client decodes replies; redis-py reads the whole reply before decoding, so the connection
#: stays in step).
REJECTED_ERRORS: tuple[type[BaseException], ...] = (redis.ResponseError, UnicodeDecodeError)


#: When a call started: ``(perf_counter, breaker epoch)``, see :func:`begin`.
Attempt = tuple[float, int]


def begin() -> Attempt:
    """Mark the start of a call (for its duration and for the breaker)."""
    return time.perf_counter(), breaker.epoch


def _ms(started: Attempt) -> float:
    return (time.perf_counter() - started[0]) * 1000


def skipped(manager: str, operation: str, key: str) -> None:
    """The call was not made (caching disabled, breaker open)."""
    record(RedisCall(manager, operation, key, "skipped", 0.0, 0))


def finished(manager: str, operation: str, key: str, outcome: str, started: Attempt) -> None:
    """Redis answered: it is reachable."""
    breaker.record_success(started[1])
    record(RedisCall(manager, operation, key, outcome, _ms(started)))


def failed(manager: str, operation: str, key: str, exc: BaseException, started: Attempt) -> None:
    """Redis could not be reached (refused, timed out, hung up): open the breaker."""
    breaker.record_failure(exc, get_config().redis_breaker_cooldown)
    record(RedisCall(manager, operation, key, "error", _ms(started)))


def rejected(
    manager: str, operation: str, key: str, exc: BaseException, started: Attempt, *, log: bool = True
) -> None:
    """Redis answered with an error: reachable (this also ends a half-open probe), but the
    entry is wrong (WRONGTYPE after a foreign write, bytes that are not UTF-8) or the server
    refused (READONLY, OOM).

    ``log=False`` for a refusal already logged (a replay retried before every call): debug only.
    """
    breaker.record_success(started[1])
    what = "answered with bytes that are not UTF-8 to" if isinstance(exc, UnicodeDecodeError) else "rejected"
    (logger.warning if log else logger.debug)(
        "Redis %s %s on %r (%s); treating it as a cache miss.", what, operation, key, exc
    )
    record(RedisCall(manager, operation, key, "error", _ms(started)))
