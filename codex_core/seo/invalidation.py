"""Static-page SEO on the invalidation registry (:mod:`codex_core.invalidation`).

:func:`connect_seo_invalidation` (called by ``CodexCoreConfig.ready`` when
``CODEX_STATIC_PAGE_SEO_MODEL`` resolves) registers the SEO model: every write of a row
drops the target ``("seo", <page key>)``, the stored key too when a write renames the page,
in every language, once the transaction commits. The SEO model's manager must be built from
the registry's queryset so bulk writes invalidate as well; :class:`SeoCacheQuerySet` is that
queryset under its historical name::

    objects = SeoCacheQuerySet.as_manager()

The other names here are kept for compatibility and are thin wrappers over the registry.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.db import models

from codex_core import invalidation
from codex_core.conf import get_config
from codex_core.invalidation import InvalidatingQuerySet, Target
from codex_core.seo.selectors import resolve_static_page_seo_model

_M = TypeVar("_M", bound=models.Model)

__all__ = [
    "SeoCacheQuerySet",
    "connect_seo_invalidation",
    "disconnect_seo_invalidation",
    "invalidate_on_commit",
    "invalidate_page_keys",
    "seo_targets",
]


def _targets(page_keys: Iterable[object]) -> set[Target]:
    return {("seo", str(key)) for key in page_keys if key is not None and key != ""}


def _key_fields() -> tuple[str, ...]:
    return (get_config().static_page_seo_key_field,)


def seo_targets(row: Any) -> set[Target]:
    """The target of an SEO row: ``("seo", <value of CODEX_STATIC_PAGE_SEO_KEY_FIELD>)``."""
    return _targets([getattr(row, get_config().static_page_seo_key_field)])


def invalidate_page_keys(page_keys: Iterable[object]) -> None:
    """Invalidate the cached SEO of ``page_keys`` in every language, now (empty keys skipped)."""
    invalidation.invalidate_now(_targets(page_keys))


def invalidate_on_commit(page_keys: Iterable[object], *, using: str | None = None) -> None:
    """Invalidate ``page_keys`` once the current transaction on ``using`` commits."""
    invalidation.invalidate_on_commit(_targets(page_keys), using=using)


class SeoCacheQuerySet(InvalidatingQuerySet[_M]):
    """The registry's queryset under its historical name, for the SEO model's manager."""


def connect_seo_invalidation(model: type[models.Model] | None = None) -> type[models.Model] | None:
    """Register ``model`` (default: the configured SEO model) with the invalidation registry.

    Returns the model registered, or ``None`` when the setting does not resolve.
    Registering twice is harmless.
    """
    if model is None:
        model = resolve_static_page_seo_model()
        if model is None:
            return None
    invalidation.register_model(model, targets=seo_targets, fields=_key_fields)
    return model


def disconnect_seo_invalidation(model: type[models.Model]) -> None:
    """Undo :func:`connect_seo_invalidation` for ``model``."""
    invalidation.unregister_model(model)
