"""The two Redis modes of the fuzz, and how a run proves it ran in its mode."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest


@dataclass
class RedisMode:
    """Redis up or down for a fuzz run: what resets it before each case, and proof it was so."""

    name: str
    reset: Callable[[], None]
    evidence: list[int] = field(default_factory=list)

    def held(self, log: pytest.LogCaptureFixture) -> bool:
        """Up: some case left keys in Redis. Down: the outage was logged."""
        if self.name == "redis-up":
            return max(self.evidence, default=0) > 0
        return any("Redis is unavailable" in record.getMessage() for record in log.records)
