"""Why the demo's SQLite default begins its transactions IMMEDIATE.

A Django ``atomic()`` block on SQLite begins DEFERRED: it takes the write lock only at its first
write. Two such blocks that read and then write (two admin saves of one row, a booking) can
both read; the first to write takes the lock and the second can neither take it nor wait for
it (its read lock blocks the first one's commit): it fails at once with "database is locked",
which is a 500. ``OPTIONS={"transaction_mode": "IMMEDIATE"}`` (Django 5.1+) takes the write lock
at ``BEGIN``: the second block waits there (up to the ``timeout``) and then runs after the
first. Shown on real SQLite files, one connection per thread.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connections, transaction
from django.db.utils import OperationalError

from demo_site import settings as demo_settings

ALIASES = ("sqlite_one", "sqlite_two")


@pytest.fixture
def sqlite_file(tmp_path: Path, django_db_blocker: Any) -> Iterator[dict[str, object]]:
    """Two aliases on one SQLite file (outside the test database); returns their OPTIONS, to
    set the mode in."""
    options: dict[str, object] = {"timeout": 20}
    for alias in ALIASES:
        connections.settings[alias] = {
            **connections.settings["default"],
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(tmp_path / "db.sqlite3"),
            "OPTIONS": options,
        }
    with django_db_blocker.unblock():
        with connections[ALIASES[0]].cursor() as cursor:
            cursor.execute("CREATE TABLE counter (n INTEGER)")
            cursor.execute("INSERT INTO counter VALUES (0)")
        connections[ALIASES[0]].close()
        yield options
        for alias in ALIASES:
            connections[alias].close()
    for alias in ALIASES:
        del connections[alias]
        del connections.settings[alias]


def read_then_write_concurrently(both_read: threading.Barrier | None) -> tuple[list[str], int]:
    """Each thread reads the counter and writes it back plus one, in one atomic block."""
    errors: list[str] = []

    def increment(alias: str) -> None:
        try:
            with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
                cursor.execute("SELECT n FROM counter")
                (n,) = cursor.fetchone()
                if both_read is not None:
                    both_read.wait(30)  # the interleaving DEFERRED allows: both have read
                cursor.execute("UPDATE counter SET n = %s", [n + 1])
        except OperationalError as exc:
            errors.append(str(exc))
        finally:
            connections[alias].close()

    threads = [threading.Thread(target=increment, args=(alias,)) for alias in ALIASES]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    with connections[ALIASES[0]].cursor() as cursor:
        cursor.execute("SELECT n FROM counter")
        (n,) = cursor.fetchone()
    return errors, n


def test_deferred_read_then_write_blocks_fail_with_database_is_locked(sqlite_file: dict[str, object]) -> None:
    errors, n = read_then_write_concurrently(threading.Barrier(2))
    assert errors == ["database is locked"]
    assert n == 1


def test_immediate_read_then_write_blocks_wait_for_each_other(sqlite_file: dict[str, object]) -> None:
    sqlite_file["transaction_mode"] = "IMMEDIATE"
    # Both cannot have read at once any more (the second waits at BEGIN), so no barrier.
    errors, n = read_then_write_concurrently(None)
    assert errors == []
    assert n == 2  # and no lost update


def test_the_demo_begins_sqlite_transactions_immediate() -> None:
    assert demo_settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert demo_settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
