"""Redis-backed static content: template snippets keyed by name, in one hash.

``<project>:static_content`` maps each row's ``key`` to its ``content`` (strings). A miss
reads every row of the model passed to :meth:`StaticContentManager.load_cached` and caches
them through a generation-checked refill, so an edit committed during the read is not
overwritten by the older rows. :meth:`~StaticContentManager.save_mapping` merges fields into
the hash, as the reference's does; it refuses anything but ``str`` keys and values, since the
hash can only give strings back.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

import redis
import redis.asyncio as aioredis
from asgiref.sync import sync_to_async
from django.db.models import Model
from redis.typing import EncodableT

from codex_core.redis.generations import STORE_HASH, Ticket, generation_key
from codex_core.redis.managers.base import BaseDjangoRedisManager


def _checked(data: Mapping[str, str]) -> dict[EncodableT, EncodableT]:
    """``data`` as a dict; ``TypeError`` unless every key and value is a ``str``."""
    if not isinstance(data, Mapping):
        raise TypeError(f"static content must be a mapping of str to str, got {type(data).__name__}")
    for key, value in data.items():
        if not isinstance(key, str) or not isinstance(value, str):
            raise TypeError(
                f"static content keys and values must be str (the cache gives strings back), "
                f"got {key!r}: {type(value).__name__}"
            )
    return cast("dict[EncodableT, EncodableT]", dict(data))


def _rows(model_cls: type[Model]) -> dict[str, str]:
    rows = model_cls._default_manager.all()
    return {str(getattr(row, "key")): str(getattr(row, "content")) for row in rows}  # noqa: B009


class StaticContentManager(BaseDjangoRedisManager):
    """Load and persist template static content (``key -> content``) in one Redis hash."""

    #: The logical key of the hash (the reference's attribute; the full key is :attr:`key`).
    cache_key = "static_content"

    def __init__(self, prefix: str | None = None, **kwargs: Any) -> None:
        super().__init__(prefix, **kwargs)
        self.key = self.make_key(self.cache_key)

    # -- sync --------------------------------------------------------------------------
    def load_cached(self, model_cls: type[Model]) -> dict[str, str]:
        """The cached mapping, or every row of ``model_cls`` (fields ``key``, ``content``),
        cached. With Redis disabled or down the rows are read from the database."""
        cached = self._run("load_cached", self.key, self._hgetall, None)
        if cached:
            return cached
        return self._refill(self.key, lambda: _rows(model_cls), self._store_refill, self._reread)

    def save_mapping(self, data: Mapping[str, str]) -> None:
        """Merge ``data`` into the cached hash (``TypeError`` for non-``str`` keys or values).

        An empty mapping writes nothing. A write that does not reach Redis invalidates the
        hash instead, so no older content outlives it.
        """
        mapping = _checked(data)
        if not mapping:
            return

        def call(client: redis.Redis) -> None:
            pipe = client.pipeline(transaction=True)
            pipe.delete(generation_key(self.key))
            pipe.hset(self.key, mapping=mapping)
            pipe.execute()

        self._write("save_mapping", [self.key], call)

    def invalidate(self) -> None:
        """Drop the cached hash; the next load reads the database (replayed if Redis fails)."""
        self._invalidate([self.key])

    def _hgetall(self, client: redis.Redis) -> dict[str, str]:
        return cast("dict[str, str]", client.hgetall(self.key))

    def _reread(self) -> dict[str, str] | None:
        return self._run("load_cached", self.key, self._hgetall, None) or None

    def _store_refill(self, ticket: Ticket, data: dict[str, str]) -> bool:
        return self._store_if("load_cached", ticket, STORE_HASH, _store_args(data))

    # -- async -------------------------------------------------------------------------
    async def aload_cached(self, model_cls: type[Model]) -> dict[str, str]:
        """Async twin of :meth:`load_cached` (the database is read via ``sync_to_async``)."""
        cached = await self._arun("load_cached", self.key, self._ahgetall, None)
        if cached:
            return cached

        async def load() -> dict[str, str]:
            return await sync_to_async(_rows)(model_cls)

        async def reread() -> dict[str, str] | None:
            return await self._arun("load_cached", self.key, self._ahgetall, None) or None

        async def store(ticket: Ticket, data: dict[str, str]) -> bool:
            return await self._astore_if("load_cached", ticket, STORE_HASH, _store_args(data))

        return await self._arefill(self.key, load, store, reread)

    async def asave_mapping(self, data: Mapping[str, str]) -> None:
        """Async twin of :meth:`save_mapping`."""
        mapping = _checked(data)
        if not mapping:
            return

        async def call(client: aioredis.Redis) -> None:
            async with client.pipeline(transaction=True) as pipe:
                pipe.delete(generation_key(self.key))
                pipe.hset(self.key, mapping=mapping)
                await pipe.execute()

        await self._awrite("save_mapping", [self.key], call)

    async def ainvalidate(self) -> None:
        """Async twin of :meth:`invalidate`."""
        await self._ainvalidate([self.key])

    async def _ahgetall(self, client: aioredis.Redis) -> dict[str, str]:
        return cast("dict[str, str]", await client.hgetall(self.key))


def _store_args(data: Mapping[str, str]) -> list[EncodableT]:
    return [0, *(item for pair in data.items() for item in pair)]


def get_static_content_manager() -> StaticContentManager:
    """Return a static-content manager configured from Django settings (shared pool)."""
    return StaticContentManager()
