"""The queryset whose bulk writes invalidate the cache targets of the rows they touch.

Build the manager of every registered model from it (the system check ``codex_core.W010``
warns when one does not)::

    objects = InvalidatingQuerySet.as_manager()

For a model that is not registered it behaves exactly like ``QuerySet``. ``delete()`` needs
no override: a registered model has ``post_delete`` receivers, so Django deletes row by row
and sends the signal for each (cascades included).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import Any, TypeVar

from django.db import models, transaction
from django.db.models import Q

from codex_core.invalidation.commit import invalidate_on_commit
from codex_core.invalidation.registry import Registration, Target, registry
from codex_core.invalidation.rows import pk_batches, stored_rows

_M = TypeVar("_M", bound=models.Model)


class InvalidatingQuerySet(models.QuerySet[_M]):
    """``update()``, ``bulk_update()`` and ``bulk_create()`` invalidate on commit."""

    def _registration(self) -> Registration | None:
        return registry.registration(self.model)

    def _stored(self, registration: Registration, pks: Sequence[Any], *, lock: bool) -> list[models.Model]:
        base = self.model._base_manager.using(self.db)
        return [
            row
            for batch in pk_batches(pks, self.db)
            for row in stored_rows(registration, base.filter(pk__in=batch), lock=lock)
        ]

    def update(self, **kwargs: Any) -> int:
        """Update the rows; drop the targets they had before and, if a key field changed, after.

        The rows are read (locked where the database can) before the update, and only
        those rows are updated, so a row that starts to match concurrently is not changed
        behind the invalidation's back.
        """
        registration = self._registration()
        if registration is None or self.query.is_sliced or self.query.combinator:
            return super().update(**kwargs)  # nothing registered, or Django's own error
        with transaction.atomic(using=self.db, savepoint=False):
            base = self.model._base_manager.using(self.db)
            rows = stored_rows(registration, base.filter(pk__in=self.values("pk")))
            pks = [row.pk for row in rows]
            targets = registration.targets(rows)
            updated = 0
            for batch in pk_batches(pks, self.db):
                updated += super(InvalidatingQuerySet, self.filter(pk__in=batch)).update(**kwargs)
            if registration.touches(kwargs):  # the new values may be expressions: read them back
                targets |= registration.targets(self._stored(registration, pks, lock=False))
        invalidate_on_commit(targets, using=self.db)
        return updated

    def bulk_create(
        self,
        objs: Iterable[_M],
        batch_size: int | None = None,
        ignore_conflicts: bool = False,
        update_conflicts: bool = False,
        update_fields: Collection[str] | None = None,
        unique_fields: Collection[str] | None = None,
    ) -> list[_M]:
        """Create the rows; drop their targets (a cached "no such row" included).

        With ``update_conflicts=True`` the stored rows it updates lose their old targets too.
        """
        options: dict[str, Any] = {
            "batch_size": batch_size,
            "ignore_conflicts": ignore_conflicts,
            "update_conflicts": update_conflicts,
            "update_fields": update_fields,
            "unique_fields": unique_fields,
        }
        registration = self._registration()
        if registration is None:
            return super().bulk_create(objs, **options)
        objs = list(objs)
        with transaction.atomic(using=self.db, savepoint=False):
            targets: set[Target] = set()
            if update_conflicts and unique_fields and objs and registration.touches(update_fields or ()):
                targets = self._conflicting_targets(registration, objs, unique_fields)
            created = super().bulk_create(objs, **options)
        invalidate_on_commit(targets | registration.targets(created), using=self.db)
        return created

    def _conflicting_targets(
        self, registration: Registration, objs: list[_M], unique_fields: Collection[str]
    ) -> set[Target]:
        """Targets of the stored rows an upsert (``update_conflicts``) is going to update."""
        meta = self.model._meta
        attnames = [
            str(getattr(meta.pk if name == "pk" else meta.get_field(name), "attname", name))
            for name in unique_fields
        ]
        match = Q()
        for obj in objs:
            match |= Q(**{attname: getattr(obj, attname) for attname in attnames})
        base = self.model._base_manager.using(self.db)
        return registration.targets(stored_rows(registration, base.filter(match)))
