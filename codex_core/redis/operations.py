"""Hash and string helpers for managers written against the reference's extension seam.

``BaseDjangoRedisManager.sync_hash()`` / ``sync_string()`` (and the ``async_…`` twins) yield
these objects, bound to the manager's client: the shared pool, or the client its
``sync_client_factory`` / ``async_client_factory`` made. Method names and arguments are those
of codex-platform's operation classes the reference yields (``get_all``, ``set_fields``,
``get``, ``set(key, value, ttl=None)``, ``delete``, ``expire`` …); errors are redis-py's.

Every write also deletes the key's generation (see :mod:`codex_core.redis.generations`) in
the same transaction, as the built-in managers' writes do, so a refill that read the
database before it cannot store its older value over the write.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, cast

import redis
import redis.asyncio as aioredis

from codex_core.redis.generations import generation_key


def _fields(data: Mapping[str, Any], encoder: Callable[[Any], Any] | None) -> dict[Any, Any]:
    if not isinstance(data, Mapping):
        raise TypeError(f"set_fields() needs a mapping of fields, got {type(data).__name__}")
    return {k: encoder(v) for k, v in data.items()} if encoder else dict(data)


class SyncHashOperations:
    """Hash commands on a sync client (``HGETALL``, ``HSET`` …)."""

    def __init__(self, client: redis.Redis) -> None:
        self.client = client

    def _write(self, key: str, command: Callable[[Any], object]) -> Any:
        pipe = self.client.pipeline(transaction=True)
        pipe.delete(generation_key(key))
        command(pipe)
        return pipe.execute()[-1]

    def get_field(self, key: str, field: str) -> str | None:
        return cast("str | None", self.client.hget(key, field))

    def get_fields(self, key: str, *fields: str) -> list[str | None]:
        return cast("list[str | None]", self.client.hmget(key, list(fields)))

    def get_all(self, key: str) -> dict[str, str] | None:
        """The hash, or ``None`` when it does not exist (as codex-platform's)."""
        data = cast("dict[str, str]", self.client.hgetall(key))
        return data or None

    def set_field(self, key: str, field: str, value: str) -> None:
        self._write(key, lambda p: p.hset(key, field, value))

    def set_fields(
        self, key: str, data: Mapping[str, Any], *, encoder: Callable[[Any], Any] | None = None
    ) -> None:
        mapping = _fields(data, encoder)
        if mapping:
            self._write(key, lambda p: p.hset(key, mapping=mapping))

    def delete_field(self, key: str, *fields: str) -> int:
        return int(self._write(key, lambda p: p.hdel(key, *fields)))

    def delete(self, key: str) -> None:
        self._write(key, lambda p: p.delete(key))

    def exists_field(self, key: str, field: str) -> bool:
        return bool(self.client.hexists(key, field))

    def keys(self, key: str) -> list[str]:
        return cast("list[str]", self.client.hkeys(key))

    def values(self, key: str) -> list[str]:
        return cast("list[str]", self.client.hvals(key))

    def length(self, key: str) -> int:
        return int(self.client.hlen(key))

    def increment(self, key: str, field: str, amount: int = 1) -> int:
        return int(self._write(key, lambda p: p.hincrby(key, field, amount)))


class SyncStringOperations:
    """String commands on a sync client (``GET``, ``SET … EX`` …)."""

    def __init__(self, client: redis.Redis) -> None:
        self.client = client

    def _write(self, key: str, command: Callable[[Any], object]) -> Any:
        pipe = self.client.pipeline(transaction=True)
        pipe.delete(generation_key(key))
        command(pipe)
        return pipe.execute()[-1]

    def get(self, key: str) -> str | None:
        value = self.client.get(key)
        return None if value is None else str(value)

    def set(self, key: str, value: str, ttl: int | None = None) -> None:
        self._write(key, lambda p: p.set(key, value, ex=ttl))

    def delete(self, key: str) -> None:
        self._write(key, lambda p: p.delete(key))

    def expire(self, key: str, ttl: int) -> bool:
        return bool(self.client.expire(key, ttl))

    def ttl(self, key: str) -> int:
        return int(self.client.ttl(key))

    def exists(self, key: str) -> bool:
        return bool(self.client.exists(key))

    def incr(self, key: str) -> int:
        return int(self._write(key, lambda p: p.incr(key)))


class HashOperations:
    """Async twin of :class:`SyncHashOperations`."""

    def __init__(self, client: aioredis.Redis) -> None:
        self.client = client

    async def _write(self, key: str, command: Callable[[Any], object]) -> Any:
        async with self.client.pipeline(transaction=True) as pipe:
            pipe.delete(generation_key(key))
            command(pipe)
            return (await pipe.execute())[-1]

    async def get_field(self, key: str, field: str) -> str | None:
        return cast("str | None", await self.client.hget(key, field))

    async def get_fields(self, key: str, *fields: str) -> list[str | None]:
        return cast("list[str | None]", await self.client.hmget(key, list(fields)))

    async def get_all(self, key: str) -> dict[str, str] | None:
        data = cast("dict[str, str]", await self.client.hgetall(key))
        return data or None

    async def set_field(self, key: str, field: str, value: str) -> None:
        await self._write(key, lambda p: p.hset(key, field, value))

    async def set_fields(
        self, key: str, data: Mapping[str, Any], *, encoder: Callable[[Any], Any] | None = None
    ) -> None:
        mapping = _fields(data, encoder)
        if mapping:
            await self._write(key, lambda p: p.hset(key, mapping=mapping))

    async def delete_field(self, key: str, *fields: str) -> int:
        return int(await self._write(key, lambda p: p.hdel(key, *fields)))

    async def delete(self, key: str) -> None:
        await self._write(key, lambda p: p.delete(key))

    async def exists_field(self, key: str, field: str) -> bool:
        return bool(await self.client.hexists(key, field))

    async def keys(self, key: str) -> list[str]:
        return cast("list[str]", await self.client.hkeys(key))

    async def values(self, key: str) -> list[str]:
        return cast("list[str]", await self.client.hvals(key))

    async def length(self, key: str) -> int:
        return int(await self.client.hlen(key))

    async def increment(self, key: str, field: str, amount: int = 1) -> int:
        return int(await self._write(key, lambda p: p.hincrby(key, field, amount)))


class StringOperations:
    """Async twin of :class:`SyncStringOperations`."""

    def __init__(self, client: aioredis.Redis) -> None:
        self.client = client

    async def _write(self, key: str, command: Callable[[Any], object]) -> Any:
        async with self.client.pipeline(transaction=True) as pipe:
            pipe.delete(generation_key(key))
            command(pipe)
            return (await pipe.execute())[-1]

    async def get(self, key: str) -> str | None:
        value = await self.client.get(key)
        return None if value is None else str(value)

    async def set(self, key: str, value: str, ttl: int | None = None) -> None:
        await self._write(key, lambda p: p.set(key, value, ex=ttl))

    async def delete(self, key: str) -> None:
        await self._write(key, lambda p: p.delete(key))

    async def expire(self, key: str, ttl: int) -> bool:
        return bool(await self.client.expire(key, ttl))

    async def ttl(self, key: str) -> int:
        return int(await self.client.ttl(key))

    async def exists(self, key: str) -> bool:
        return bool(await self.client.exists(key))

    async def incr(self, key: str) -> int:
        return int(await self._write(key, lambda p: p.incr(key)))
