"""The per-request memo of prefetched Redis hashes (see :mod:`codex_core.redis.batch`).

A module of its own so that the managers can consult and clear the memo without importing
the batch reader, which imports them: the arrow goes ``memo`` ← managers ← ``batch``.
"""

from __future__ import annotations

from contextvars import ContextVar

memo: ContextVar[dict[str, dict[str, str]] | None] = ContextVar("codex_redis_prefetch", default=None)


def prefetched_hash(key: str) -> dict[str, str] | None:
    """The prefetched raw hash for ``key`` (``{}`` = known absent), or ``None`` if not prefetched."""
    current = memo.get()
    return None if current is None else current.get(key)


def forget_prefetched(*keys: str) -> None:
    """Drop ``keys`` from the memo (called by every write to them)."""
    current = memo.get()
    if current:
        for key in keys:
            current.pop(key, None)


def clear_prefetch() -> None:
    """Forget everything prefetched in this context."""
    memo.set(None)
