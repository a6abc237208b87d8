"""Redis manager for cached static-page SEO payloads.

One hash per page and language (the reference shared one key across languages, so the
first language to fill the cache won for everyone). A page known to have no SEO row is
cached as a "missing" marker hash, so the database is not asked again on every request.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import cast

import redis
import redis.asyncio as aioredis
from django.conf import settings
from django.utils import translation
from redis.typing import EncodableT

from codex_core.redis.managers.base import BaseDjangoRedisManager
from codex_core.redis.memo import forget_prefetched, prefetched_hash

#: Field of the hash that marks "looked up, no such row". Real SEO fields never start with "__".
MISSING_FIELD = "__codex_missing__"


def current_language() -> str:
    """The active language, or ``settings.LANGUAGE_CODE`` outside any activated language."""
    return translation.get_language() or str(settings.LANGUAGE_CODE)


def _all_languages() -> list[str]:
    codes = [str(code) for code, _name in settings.LANGUAGES]
    default = str(settings.LANGUAGE_CODE)
    return codes if default in codes else [*codes, default]


def _decode(raw: dict[str, str] | None) -> dict[str, str] | None:
    if not raw:  # None: Redis unusable; {}: no such key
        return None
    if MISSING_FIELD in raw:
        return {}
    return raw


def _check_timeout(timeout: int | None) -> None:
    if timeout is not None and timeout < 1:
        raise ValueError(f"timeout must be a positive number of seconds or None, got {timeout!r}")


class SeoRedisManager(BaseDjangoRedisManager):
    """Manage cached SEO payloads for static pages, one Redis hash per page and language."""

    namespace = "seo"

    def page_cache_key(self, page_key: str, language: str | None = None) -> str:
        """The Redis key of ``page_key`` in ``language`` (default: the active language)."""
        return self.make_key(language or current_language(), page_key)

    def _payload(self, mapping: Mapping[str, str]) -> dict[EncodableT, EncodableT]:
        return {str(k): str(v) for k, v in mapping.items()} or {MISSING_FIELD: "1"}

    def _invalidation_keys(self, page_key: str, languages: Iterable[str] | None) -> list[str]:
        codes = _all_languages() if languages is None else list(languages)
        return [self.page_cache_key(page_key, code) for code in codes]

    def lookup_page(self, page_key: str, *, language: str | None = None) -> dict[str, str] | None:
        """Return the cached payload, ``{}`` for a cached "no such page" marker, or ``None``.

        ``None`` means "not cached" (or Redis is unusable): the caller should read the
        database and call :meth:`set_page`.
        """
        key = self.page_cache_key(page_key, language)
        raw = prefetched_hash(key)
        if raw is None:
            raw = self._run("lookup_page", key, lambda c: cast("dict[str, str]", c.hgetall(key)), None)
        return _decode(raw)

    def get_page(self, page_key: str, *, language: str | None = None) -> dict[str, str]:
        """Return cached SEO data for a page, or ``{}`` when absent or cached as missing."""
        return self.lookup_page(page_key, language=language) or {}

    def set_page(
        self,
        page_key: str,
        mapping: Mapping[str, str],
        timeout: int | None = None,
        *,
        language: str | None = None,
    ) -> None:
        """Replace the cached hash in one round trip (``MULTI``: ``DEL``, ``HSET``, ``EXPIRE``).

        An empty ``mapping`` stores the "missing" marker, which :meth:`lookup_page` returns as
        ``{}``. ``timeout`` is a TTL in seconds; ``None`` keeps the entry until invalidated.
        """
        _check_timeout(timeout)
        key = self.page_cache_key(page_key, language)
        payload = self._payload(mapping)
        forget_prefetched(key)

        def call(client: redis.Redis) -> None:
            pipe = client.pipeline(transaction=True)
            pipe.delete(key)
            pipe.hset(key, mapping=payload)
            if timeout is not None:
                pipe.expire(key, timeout)
            pipe.execute()

        self._run("set_page", key, call, None, write=True)

    def invalidate_page(self, page_key: str, *, languages: Iterable[str] | None = None) -> None:
        """Delete the page's cache in ``languages`` (default: every language), one ``DEL``."""
        keys = self._invalidation_keys(page_key, languages)
        forget_prefetched(*keys)
        if keys:
            self._run("invalidate_page", " ".join(keys), lambda c: c.delete(*keys), 0, write=True)

    async def alookup_page(self, page_key: str, *, language: str | None = None) -> dict[str, str] | None:
        """Async twin of :meth:`lookup_page`."""
        key = self.page_cache_key(page_key, language)

        async def call(client: aioredis.Redis) -> dict[str, str]:
            return cast("dict[str, str]", await client.hgetall(key))

        raw = prefetched_hash(key)
        if raw is None:
            raw = await self._arun("lookup_page", key, call, None)
        return _decode(raw)

    async def aget_page(self, page_key: str, *, language: str | None = None) -> dict[str, str]:
        """Async twin of :meth:`get_page`."""
        return await self.alookup_page(page_key, language=language) or {}

    async def aset_page(
        self,
        page_key: str,
        mapping: Mapping[str, str],
        timeout: int | None = None,
        *,
        language: str | None = None,
    ) -> None:
        """Async twin of :meth:`set_page`."""
        _check_timeout(timeout)
        key = self.page_cache_key(page_key, language)
        payload = self._payload(mapping)
        forget_prefetched(key)

        async def call(client: aioredis.Redis) -> None:
            async with client.pipeline(transaction=True) as pipe:
                pipe.delete(key)
                pipe.hset(key, mapping=payload)
                if timeout is not None:
                    pipe.expire(key, timeout)
                await pipe.execute()

        await self._arun("set_page", key, call, None, write=True)

    async def ainvalidate_page(self, page_key: str, *, languages: Iterable[str] | None = None) -> None:
        """Async twin of :meth:`invalidate_page`."""
        keys = self._invalidation_keys(page_key, languages)
        forget_prefetched(*keys)

        async def call(client: aioredis.Redis) -> int:
            return await client.delete(*keys)

        if keys:
            await self._arun("invalidate_page", " ".join(keys), call, 0, write=True)


def get_seo_redis_manager() -> SeoRedisManager:
    """Return an SEO Redis manager configured from Django settings (shared pool)."""
    return SeoRedisManager()
