"""Read the stored rows a write is about to change, for their targets before the write."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from django.db import connections, models

from codex_core.invalidation.registry import Registration


def stored_rows(
    registration: Registration, queryset: models.QuerySet[Any], *, lock: bool = True
) -> list[models.Model]:
    """The rows of ``queryset`` with only the fields the targets are computed from.

    Inside a transaction on a database with row locks the rows are read ``FOR UPDATE``
    (in primary-key order), so no concurrent write can move them between this read and
    the write that follows: the targets read here are the ones the write replaces.
    """
    connection = connections[queryset.db]
    if lock and connection.in_atomic_block and connection.features.has_select_for_update:
        queryset = queryset.select_for_update()
    return list(queryset.order_by("pk").only(*(registration.fields() or ("pk",))))


def pk_batches(pks: Sequence[Any], using: str) -> Iterator[Sequence[Any]]:
    """``pks`` in slices small enough for one ``pk IN (...)`` on database ``using``."""
    size = max(connections[using].ops.bulk_batch_size(["pk"], pks), 1)
    for start in range(0, len(pks), size):
        yield pks[start : start + size]
