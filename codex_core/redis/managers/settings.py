"""Redis-backed site settings storage helpers.

The concrete project settings model is cached in one Redis hash (``<project>:site_settings``,
TTL ``CODEX_SITE_SETTINGS_CACHE_TIMEOUT``), one JSON-encoded field per setting so that
booleans, numbers and ``None`` come back as themselves, and dates, datetimes, times,
durations, decimals and UUIDs are restored to their model field's Python type. Fields named
in the model's ``secret_fields`` never reach Redis nor the returned data.
:class:`SettingsProxy` exposes the data to templates.
"""

from __future__ import annotations

import copy
import json
import logging
import weakref
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, cast

import redis
import redis.asyncio as aioredis
from asgiref.sync import sync_to_async
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Model
from redis.typing import EncodableT

from codex_core.conf import get_config
from codex_core.redis.generations import STORE_HASH, Ticket, generation_key
from codex_core.redis.managers.base import BaseDjangoRedisManager
from codex_core.redis.memo import forget_prefetched, prefetched_hash

logger = logging.getLogger("codex_core.redis")


class SettingsProxy:
    """Expose dictionary-backed settings through attribute and item access in templates.

    A missing setting reads as ``""`` (so templates render nothing), but dunder and private
    names raise :class:`AttributeError`, so ``conditional_escape``, ``copy``, ``pickle`` and
    ``hasattr(proxy, "__html__")`` see an ordinary object.
    """

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[str, Any] | None = None) -> None:
        self._data: dict[str, Any] = dict(data or {})

    def __getattr__(self, name: str) -> Any:
        """Return the setting ``name``, or ``""`` when it is missing."""
        if name.startswith("_"):
            raise AttributeError(name)
        return self._data.get(name, "")

    def __getitem__(self, name: str) -> Any:
        """Return the setting ``name``, or ``""`` when it is missing."""
        return self._data.get(name, "")

    @property
    def data(self) -> dict[str, Any]:
        """The underlying mapping (the reference's attribute). A setting named ``data`` is
        therefore read as ``proxy["data"]``, as in the reference."""
        return self._data

    def get(self, name: str, default: Any = None) -> Any:
        """Return the setting ``name``, or ``default`` when it is missing."""
        return self._data.get(name, default)

    def as_dict(self) -> dict[str, Any]:
        """A copy of the underlying data."""
        return dict(self._data)

    def __contains__(self, name: object) -> bool:
        return name in self._data

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __bool__(self) -> bool:
        return bool(self._data)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, SettingsProxy):
            return self._data == other._data
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"SettingsProxy({self._data!r})"

    def __copy__(self) -> SettingsProxy:
        return SettingsProxy(self._data)

    def __deepcopy__(self, memo: dict[int, Any]) -> SettingsProxy:
        return SettingsProxy(copy.deepcopy(self._data, memo))

    def __reduce__(self) -> tuple[type[SettingsProxy], tuple[dict[str, Any]]]:
        return (SettingsProxy, (self._data,))


#: Fields whose values are cached as text and parsed back with ``field.to_python``.
_PARSED_FIELDS = (
    models.DateField,  # and DateTimeField
    models.TimeField,
    models.DurationField,
    models.DecimalField,
    models.UUIDField,
)


class _Encoder(DjangoJSONEncoder):
    """Django's encoder (Decimal, dates, UUID, lazy strings) plus ``str()`` for the rest (files).

    Like Django's, it writes datetimes and times to the millisecond; a miss goes through the
    same encoding, so a hit and a miss return equal values.
    """

    def default(self, o: Any) -> Any:
        try:
            return super().default(o)
        except TypeError:
            return str(o)


def _secret_fields(model_cls: type[Any]) -> frozenset[str]:
    return frozenset(getattr(model_cls, "secret_fields", ()))


def instance_data(instance: Any) -> dict[str, Any]:
    """``instance.to_dict()`` if defined, else its concrete field values; secrets removed."""
    to_dict = getattr(instance, "to_dict", None)
    if callable(to_dict):
        data = dict(to_dict())
    else:
        data = {f.attname: f.value_from_object(instance) for f in instance._meta.concrete_fields}
    secrets = _secret_fields(type(instance))
    return {k: v for k, v in data.items() if k not in secrets}


def _load_from_db(model_cls: type[Any]) -> dict[str, Any]:
    load = getattr(model_cls, "load", None)
    instance = load() if callable(load) else model_cls._default_manager.first()
    if instance is None:
        return {}
    normalized = _normalize(instance_data(instance))
    # A value its field cannot parse (a bad to_dict()) is returned as read and not cached.
    return _restore(model_cls, normalized) or normalized


@dataclass(frozen=True)
class _Field:
    """What a hit needs to know of one model field, worked out once per model."""

    field: Any
    json_types: tuple[type, ...] | None  # None: any JSON value
    parsed: bool  # cached as text, restored with field.to_python()


_schemas: weakref.WeakKeyDictionary[type, dict[str, _Field]] = weakref.WeakKeyDictionary()


def _fields(model_cls: type[Any]) -> dict[str, _Field]:
    """A model's concrete fields by name and attname (computed once per model: hits use it)."""
    schema = _schemas.get(model_cls)
    if schema is None:
        meta = getattr(model_cls, "_meta", None)
        concrete = [] if meta is None else list(meta.concrete_fields)
        infos = {f: _Field(f, _json_types(f), isinstance(f, _PARSED_FIELDS)) for f in concrete}
        schema = {f.name: infos[f] for f in concrete} | {f.attname: infos[f] for f in concrete}
        _schemas[model_cls] = schema
    return schema


def _restore(model_cls: type[Any], data: Mapping[str, Any]) -> dict[str, Any] | None:
    """Parse text values back to their field's type (dates, decimals, …); ``None``: corrupt."""
    fields = _fields(model_cls)
    restored = dict(data)
    for name, value in data.items():
        info = fields.get(name)
        if info is None or value is None or not info.parsed:
            continue
        try:
            restored[name] = info.field.to_python(value)
        except ValidationError:
            return None
    return restored


def _normalize(data: Mapping[str, Any]) -> dict[str, Any]:
    """The data as it will read back from Redis, so a miss and a hit return equal dicts."""
    return {name: json.loads(json.dumps(value, cls=_Encoder)) for name, value in data.items()}


def _encode(data: Mapping[str, Any]) -> dict[EncodableT, EncodableT]:
    return {name: json.dumps(value, cls=_Encoder) for name, value in data.items()}


def _decode(raw: Mapping[str, str]) -> dict[str, Any] | None:
    try:
        return {name: json.loads(value) for name, value in raw.items()}
    except ValueError:
        return None


def _json_types(field: Any) -> tuple[type, ...] | None:
    """The JSON types a model field's value takes after :func:`_normalize`; ``None``: any."""
    if isinstance(field, models.BooleanField):
        return (bool,)
    if isinstance(field, models.IntegerField | models.AutoField):
        return (int,)
    if isinstance(field, models.FloatField):
        return (int, float)
    if isinstance(field, models.JSONField) or field.is_relation:
        return None
    return (str,)  # text, e-mail, URL, and what the encoder writes as text (dates, decimals, UUIDs)


def _well_typed(model_cls: type[Any], data: Mapping[str, Any]) -> bool:
    """Whether every cached value has its model field's type (foreign writes can break that)."""
    fields = _fields(model_cls)
    for name, value in data.items():
        info = fields.get(name)
        if info is None or (value is None and info.field.null):
            continue
        types = info.json_types
        if types is None:
            continue
        if isinstance(value, bool) and bool not in types:
            return False
        if not isinstance(value, types):
            return False
    return True


def unstorable_fields(model_cls: type[Any], data: Mapping[str, Any]) -> list[str]:
    """Fields of ``data`` whose cached value :meth:`DjangoSiteSettingsManager.load_cached`
    would reject as corrupt (e.g. text in a ``BooleanField``, a non-date in a ``DateField``)."""
    bad = []
    for name, value in _normalize(data).items():
        one = {name: value}
        if not _well_typed(model_cls, one) or _restore(model_cls, one) is None:
            bad.append(name)
    return bad


def _storable(model_cls: type[Any], data: Mapping[str, Any]) -> None:
    bad = unstorable_fields(model_cls, data)
    if bad:
        raise ValueError(
            f"{model_cls.__name__} settings cannot be cached: {', '.join(sorted(bad))} "
            "do not match their model fields' types (check to_dict())."
        )


def _uncacheable(model_cls: type[Any], data: Mapping[str, Any]) -> bool:
    """A refill of data the reader would reject is not stored (the page still gets the data)."""
    bad = unstorable_fields(model_cls, data)
    if bad:
        logger.error(
            "Not caching %s settings: %s do not match their model fields' types (check to_dict()).",
            model_cls.__name__,
            ", ".join(sorted(bad)),
        )
    return bool(bad)


class DjangoSiteSettingsManager(BaseDjangoRedisManager):
    """Load and persist site settings in one Redis hash, with sync and async helpers."""

    #: The logical key of the settings hash (the reference's name; the full key is :attr:`key`).
    CACHE_KEY = "site_settings"

    def __init__(self, prefix: str | None = None, **kwargs: Any) -> None:
        super().__init__(prefix, **kwargs)
        self.key = self.make_key(self.CACHE_KEY)

    # -- sync --------------------------------------------------------------------------
    def load_cached(self, model_cls: type[Model]) -> dict[str, Any]:
        """Return the cached settings, or read them from the database and cache them.

        The database row comes from ``model_cls.load()`` when defined, else the first row;
        ``{}`` when there is none. A corrupt cache entry is logged and recomputed. A refill
        that loses the race to an edit (its row is older than the invalidation) is not
        stored, and concurrent misses in this process make one database read.
        """
        raw = prefetched_hash(self.key)
        if raw is None:
            raw = self._run("load_cached", self.key, self._hgetall, None)
        cached = self._cached(model_cls, raw)
        if cached is not None:
            return cached

        def reread() -> dict[str, Any] | None:
            forget_prefetched(self.key)
            return self._cached(model_cls, self._run("load_cached", self.key, self._hgetall, None))

        def store(ticket: Ticket, data: dict[str, Any]) -> bool:
            return self._store_refill(model_cls, ticket, data)

        return self._refill(self.key, lambda: _load_from_db(model_cls), store, reread)

    def save_instance(self, instance: Model) -> None:
        """Replace the cached settings with ``instance``'s data (secrets removed).

        If the write does not reach Redis the cached settings are invalidated instead.
        ``ValueError`` (nothing written) when a value does not match its model field's type,
        since :meth:`load_cached` would discard it as corrupt.
        """
        data = instance_data(instance)
        _storable(type(instance), data)
        encoded = _encode(data)
        forget_prefetched(self.key)
        ttl = get_config().site_settings_cache_timeout

        def call(client: redis.Redis) -> None:
            pipe = client.pipeline(transaction=True)
            pipe.delete(self.key, generation_key(self.key))
            if encoded:
                pipe.hset(self.key, mapping=encoded)
                pipe.expire(self.key, ttl)
            pipe.execute()

        self._write("store", [self.key], call)

    def invalidate(self) -> None:
        """Drop the cached settings; the next load reads the database.

        Attempted even while the circuit breaker is open; if it fails it is replayed as soon
        as Redis answers again, before anything else this process reads.
        """
        forget_prefetched(self.key)
        self._invalidate([self.key])

    def _hgetall(self, client: redis.Redis) -> dict[str, str]:
        return cast("dict[str, str]", client.hgetall(self.key))

    def _refill_args(self, data: Mapping[str, Any]) -> list[EncodableT]:
        encoded = _encode(data)
        return [get_config().site_settings_cache_timeout, *(x for pair in encoded.items() for x in pair)]

    def _store_refill(self, model_cls: type[Any], ticket: Ticket, data: dict[str, Any]) -> bool:
        forget_prefetched(self.key)
        if _uncacheable(model_cls, data):
            return False
        return self._store_if("store", ticket, STORE_HASH, self._refill_args(data))

    def _cached(self, model_cls: type[Any], raw: dict[str, str] | None) -> dict[str, Any] | None:
        """Decode a cache read; ``None`` means "read the database".

        A corrupt entry is only logged here: the store that follows the database read
        replaces the whole hash.
        """
        if not raw:
            return None
        data = _decode(raw)
        restored = None if data is None or not _well_typed(model_cls, data) else _restore(model_cls, data)
        if restored is None:
            logger.warning("Discarding corrupt site settings cache entry %s; reloading it.", self.key)
            return None
        secrets = _secret_fields(model_cls)
        return {k: v for k, v in restored.items() if k not in secrets}

    # -- async -------------------------------------------------------------------------
    async def aload_cached(self, model_cls: type[Model]) -> dict[str, Any]:
        """Async twin of :meth:`load_cached` (the database is read via ``sync_to_async``)."""

        async def hgetall(client: aioredis.Redis) -> dict[str, str]:
            return cast("dict[str, str]", await client.hgetall(self.key))

        raw = prefetched_hash(self.key)
        if raw is None:
            raw = await self._arun("load_cached", self.key, hgetall, None)
        cached = self._cached(model_cls, raw)
        if cached is not None:
            return cached

        async def load() -> dict[str, Any]:
            return await sync_to_async(_load_from_db)(model_cls)

        async def reread() -> dict[str, Any] | None:
            forget_prefetched(self.key)
            return self._cached(model_cls, await self._arun("load_cached", self.key, hgetall, None))

        async def store(ticket: Ticket, data: dict[str, Any]) -> bool:
            return await self._astore_refill(model_cls, ticket, data)

        return await self._arefill(self.key, load, store, reread)

    async def asave_instance(self, instance: Model) -> None:
        """Async twin of :meth:`save_instance`."""
        data = instance_data(instance)
        _storable(type(instance), data)
        encoded = _encode(data)
        forget_prefetched(self.key)
        ttl = get_config().site_settings_cache_timeout

        async def call(client: aioredis.Redis) -> None:
            async with client.pipeline(transaction=True) as pipe:
                pipe.delete(self.key, generation_key(self.key))
                if encoded:
                    pipe.hset(self.key, mapping=encoded)
                    pipe.expire(self.key, ttl)
                await pipe.execute()

        await self._awrite("store", [self.key], call)

    async def ainvalidate(self) -> None:
        """Async twin of :meth:`invalidate`."""
        forget_prefetched(self.key)
        await self._ainvalidate([self.key])

    async def _astore_refill(self, model_cls: type[Any], ticket: Ticket, data: dict[str, Any]) -> bool:
        forget_prefetched(self.key)
        if _uncacheable(model_cls, data):
            return False
        return await self._astore_if("store", ticket, STORE_HASH, self._refill_args(data))


def get_site_settings_manager() -> DjangoSiteSettingsManager:
    """Return a site settings manager configured from Django settings (shared pool)."""
    return DjangoSiteSettingsManager()
