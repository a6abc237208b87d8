"""Serialise the bookings of one master, on PostgreSQL and on SQLite alike."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

from django.db import OperationalError, connections, router, transaction

from features.booking.models import Master


class MasterBusy(Exception):
    """SQLite's write lock stayed busy past the connection's timeout."""


@contextmanager
def master_transaction(master_pk: int) -> Iterator[Master]:
    """The outermost ``transaction.atomic()`` of a booking, the master locked (:func:`master_lock`).

    On SQLite with ``OPTIONS={"transaction_mode": "IMMEDIATE"}`` (the demo's default) the write
    lock is taken at ``BEGIN`` already, so a lock that stays busy fails there: that is
    :class:`MasterBusy` too, not a bare "database is locked".

    Raises:
        Master.DoesNotExist: there is no such master.
        MasterBusy: SQLite's write lock stayed busy past the timeout.
    """
    with ExitStack() as stack:
        try:
            stack.enter_context(transaction.atomic(using=router.db_for_write(Master)))
        except OperationalError as exc:  # BEGIN IMMEDIATE: "database is locked"
            raise MasterBusy(str(exc)) from exc
        yield master_lock(master_pk)


def master_lock(master_pk: int) -> Master:
    """Lock the master until the current transaction ends; return it as stored.

    Call it first thing in the outermost ``transaction.atomic()`` of a booking. PostgreSQL
    locks the master's row (``SELECT ... FOR UPDATE``). SQLite has no row locks: two bookings
    would both read, then the second write would fail with "database is locked". A no-op
    ``UPDATE`` as the transaction's first statement takes the database's write lock instead, so
    a concurrent booking waits for it (up to the connection's ``timeout``, 5 s by default) and
    then reads the appointment the first one committed.

    Raises:
        Master.DoesNotExist: there is no such master.
        MasterBusy: SQLite's write lock stayed busy past the timeout.
    """
    using = router.db_for_write(Master)
    connection = connections[using]
    if not connection.features.has_select_for_update:
        quote = connection.ops.quote_name
        table, pk = quote(Master._meta.db_table), quote(Master._meta.pk.column)
        try:
            with connection.cursor() as cursor:
                # Raw SQL: a queryset update() would run whatever the Master queryset hooks on writes.
                cursor.execute(f"UPDATE {table} SET {pk} = {pk} WHERE {pk} = %s", [master_pk])  # noqa: S608
        except OperationalError as exc:  # "database is locked"
            raise MasterBusy(str(exc)) from exc
    return Master.objects.using(using).select_for_update().get(pk=master_pk)
