"""A process-wide circuit breaker around Redis.

When Redis fails (refused, timed out, hung up) the breaker opens: for a short cooldown
every cache read is skipped at once instead of waiting on a dead server. After the
cooldown the breaker is *half-open*: one call is let through as a probe. Any reply from
Redis, an error reply (``WRONGTYPE``, ``READONLY``, ``OOM``) included, proves it reachable
and closes the breaker; a failure to reach it re-opens it. Whatever the probe ends with
(a reply, a failure, an exception of the caller, a cancelled task), the probe slot is freed.
The outage is logged once when it starts, once when the first probe goes out and once
when it ends, never per request.
"""

from __future__ import annotations

import enum
import logging
import os
import threading
import time
from collections.abc import Callable

logger = logging.getLogger("codex_core.redis")


class Permit(enum.Enum):
    """What :meth:`CircuitBreaker.acquire` grants."""

    DENIED = "denied"
    ALLOWED = "allowed"
    PROBE = "probe"


class CircuitBreaker:
    """Track Redis health for this process. Thread-safe; monotonic clock."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._lock = threading.Lock()
        self._clock = clock
        self._open_until = 0.0
        self._outage = False
        self._probing = False
        self._probed = False  # whether this outage's first probe was logged
        self.epoch = 0  # bumped by every failure: a reply to an older call proves nothing

    def _now(self) -> float:
        return self._clock()

    @property
    def is_open(self) -> bool:
        """True while an outage is being sat out (no call should be attempted)."""
        return self._outage and self._now() < self._open_until

    @property
    def state(self) -> str:
        """``"closed"``, ``"open"`` (sitting out the cooldown) or ``"half-open"`` (probing)."""
        if not self._outage:
            return "closed"
        return "open" if self._now() < self._open_until and not self._probing else "half-open"

    def acquire(self) -> Permit:
        """Whether a Redis call may be attempted now, and whether it is the probe.

        While open, :attr:`Permit.DENIED`. After the cooldown exactly one caller gets
        :attr:`Permit.PROBE` and must call :meth:`end_probe` when its call is over.
        """
        if not self._outage:
            return Permit.ALLOWED
        with self._lock:
            if not self._outage:
                return Permit.ALLOWED
            if self._now() < self._open_until or self._probing:
                return Permit.DENIED
            self._probing = True
            first, self._probed = not self._probed, True
        log = logger.info if first else logger.debug
        log("Redis circuit breaker half-open: letting one call through to probe.")
        return Permit.PROBE

    def allow(self) -> bool:
        """Return whether a Redis call may be attempted now (see :meth:`acquire`)."""
        return self.acquire() is not Permit.DENIED

    def end_probe(self) -> None:
        """Free the probe slot, however the probe ended (called in a ``finally``)."""
        with self._lock:
            self._probing = False

    def record_success(self, epoch: int | None = None) -> None:
        """Close the breaker after Redis answered (even with an error); log the recovery once.

        ``epoch`` is :attr:`epoch` when the call started: a call that was already on its way
        when a failure opened the breaker does not close it (its reply predates the outage).
        """
        if not self._outage:
            return
        with self._lock:
            if self._outage and (epoch is None or epoch == self.epoch):
                self._outage = False
                self._probing = False
                self._probed = False
                logger.warning("Redis is reachable again; caching resumed.")

    def record_failure(self, exc: BaseException, cooldown: float) -> None:
        """Open the breaker for ``cooldown`` seconds; log the start of an outage once."""
        with self._lock:
            first = not self._outage
            self._outage = True
            self._probing = False
            self.epoch += 1
            self._open_until = self._now() + cooldown
        if first:
            logger.warning(
                "Redis is unavailable (%s: %s); serving from the database and skipping cache "
                "writes, retrying every %.1fs.",
                type(exc).__name__,
                exc,
                cooldown,
            )

    def reset(self) -> None:
        """Forget any outage (tests, or after reconfiguration)."""
        with self._lock:
            self._outage = False
            self._probing = False
            self._probed = False
            self._open_until = 0.0


breaker = CircuitBreaker()


def _after_fork() -> None:
    breaker._lock = threading.Lock()  # a parent's thread may have held it at the fork


os.register_at_fork(after_in_child=_after_fork)
