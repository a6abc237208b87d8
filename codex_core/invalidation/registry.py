"""Which cache targets a model's rows affect, and which handlers drop a target.

A *target* is a hashable tuple whose first item names its kind: ``("seo", "home")``,
``("site_settings",)``, ``("busy", 3, "2026-05-01")``. A model is registered with a function
that maps one row to its targets; a kind has one or more handlers, each called with the
rest of the tuple (``handler("home")``). Writes (see :mod:`codex_core.invalidation.signals`
and :mod:`codex_core.invalidation.queryset`) collect the targets of the rows they touch,
before and after the write, and :mod:`codex_core.invalidation.commit` runs the handlers
once the transaction commits.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models

logger = logging.getLogger("codex_core.invalidation")

Target = tuple[Hashable, ...]
TargetsOf = Callable[[Any], Iterable[Target]]
Handler = Callable[..., object]
Fields = tuple[str, ...] | Callable[[], Iterable[str]]


@dataclass(frozen=True)
class Registration:
    """How to compute the cache targets of one model's rows."""

    model: type[models.Model]
    targets_of_row: TargetsOf
    declared_fields: Fields = ()

    def fields(self) -> tuple[str, ...]:
        """Names of the fields the targets are computed from (read before a write)."""
        fields = self.declared_fields
        return tuple(fields() if callable(fields) else fields)

    def touches(self, names: Iterable[str]) -> bool:
        """Whether writing the fields ``names`` (names or attnames) can change a row's targets."""
        watched: set[str] = set()
        for name in self.fields():
            field = self.model._meta.get_field(name)
            watched.update({field.name, getattr(field, "attname", field.name)})
        return not watched.isdisjoint(names)

    def targets(self, rows: Iterable[models.Model]) -> set[Target]:
        """The targets of every row in ``rows``."""
        return {target for row in rows for target in self.targets_of_row(row)}


class InvalidationRegistry:
    """Models and their target functions; target kinds and their handlers."""

    def __init__(self) -> None:
        self._models: dict[type[models.Model], Registration] = {}
        self._handlers: dict[str, list[Handler]] = {}

    def add(self, model: type[models.Model], targets: TargetsOf, fields: Fields = ()) -> Registration:
        """Register (or re-register) ``model``; ``fields`` are the fields ``targets`` reads."""
        registration = Registration(model._meta.concrete_model or model, targets, fields)
        self._models[registration.model] = registration
        return registration

    def remove(self, model: type[models.Model]) -> None:
        """Forget ``model`` (no error when it was not registered)."""
        self._models.pop(model._meta.concrete_model or model, None)

    def registration(self, model: type[models.Model]) -> Registration | None:
        """The registration of ``model`` (or of its concrete model, for a proxy), if any."""
        return self._models.get(model._meta.concrete_model or model)

    def models(self) -> list[type[models.Model]]:
        """Every registered model."""
        return list(self._models)

    def handle(self, kind: str, handler: Handler) -> None:
        """Call ``handler(*target[1:])`` for every committed target of ``kind`` (idempotent)."""
        handlers = self._handlers.setdefault(kind, [])
        if handler not in handlers:
            handlers.append(handler)

    def unhandle(self, kind: str, handler: Handler) -> None:
        """Undo :meth:`handle`."""
        if handler in self._handlers.get(kind, []):
            self._handlers[kind].remove(handler)

    def handlers(self, kind: str) -> list[Handler]:
        """The handlers of ``kind``, in registration order."""
        return list(self._handlers.get(kind, []))

    def run(self, targets: Iterable[Target]) -> None:
        """Call every handler of every target now, in a stable order.

        A handler that raises is logged and the others still run: the rows are committed
        already, so one broken cache must not leave the others stale.
        """
        for target in sorted(set(targets), key=repr):
            kind = str(target[0])
            handlers = self.handlers(kind)
            if not handlers:
                logger.warning("No invalidation handler for target kind %r (%r).", kind, target)
            for handler in handlers:
                try:
                    handler(*target[1:])
                except Exception:
                    logger.exception("Invalidation handler %r failed for %r.", handler, target)


#: The project-wide registry used by the signals, the querysets and the system check.
registry = InvalidationRegistry()
