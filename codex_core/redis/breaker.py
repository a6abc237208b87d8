"""A process-wide circuit breaker around Redis.

When Redis fails (refused, timed out, hung up) the breaker opens: for a short cooldown
every cache operation is skipped at once instead of waiting on a dead server. After the
cooldown one call is let through; success closes the breaker, failure re-opens it.
The outage is logged once when it starts and once when it ends, never per request.
"""

from __future__ import annotations

import logging
import threading
import time

logger = logging.getLogger("codex_core.redis")


class CircuitBreaker:
    """Track Redis health for this process. Thread-safe; monotonic clock."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open_until = 0.0
        self._outage = False
        self._probing = False

    @property
    def is_open(self) -> bool:
        """True while an outage is being sat out (no call should be attempted)."""
        return self._outage and time.monotonic() < self._open_until

    def allow(self) -> bool:
        """Return whether a Redis call may be attempted now.

        While open, no. After the cooldown, exactly one caller gets to probe.
        """
        if not self._outage:
            return True
        with self._lock:
            if not self._outage:
                return True
            if time.monotonic() < self._open_until or self._probing:
                return False
            self._probing = True
            return True

    def record_success(self) -> None:
        """Close the breaker after a successful call; log the recovery once."""
        if not self._outage:
            return
        with self._lock:
            if self._outage:
                self._outage = False
                self._probing = False
                logger.warning("Redis is reachable again; caching resumed.")

    def record_failure(self, exc: BaseException, cooldown: float) -> None:
        """Open the breaker for ``cooldown`` seconds; log the start of an outage once."""
        with self._lock:
            first = not self._outage
            self._outage = True
            self._probing = False
            self._open_until = time.monotonic() + cooldown
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
            self._open_until = 0.0


breaker = CircuitBreaker()
