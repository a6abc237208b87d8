"""Drop cached static-page SEO when the SEO model changes, after the transaction commits.

:func:`connect_seo_invalidation` (called by ``CodexCoreConfig.ready`` when
``CODEX_STATIC_PAGE_SEO_MODEL`` resolves) hooks ``pre_save``/``post_save``/``post_delete``:
a save invalidates the row's page key, and its previous key when it was renamed; a delete
invalidates the deleted key. Bulk writes send no per-row signals, so the SEO model's
manager should be built from :class:`SeoCacheQuerySet`::

    objects = SeoCacheQuerySet.as_manager()

Invalidation always runs in ``transaction.on_commit``: a rolled-back write leaves the
cache alone, and a request that reads between the write and the commit cannot re-cache
the uncommitted row for others. Every language of the page is invalidated.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.db import models, transaction
from django.db.models.signals import post_delete, post_save, pre_save

from codex_core.conf import get_config
from codex_core.redis.managers.seo import get_seo_redis_manager
from codex_core.seo.selectors import resolve_static_page_seo_model

_M = TypeVar("_M", bound=models.Model)

_OLD_KEY_ATTR = "_codex_seo_previous_page_key"
_UID = "codex_core.seo.invalidation"


def invalidate_page_keys(page_keys: Iterable[object]) -> None:
    """Invalidate the cached SEO of ``page_keys`` in every language, now."""
    manager = get_seo_redis_manager()
    for key in sorted({str(k) for k in page_keys if k is not None and k != ""}):
        manager.invalidate_page(key)


def invalidate_on_commit(page_keys: Iterable[object], *, using: str | None = None) -> None:
    """Invalidate ``page_keys`` once the current transaction on ``using`` commits."""
    keys = set(page_keys)
    if keys:
        transaction.on_commit(lambda: invalidate_page_keys(keys), using=using)


class SeoCacheQuerySet(models.QuerySet[_M]):
    """QuerySet for the SEO model whose bulk writes invalidate every affected page key on commit.

    ``update()`` (and so ``bulk_update()``) invalidates the keys before and after the update,
    ``delete()`` the deleted keys, ``bulk_create()`` the created keys (dropping cached misses).
    """

    def _page_key_field(self) -> str:
        return get_config().static_page_seo_key_field

    def update(self, **kwargs: Any) -> int:
        field = self._page_key_field()
        with transaction.atomic(using=self.db, savepoint=False):
            rows = list(self.values_list("pk", field))
            updated = super().update(**kwargs)
            keys = {key for _pk, key in rows}
            if field in kwargs:  # the new value may be an expression: read it back
                pks = [pk for pk, _key in rows]
                fresh = self.model._base_manager.using(self.db).filter(pk__in=pks)
                keys.update(fresh.values_list(field, flat=True))
        invalidate_on_commit(keys, using=self.db)
        return updated

    def delete(self) -> tuple[int, dict[str, int]]:
        with transaction.atomic(using=self.db, savepoint=False):
            keys = set(self.values_list(self._page_key_field(), flat=True))
            result = super().delete()
        invalidate_on_commit(keys, using=self.db)
        return result

    def bulk_create(self, objs: Iterable[_M], *args: Any, **kwargs: Any) -> list[_M]:
        created = super().bulk_create(objs, *args, **kwargs)
        field = self._page_key_field()
        invalidate_on_commit((getattr(obj, field) for obj in created), using=self.db)
        return created


def _remember_previous_key(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if instance.pk is None:  # a new row has no previous key
        return
    field = get_config().static_page_seo_key_field
    previous = (
        sender._base_manager.using(kwargs.get("using"))
        .filter(pk=instance.pk)
        .values_list(field, flat=True)
        .first()
    )
    setattr(instance, _OLD_KEY_ATTR, previous)


def _invalidate_saved(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    field = get_config().static_page_seo_key_field
    previous = instance.__dict__.pop(_OLD_KEY_ATTR, None)
    invalidate_on_commit({getattr(instance, field), previous}, using=kwargs.get("using"))


def _invalidate_deleted(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    field = get_config().static_page_seo_key_field
    invalidate_on_commit({getattr(instance, field)}, using=kwargs.get("using"))


def connect_seo_invalidation(model: type[models.Model] | None = None) -> type[models.Model] | None:
    """Connect the invalidation signals to ``model`` (default: the configured SEO model).

    Returns the model connected, or ``None`` when the setting does not resolve. Connecting
    twice is harmless (the receivers have a ``dispatch_uid``).
    """
    if model is None:
        model = resolve_static_page_seo_model()
        if model is None:
            return None
    pre_save.connect(_remember_previous_key, sender=model, dispatch_uid=f"{_UID}.pre_save")
    post_save.connect(_invalidate_saved, sender=model, dispatch_uid=f"{_UID}.post_save")
    post_delete.connect(_invalidate_deleted, sender=model, dispatch_uid=f"{_UID}.post_delete")
    return model


def disconnect_seo_invalidation(model: type[models.Model]) -> None:
    """Undo :func:`connect_seo_invalidation` for ``model``."""
    pre_save.disconnect(sender=model, dispatch_uid=f"{_UID}.pre_save")
    post_save.disconnect(sender=model, dispatch_uid=f"{_UID}.post_save")
    post_delete.disconnect(sender=model, dispatch_uid=f"{_UID}.post_delete")
