"""Read the entries a request needs from several managers in one pipeline round trip.

A page render typically reads its SEO hash and the site settings hash: two round trips.
:func:`prefetched` (or :func:`prefetch` / :func:`clear_prefetch`) reads both with one
pipeline and memoises the raw hashes in a context variable for the current request;
:meth:`SeoRedisManager.lookup_page` and :meth:`DjangoSiteSettingsManager.load_cached`
consult the memo first, and every write through those managers drops the written key
from it, so a read after a write never sees the prefetched value.

    with prefetched(seo_page_key="home", settings=True):
        response = get_response(request)
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import cast

import redis
import redis.asyncio as aioredis

from codex_core.redis.managers.base import BaseDjangoRedisManager
from codex_core.redis.managers.seo import SeoRedisManager
from codex_core.redis.managers.settings import DjangoSiteSettingsManager
from codex_core.redis.memo import clear_prefetch, forget_prefetched, memo, prefetched_hash

__all__ = ["aprefetch", "clear_prefetch", "forget_prefetched", "prefetch", "prefetched", "prefetched_hash"]


class _BatchReader(BaseDjangoRedisManager):
    """Runs the pipeline through the shared pool and circuit breaker."""


def _keys(seo_page_key: str | None, language: str | None, settings: bool) -> list[str]:
    keys = [] if seo_page_key is None else [SeoRedisManager().page_cache_key(seo_page_key, language)]
    return [*keys, DjangoSiteSettingsManager().key] if settings else keys


def _remember(keys: list[str], values: list[object] | None) -> None:
    # A key of the wrong type answers with an error object: leave it out of the memo, so its
    # manager reads it (and treats it as a miss) on its own.
    if values is not None:
        memo.set({key: value for key, value in zip(keys, values, strict=True) if isinstance(value, dict)})


def prefetch(*, seo_page_key: str | None = None, language: str | None = None, settings: bool = False) -> None:
    """Read the SEO hash of ``seo_page_key`` in ``language`` (default: the active one) and,
    with ``settings=True``, the site settings hash, in one pipeline; memoise them.

    When Redis is unusable nothing is memoised and the managers behave as without it.
    """
    keys = _keys(seo_page_key, language, settings)
    if not keys:
        return

    def call(client: redis.Redis) -> list[object]:
        pipe = client.pipeline(transaction=False)
        for key in keys:
            pipe.hgetall(key)
        return cast("list[object]", pipe.execute(raise_on_error=False))

    _remember(keys, _BatchReader()._run("prefetch", " ".join(keys), call, None))


async def aprefetch(
    *, seo_page_key: str | None = None, language: str | None = None, settings: bool = False
) -> None:
    """Async twin of :func:`prefetch`."""
    keys = _keys(seo_page_key, language, settings)
    if not keys:
        return

    async def call(client: aioredis.Redis) -> list[object]:
        async with client.pipeline(transaction=False) as pipe:
            for key in keys:
                pipe.hgetall(key)
            return cast("list[object]", await pipe.execute(raise_on_error=False))

    _remember(keys, await _BatchReader()._arun("prefetch", " ".join(keys), call, None))


@contextmanager
def prefetched(
    *, seo_page_key: str | None = None, language: str | None = None, settings: bool = False
) -> Iterator[None]:
    """:func:`prefetch` for the duration of the block, then restore the previous memo."""
    token = memo.set(None)
    try:
        prefetch(seo_page_key=seo_page_key, language=language, settings=settings)
        yield
    finally:
        memo.reset(token)
