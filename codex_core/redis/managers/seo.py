"""Redis manager for cached static-page SEO payloads.

One hash per page and language (the reference shared one key across languages, so the
first language to fill the cache won for everyone), ``<project>:seo:<language>:{<page>}``:
the page key is the Redis Cluster hash tag, so one page's languages share a slot and are
invalidated by one ``DEL``. A page known to have no SEO row is cached as a "missing" marker
hash, so the database is not asked again on every request.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import cast

import redis
import redis.asyncio as aioredis
from django.conf import settings
from django.utils import translation
from redis.typing import EncodableT

from codex_core.redis.generations import STORE_HASH, Ticket, generation_key
from codex_core.redis.keys import build_tagged_key
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


def _flat(payload: Mapping[EncodableT, EncodableT]) -> list[EncodableT]:
    return [item for pair in payload.items() for item in pair]


PageLoad = tuple[dict[str, str], int]


def check_page_fields(mapping: Mapping[str, object]) -> None:
    """``ValueError`` for a field name the reader would take for the "missing" marker.

    Field names starting with ``__codex`` are reserved: :meth:`SeoRedisManager.lookup_page`
    reads a hash holding :data:`MISSING_FIELD` as "no such page". ``TypeError`` when
    ``mapping`` is not a mapping.
    """
    if not isinstance(mapping, Mapping):
        raise TypeError(f"SEO data must be a mapping of field names to strings, got {type(mapping).__name__}")
    for name in mapping:
        if str(name).startswith("__codex"):
            raise ValueError(
                f"SEO field name {name!r} is reserved (names starting with '__codex' mark cached "
                "misses); rename the field."
            )


def _check_timeout(timeout: int | None) -> None:
    if timeout is not None and timeout < 1:
        raise ValueError(f"timeout must be a positive number of seconds or None, got {timeout!r}")


class SeoRedisManager(BaseDjangoRedisManager):
    """Manage cached SEO payloads for static pages, one Redis hash per page and language."""

    namespace = "seo"

    def page_cache_key(self, page_key: str, language: str | None = None) -> str:
        """The Redis key of ``page_key`` in ``language`` (default: the active language)."""
        return build_tagged_key(self.make_key(language or current_language()), page_key)

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
        ticket: Ticket | None = None,
    ) -> bool:
        """Replace the cached hash in one round trip (``MULTI``: ``DEL``, ``HSET``, ``EXPIRE``).

        An empty ``mapping`` stores the "missing" marker, which :meth:`lookup_page` returns as
        ``{}``. ``timeout`` is a TTL in seconds; ``None`` keeps the entry until invalidated.
        With a ``ticket`` (from :meth:`begin_page_refill`) this is a refill: it is stored only
        if the page was not invalidated or written since the ticket was taken. Returns whether
        the hash was stored; a direct write that did not reach Redis invalidates the page.
        """
        _check_timeout(timeout)
        check_page_fields(mapping)
        key = self.page_cache_key(page_key, language)
        payload = self._payload(mapping)
        forget_prefetched(key)
        if ticket is not None:
            return self._store_if("set_page", ticket, STORE_HASH, [timeout or 0, *_flat(payload)])

        def call(client: redis.Redis) -> bool:
            pipe = client.pipeline(transaction=True)
            pipe.delete(key, generation_key(key))
            pipe.hset(key, mapping=payload)
            if timeout is not None:
                pipe.expire(key, timeout)
            pipe.execute()
            return True

        return self._write("set_page", [key], call)

    def begin_page_refill(self, page_key: str, *, language: str | None = None) -> Ticket:
        """Take a refill ticket for the page (call it before reading the database)."""
        return self._begin(self.page_cache_key(page_key, language))

    def refill_page(
        self, page_key: str, load: Callable[[], PageLoad], *, language: str | None = None
    ) -> dict[str, str]:
        """After a miss: ``load()`` the ``(mapping, ttl)`` from the database and cache it.

        Concurrent refills of the page in this process make one ``load()``; a refill that
        lost the race to an invalidation is not stored (see :meth:`set_page`).
        """
        language = language or current_language()

        key = self.page_cache_key(page_key, language)

        def store(ticket: Ticket, loaded: PageLoad) -> bool:
            return self.set_page(page_key, loaded[0], loaded[1], language=language, ticket=ticket)

        def reread() -> PageLoad | None:
            forget_prefetched(key)  # the request's memo still says "absent"
            cached = self.lookup_page(page_key, language=language)
            return None if cached is None else (cached, 0)

        return self._refill(key, load, store, reread)[0]

    def invalidate_page(self, page_key: str, *, languages: Iterable[str] | None = None) -> None:
        """Delete the page's cache in ``languages`` (default: every language), one ``DEL``.

        Attempted even while the circuit breaker is open; if it fails it is replayed as soon
        as Redis answers again, before anything else this process reads.
        """
        keys = self._invalidation_keys(page_key, languages)
        forget_prefetched(*keys)
        self._invalidate(keys)

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
        ticket: Ticket | None = None,
    ) -> bool:
        """Async twin of :meth:`set_page`."""
        _check_timeout(timeout)
        check_page_fields(mapping)
        key = self.page_cache_key(page_key, language)
        payload = self._payload(mapping)
        forget_prefetched(key)
        if ticket is not None:
            return await self._astore_if("set_page", ticket, STORE_HASH, [timeout or 0, *_flat(payload)])

        async def call(client: aioredis.Redis) -> bool:
            async with client.pipeline(transaction=True) as pipe:
                pipe.delete(key, generation_key(key))
                pipe.hset(key, mapping=payload)
                if timeout is not None:
                    pipe.expire(key, timeout)
                await pipe.execute()
            return True

        return await self._awrite("set_page", [key], call)

    async def abegin_page_refill(self, page_key: str, *, language: str | None = None) -> Ticket:
        """Async twin of :meth:`begin_page_refill`."""
        return await self._abegin(self.page_cache_key(page_key, language))

    async def arefill_page(
        self, page_key: str, load: Callable[[], Awaitable[PageLoad]], *, language: str | None = None
    ) -> dict[str, str]:
        """Async twin of :meth:`refill_page` (``load`` is a coroutine function)."""
        language = language or current_language()

        key = self.page_cache_key(page_key, language)

        async def store(ticket: Ticket, loaded: PageLoad) -> bool:
            return await self.aset_page(page_key, loaded[0], loaded[1], language=language, ticket=ticket)

        async def reread() -> PageLoad | None:
            forget_prefetched(key)
            cached = await self.alookup_page(page_key, language=language)
            return None if cached is None else (cached, 0)

        return (await self._arefill(key, load, store, reread))[0]

    async def ainvalidate_page(self, page_key: str, *, languages: Iterable[str] | None = None) -> None:
        """Async twin of :meth:`invalidate_page`."""
        keys = self._invalidation_keys(page_key, languages)
        forget_prefetched(*keys)
        await self._ainvalidate(keys)


def get_seo_redis_manager() -> SeoRedisManager:
    """Return an SEO Redis manager configured from Django settings (shared pool)."""
    return SeoRedisManager()
