"""One cache-invalidation mechanism for every model whose rows feed a cache.

Register a model with the function that maps one of its rows to *targets* (hashable
tuples, first item the kind) and the fields that function reads::

    from codex_core.invalidation import InvalidatingQuerySet, register_model

    class Appointment(models.Model):
        objects = InvalidatingQuerySet.as_manager()

    register_model(Appointment, targets=lambda row: [("busy", row.master_id, row.start.date().isoformat())],
                   fields=("master", "start"))

From then on ``save()``, ``delete()`` (cascades too), ``QuerySet.update()``,
``bulk_update()``, ``bulk_create()`` and the soft delete / restore of
:mod:`codex_core.mixins.models` drop the targets of the rows they touch: the stored
(pre-write) targets and the written ones, so a rename or a move drops the old entry as
well. Handlers run in ``transaction.on_commit`` on the write's database, once per target
per transaction; a rollback (of the transaction or of the savepoint the write ran in)
drops nothing. Each kind has handlers (:mod:`codex_core.invalidation.handlers`); a new
cache of the same rows adds one with :func:`register_handler`.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.apps import apps
from django.db import models

from codex_core.invalidation import signals
from codex_core.invalidation.commit import invalidate_on_commit
from codex_core.invalidation.queryset import InvalidatingQuerySet
from codex_core.invalidation.registry import Fields, Handler, Registration, Target, TargetsOf, registry

__all__ = [
    "InvalidatingQuerySet",
    "Registration",
    "Target",
    "invalidate_now",
    "invalidate_on_commit",
    "register_handler",
    "register_model",
    "registry",
    "unregister_model",
]


def register_model(model: type[models.Model], *, targets: TargetsOf, fields: Fields = ()) -> None:
    """Invalidate ``targets(row)`` whenever a row of ``model`` is written (idempotent).

    ``fields`` names the fields ``targets`` reads (a tuple, or a callable returning one):
    they are read from the stored row before a write, and only writes of them can move a
    row to other targets. Leave it empty when the targets do not depend on the row.
    """
    registration = registry.add(model, targets, fields)
    for sender in _senders(registration.model):
        signals.connect(sender)


def unregister_model(model: type[models.Model]) -> None:
    """Stop invalidating for ``model``."""
    registry.remove(model)
    for sender in _senders(model._meta.concrete_model or model):
        signals.disconnect(sender)


def _senders(model: type[models.Model]) -> list[type[models.Model]]:
    """``model`` and its proxies: saving a proxy instance sends the signals with the proxy."""
    proxies = [m for m in apps.get_models() if m._meta.proxy and m._meta.concrete_model is model]
    return [model, *proxies]


def register_handler(kind: str, handler: Handler) -> None:
    """Also call ``handler(*target[1:])`` for every committed target of ``kind``."""
    registry.handle(kind, handler)


def invalidate_now(targets: Iterable[Target]) -> None:
    """Run the handlers of ``targets`` immediately (no transaction involved)."""
    registry.run(targets)
