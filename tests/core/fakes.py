"""Small stand-ins shared by the codex_core Redis tests."""

from __future__ import annotations

from typing import Any

import redis


class FakeSettings:
    """A settings "model" as the manager sees it: ``load()`` (counted) and ``to_dict()``."""

    loads = 0

    @classmethod
    def load(cls) -> FakeSettings:
        cls.loads += 1
        return cls()

    def to_dict(self) -> dict[str, Any]:
        return {"site_name": "Codex"}


def command_calls(client: redis.Redis) -> dict[str, int]:
    """How often the server ran each command since the last ``CONFIG RESETSTAT``."""
    stats = client.info("commandstats")
    return {name.removeprefix("cmdstat_"): int(v["calls"]) for name, v in stats.items()}
