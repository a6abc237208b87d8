"""Concurrent bookings of one slot: exactly one wins, every other gets "already taken".

Two databases, two ways to serialise the bookings of a master:

- PostgreSQL locks the master's row (``SELECT ... FOR UPDATE``). Those tests are marked
  ``postgres`` and run in their own invocation against the loopback server::

      DATABASE_URL=postgres://postgres@127.0.0.1:5432/codex_test pytest -m postgres

  where an unreachable server fails the test database set-up (an error, never a skip).
- SQLite (the demo's default) has no row locks; the service takes the database's write lock
  first thing in its transaction. Those tests run in the default run against a migrated SQLite
  *file* (the in-memory test database uses shared-cache table locks, not the file locks a real
  site meets): new connections of the test's threads open the file, the main thread's
  connection stays on the test database.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, OperationalError, connection, connections
from django.db.models.signals import pre_save

from features.booking.models import Appointment, Master
from features.booking.services import appointment_create
from features.notifications import demo_data as notifications_demo
from tests.features.factories_booking import at, make_master, tomorrow

ATTEMPTS = 12
TAKEN = "rejected: This time is already taken. Please choose another one."
T = TypeVar("T")


def _attempt(master: Master, barrier: threading.Barrier, n: int, hour: int = 10) -> str:
    """Book ``hour`` tomorrow on this thread's own connection; return the outcome."""
    try:
        barrier.wait(timeout=10)
        appointment_create(
            master=master,
            day=tomorrow(),
            start=at(tomorrow(), hour),
            client_name=f"Client {n}",
            client_email=f"client{n}@example.com",
            language="en",
        )
        return "created"
    except ValidationError as exc:
        return "rejected: " + " ".join(exc.message_dict["start"])
    except OperationalError as exc:
        return f"error: {exc}"
    finally:
        connections.close_all()  # this thread's connection


def _race(master: Master, attempts: int) -> list[str]:
    barrier = threading.Barrier(attempts)
    with ThreadPoolExecutor(max_workers=attempts) as pool:
        return list(pool.map(lambda n: _attempt(master, barrier, n), range(attempts)))


# --- PostgreSQL: row locks -------------------------------------------------------------------


@pytest.fixture
def postgresql(transactional_db: None) -> None:
    if connection.vendor != "postgresql":
        pytest.skip(
            "booking race needs PostgreSQL: "
            "DATABASE_URL=postgres://postgres@127.0.0.1:5432/codex_test pytest -m postgres"
        )
    notifications_demo.seed()  # the confirmation template (a transactional test flushed the migration's row)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_bookings_of_one_slot_create_exactly_one_appointment(postgresql: None) -> None:
    master = make_master()
    outcomes = _race(master, ATTEMPTS)
    print(f"[booking race] attempts={ATTEMPTS} created={outcomes.count('created')}")
    assert sorted(outcomes) == ["created"] + [TAKEN] * (ATTEMPTS - 1)
    assert Appointment.objects.filter(master=master).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_bookings_of_different_slots_all_succeed(postgresql: None) -> None:
    master = make_master()
    hours = [9, 10, 11, 12, 13, 14]
    barrier = threading.Barrier(len(hours))
    with ThreadPoolExecutor(max_workers=len(hours)) as pool:
        outcomes = list(pool.map(lambda hour: _attempt(master, barrier, hour, hour), hours))
    assert outcomes == ["created"] * len(hours)
    assert Appointment.objects.filter(master=master).count() == len(hours)


# --- SQLite: the database write lock ---------------------------------------------------------


class SqliteFile:
    """A migrated SQLite file that every new connection of the default alias opens."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def run(self, fn: Callable[[], T]) -> T:
        """Call ``fn`` on a fresh thread, hence on a fresh connection to the file."""

        def call() -> T:
            try:
                return fn()
            finally:
                connections.close_all()

        with ThreadPoolExecutor(max_workers=1) as pool:
            return pool.submit(call).result()


@pytest.fixture
def sqlite_file(tmp_path: Path, django_db_blocker: Any) -> Iterator[SqliteFile]:
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite booking race runs in the default (SQLite) run; -m postgres has its own")
    settings_dict = connections.settings[DEFAULT_DB_ALIAS]  # shared by every thread's wrapper
    test_name = settings_dict["NAME"]
    database = SqliteFile(tmp_path / "race.sqlite3")
    settings_dict["NAME"] = str(database.path)
    try:
        with django_db_blocker.unblock():
            database.run(lambda: call_command("migrate", verbosity=0))
            database.run(notifications_demo.seed)
            yield database
    finally:
        settings_dict["NAME"] = test_name


@pytest.fixture
def hold_writers_after_their_read() -> Iterator[threading.Barrier]:
    """Hold each booking between its overlap check and its INSERT until the other got there too.

    Without a lock both pass their read, then both write: the interleaving that makes SQLite
    answer "database is locked". With the write lock taken first the second booking cannot reach
    its read while the first holds the lock; the barrier times out and lets the first one on.
    """
    barrier = threading.Barrier(2, timeout=3)

    def hold(**kwargs: object) -> None:
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait()

    pre_save.connect(hold, sender=Appointment, dispatch_uid="race_hold_writers")
    yield barrier
    pre_save.disconnect(sender=Appointment, dispatch_uid="race_hold_writers")


def test_sqlite_booking_that_loses_the_race_is_told_already_taken(
    sqlite_file: SqliteFile, hold_writers_after_their_read: threading.Barrier
) -> None:
    master = sqlite_file.run(make_master)
    outcomes = _race(master, 2)
    assert sorted(outcomes) == ["created", TAKEN]
    assert sqlite_file.run(lambda: Appointment.objects.filter(master=master).count()) == 1


def test_sqlite_concurrent_bookings_of_one_slot_create_exactly_one_appointment(
    sqlite_file: SqliteFile,
) -> None:
    master = sqlite_file.run(make_master)
    outcomes = _race(master, ATTEMPTS)
    assert sorted(outcomes) == ["created"] + [TAKEN] * (ATTEMPTS - 1)
    assert sqlite_file.run(lambda: Appointment.objects.filter(master=master).count()) == 1


def test_sqlite_write_lock_busy_past_the_timeout_is_a_form_error(sqlite_file: SqliteFile) -> None:
    master = sqlite_file.run(make_master)
    options = connections.settings[DEFAULT_DB_ALIAS].setdefault("OPTIONS", {})
    holder = sqlite3.connect(sqlite_file.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock for longer than we wait
    options["timeout"] = 0.2
    try:
        outcome = sqlite_file.run(lambda: _attempt(master, threading.Barrier(1), 0))
    finally:
        del options["timeout"]
        holder.execute("ROLLBACK")
        holder.close()
    assert outcome == "rejected: Many bookings are arriving at once. Please try again in a moment."
    assert sqlite_file.run(Appointment.objects.count) == 0
