"""Run a manager method as its sync original or its async twin, so one test covers both."""

from __future__ import annotations

import asyncio
from typing import Any

from codex_core.redis.client import aclose_clients


def call(mode: str, manager: object, name: str, *args: Any, **kwargs: Any) -> Any:
    """Call ``manager.<name>`` or, in async mode, its ``a<name>`` twin on a fresh loop."""
    if mode == "sync":
        return getattr(manager, name)(*args, **kwargs)

    async def main() -> Any:
        try:
            return await getattr(manager, "a" + name)(*args, **kwargs)
        finally:
            await aclose_clients()

    return asyncio.run(main())
