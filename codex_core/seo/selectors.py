"""Selectors for static-page SEO metadata, with Redis as a read-through cache.

Load the cached payload for a resolved page name::

    seo = get_static_page_seo("home")

The model is ``CODEX_STATIC_PAGE_SEO_MODEL`` (``"app_label.Model"``), looked up by
``CODEX_STATIC_PAGE_SEO_KEY_FIELD``. A row is flattened to a ``str -> str`` mapping: the
model's ``to_seo_dict()`` or ``to_dict()`` when it has one, else every concrete non-relational field but the
primary key, read in the requested language (django-modeltranslation's per-language
``<field>_<lang>`` columns are skipped; the plain attribute already gives the active
language with its fallbacks). ``None`` becomes ``""``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from asgiref.sync import sync_to_async
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import translation

from codex_core.conf import get_config
from codex_core.i18n.languages import supported_language
from codex_core.pagecache.tags import add_tag
from codex_core.redis.managers.seo import (
    SeoRedisManager,
    check_page_fields,
    current_language,
    get_seo_redis_manager,
)


def resolve_static_page_seo_model(
    model_path: str | None = None, page_key_field: str | None = None
) -> type[models.Model] | None:
    """Return the SEO model, or ``None`` when the setting is empty, unknown or lacks the key field.

    ``model_path`` and ``page_key_field`` default to ``CODEX_STATIC_PAGE_SEO_MODEL`` and
    ``CODEX_STATIC_PAGE_SEO_KEY_FIELD``; the system checks report why it did not resolve.
    """
    config = get_config()
    model_path = config.static_page_seo_model if model_path is None else model_path
    page_key_field = page_key_field or config.static_page_seo_key_field
    if not model_path:
        return None
    try:
        model = apps.get_model(model_path)
        model._meta.get_field(page_key_field)
    except (ValueError, LookupError, FieldDoesNotExist):
        return None
    return model


def seo_payload(instance: models.Model) -> dict[str, str]:
    """Flatten an SEO row to a ``str -> str`` mapping in the active language.

    The row's ``to_seo_dict()`` when it has one, else its ``to_dict()`` (what the reference
    reads), else its concrete non-relational fields but the primary key. ``None`` becomes
    ``""``. ``ValueError`` when a method gives keys the cache cannot hold (see
    :meth:`~codex_core.redis.managers.seo.SeoRedisManager.set_page`).
    """
    for method in ("to_seo_dict", "to_dict"):
        to_dict = getattr(instance, method, None)
        if callable(to_dict):
            raw: Any = to_dict()
            if not isinstance(raw, Mapping):
                raise TypeError(f"{type(instance).__name__}.{method}() must return a mapping, got {raw!r}")
            flat = {str(key): "" if value is None else str(value) for key, value in raw.items()}
            check_page_fields(flat)
            return flat
    payload: dict[str, str] = {}
    for field in instance._meta.concrete_fields:
        if field.primary_key or field.is_relation or getattr(field, "translated_field", None) is not None:
            continue
        value = getattr(instance, field.name)
        payload[field.name] = "" if value is None else field.value_to_string(instance)
    return payload


def serialize_static_page_seo(obj: Any) -> dict[str, str]:
    """Serialize a static SEO row into a Redis-safe flat ``str -> str`` mapping (the
    reference's name for :func:`seo_payload`)."""
    return seo_payload(obj)


@dataclass(frozen=True)
class _Lookup:
    """What one read needs, resolved once for the sync and the async path alike."""

    model: type[models.Model]
    field: str
    manager: SeoRedisManager
    language: str
    hit_timeout: int
    miss_timeout: int

    def load(self, page_key: str) -> dict[str, str] | None:
        """The flattened row in :attr:`language`, or ``None`` when there is none."""
        with translation.override(self.language):
            instance = self.model._default_manager.filter(**{self.field: page_key}).first()
            return None if instance is None else seo_payload(instance)

    def to_store(self, payload: dict[str, str] | None) -> tuple[dict[str, str], int]:
        """The mapping and TTL to cache: the payload, or a briefly cached miss."""
        return ({}, self.miss_timeout) if payload is None else (payload, self.hit_timeout)


def _lookup(
    model_path: str | None,
    page_key_field: str | None,
    cache_manager: SeoRedisManager | None,
    timeout: int | None,
    language: str | None,
) -> _Lookup | None:
    config = get_config()
    field = page_key_field or config.static_page_seo_key_field
    model = resolve_static_page_seo_model(model_path, field)
    if model is None:
        return None
    # "en-us" under LANGUAGES ("en", …) reads and caches the "en" entry that invalidation clears.
    requested = language or current_language()
    return _Lookup(
        model=model,
        field=field,
        manager=cache_manager or get_seo_redis_manager(),
        language=supported_language(requested) or requested,
        hit_timeout=timeout or config.static_page_seo_cache_timeout,
        miss_timeout=config.static_page_seo_miss_timeout,
    )


def get_static_page_seo(
    page_key: str,
    *,
    model_path: str | None = None,
    page_key_field: str | None = None,
    cache_manager: SeoRedisManager | None = None,
    timeout: int | None = None,
    language: str | None = None,
) -> dict[str, str]:
    """Load SEO metadata for a static page, using Redis as a read-through cache.

    A cached payload is returned without touching the database; so is a cached "no such
    row" marker (as ``{}``). Otherwise the row is read, flattened and cached for
    ``timeout`` (default ``CODEX_STATIC_PAGE_SEO_CACHE_TIMEOUT``) seconds; a missing row is
    cached as a miss for ``CODEX_STATIC_PAGE_SEO_MISS_TIMEOUT`` seconds. When Redis is
    unusable every call reads the database. Returns ``{}`` when the model setting does not
    resolve. ``language`` defaults to the active language; a variant of a ``LANGUAGES`` entry
    (``"en-us"``) reads and caches that entry (``"en"``).
    """
    add_tag("seo", page_key)
    lookup = _lookup(model_path, page_key_field, cache_manager, timeout, language)
    if lookup is None:
        return {}
    cached = lookup.manager.lookup_page(page_key, language=lookup.language)
    if cached is not None:
        return cached
    # A refill: stored only if no edit invalidated the page meanwhile; one per page at a time.
    return lookup.manager.refill_page(
        page_key, lambda: lookup.to_store(lookup.load(page_key)), language=lookup.language
    )


async def aget_static_page_seo(
    page_key: str,
    *,
    model_path: str | None = None,
    page_key_field: str | None = None,
    cache_manager: SeoRedisManager | None = None,
    timeout: int | None = None,
    language: str | None = None,
) -> dict[str, str]:
    """Async twin of :func:`get_static_page_seo` (the database read runs in a thread)."""
    add_tag("seo", page_key)
    lookup = _lookup(model_path, page_key_field, cache_manager, timeout, language)
    if lookup is None:
        return {}
    cached = await lookup.manager.alookup_page(page_key, language=lookup.language)
    if cached is not None:
        return cached

    async def load() -> tuple[dict[str, str], int]:
        return lookup.to_store(await sync_to_async(lookup.load)(page_key))

    return await lookup.manager.arefill_page(page_key, load, language=lookup.language)
