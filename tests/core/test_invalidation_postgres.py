"""``QuerySet.update()`` reads the targets it replaces under a row lock (PostgreSQL).

A concurrent transaction moves an appointment from day A to day B and holds its lock; our
``update()`` moves it on by a day (an ``F()`` expression). Its read of the stored rows waits
for the lock, so it sees day B, not the A it would read without the lock, and drops B when it
commits, although a reader cached B in between (the updater is held after its read, by
``post_init`` in its own thread, until that reader has cached B). Runs with ``pytest -m postgres`` (see
``tests/resilience/test_booking_race.py``); skipped on SQLite, which has no row locks.
"""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from django.db import connection, connections, transaction
from django.db.models import F
from django.db.models.signals import post_init

from features.booking.models import Appointment
from features.booking.selectors import busy_intervals_get
from tests.core.invalidation_cases import APPOINTMENT
from tests.features.factories_booking import at, make_appointment, make_master, tomorrow

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

WAIT = 30  # seconds; reached only when the test is broken


@pytest.fixture(autouse=True)
def _needs_postgresql(transactional_db: None) -> None:
    if connection.vendor != "postgresql":
        pytest.skip(
            "row locks need PostgreSQL: "
            "DATABASE_URL=postgres://postgres@127.0.0.1:5432/codex_test pytest -m postgres"
        )


def _waiting_for_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE wait_event_type = 'Lock' AND datname = current_database()"
        )
        return bool(cursor.fetchone()[0])


def test_update_reads_the_row_a_concurrent_move_committed() -> None:
    master = make_master()
    day_a = tomorrow()
    day_b, day_c = day_a + timedelta(days=1), day_a + timedelta(days=2)
    row = make_appointment(master, at(day_a, 10))
    moved, release = threading.Event(), threading.Event()
    has_read, proceed = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def mover() -> None:  # moves A -> B and keeps the row locked until released
        try:
            with transaction.atomic():
                Appointment.objects.filter(pk=row.pk).update(start=at(day_b, 10), end=at(day_b, 11))
                moved.set()
                assert release.wait(WAIT)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    def hold_after_read(**kwargs: object) -> None:  # the updater's read of the stored row is done
        if threading.current_thread() is second and not has_read.is_set():
            has_read.set()
            assert proceed.wait(WAIT)

    def updater() -> None:  # moves on by one day, whatever day the row is on
        post_init.connect(hold_after_read, sender=Appointment, weak=False)
        try:
            with transaction.atomic():
                day = timedelta(days=1)
                Appointment.objects.filter(pk=row.pk).update(start=F("start") + day, end=F("end") + day)
        except BaseException as exc:
            errors.append(exc)
        finally:
            post_init.disconnect(hold_after_read, sender=Appointment)
            connections.close_all()

    first = threading.Thread(target=mover, daemon=True)
    first.start()
    assert moved.wait(WAIT)
    second = threading.Thread(target=updater, daemon=True)
    second.start()
    deadline = time.monotonic() + WAIT
    while not _waiting_for_a_lock():  # the updater's read waits for the mover's lock
        assert time.monotonic() < deadline, "the updater never waited for the row lock"
        time.sleep(0.01)
    release.set()
    first.join(WAIT)
    assert has_read.wait(WAIT)  # the updater read the row (B) and has not updated it yet
    busy_intervals_get(master, day_b)  # a reader caches day B, committed by the mover
    assert APPOINTMENT.cached((master.pk, day_b.isoformat()))
    proceed.set()
    second.join(WAIT)
    assert errors == []
    row.refresh_from_db()
    assert row.start == at(day_c, 10)
    assert not APPOINTMENT.cached((master.pk, day_b.isoformat()))  # not stale: the updater dropped B
    assert busy_intervals_get(master, day_b) == []
