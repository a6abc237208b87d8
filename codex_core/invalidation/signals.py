"""Model signals of registered models: ``save()`` and ``delete()`` (also cascades) invalidate.

``pre_save`` reads the stored row's targets (a rename or a move must drop the *old* entry
too); ``post_save`` adds the saved row's targets; ``post_delete`` the deleted row's. The
targets are dropped when the transaction on the write's database commits.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models.signals import post_delete, post_save, pre_save

from codex_core.invalidation.commit import invalidate_on_commit
from codex_core.invalidation.registry import registry
from codex_core.invalidation.rows import stored_rows

_STORED_ATTR = "_codex_invalidation_stored_targets"
_UID = "codex_core.invalidation"


def _remember_stored_targets(
    sender: type[models.Model],
    instance: models.Model,
    using: str,
    update_fields: frozenset[str] | None = None,
    **kwargs: Any,
) -> None:
    registration = registry.registration(sender)
    instance.__dict__.pop(_STORED_ATTR, None)
    if registration is None or instance.pk is None or not registration.fields():
        return
    if update_fields is not None and not registration.touches(update_fields):
        return  # the saved fields cannot move the row: its targets stay the same
    stored = stored_rows(registration, sender._base_manager.using(using).filter(pk=instance.pk))
    instance.__dict__[_STORED_ATTR] = registration.targets(stored)


def _invalidate_saved(sender: type[models.Model], instance: models.Model, using: str, **kwargs: Any) -> None:
    registration = registry.registration(sender)
    if registration is None:
        return
    stored = instance.__dict__.pop(_STORED_ATTR, set())
    invalidate_on_commit(registration.targets([instance]) | stored, using=using)


def _invalidate_deleted(
    sender: type[models.Model], instance: models.Model, using: str, **kwargs: Any
) -> None:
    registration = registry.registration(sender)
    if registration is not None:
        invalidate_on_commit(registration.targets([instance]), using=using)


def connect(model: type[models.Model]) -> None:
    """Connect the receivers to ``model`` (idempotent)."""
    pre_save.connect(_remember_stored_targets, sender=model, dispatch_uid=f"{_UID}.pre_save")
    post_save.connect(_invalidate_saved, sender=model, dispatch_uid=f"{_UID}.post_save")
    post_delete.connect(_invalidate_deleted, sender=model, dispatch_uid=f"{_UID}.post_delete")


def disconnect(model: type[models.Model]) -> None:
    """Undo :func:`connect`."""
    pre_save.disconnect(sender=model, dispatch_uid=f"{_UID}.pre_save")
    post_save.disconnect(sender=model, dispatch_uid=f"{_UID}.post_save")
    post_delete.disconnect(sender=model, dispatch_uid=f"{_UID}.post_delete")
