"""Concurrent bookings of one slot on PostgreSQL: exactly one wins, every other gets a ValidationError.

SQLite has no row locks (``select_for_update`` is a no-op there), so this module only means
something on PostgreSQL. It runs in its own invocation against the loopback server::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/codex_test pytest -m postgres

where an unreachable server fails the test database set-up (an error, never a skip). In the
default SQLite run the module is skipped with that instruction.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from features.booking.models import Appointment, Master
from features.booking.services import appointment_create
from features.notifications import demo_data as notifications_demo
from tests.features.factories_booking import at, make_master, tomorrow

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ATTEMPTS = 12


@pytest.fixture(autouse=True)
def _needs_postgresql(transactional_db: None) -> None:
    if connection.vendor != "postgresql":
        pytest.skip(
            "booking race needs PostgreSQL: "
            "DATABASE_URL=postgres://postgres@127.0.0.1:5432/codex_test pytest -m postgres"
        )
    notifications_demo.seed()  # the confirmation template (a transactional test flushed the migration's row)


def _attempt(master: Master, barrier: threading.Barrier, n: int) -> str:
    """Book the contested slot on this thread's own connection; return the outcome."""
    try:
        barrier.wait(timeout=10)
        appointment_create(
            master=master,
            start=at(tomorrow(), 10),
            client_name=f"Client {n}",
            client_email=f"client{n}@example.com",
            language="en",
        )
        return "created"
    except ValidationError as exc:
        return "rejected: " + " ".join(exc.message_dict["start"])
    finally:
        connections.close_all()  # this thread's connection; the test database is dropped later


def test_concurrent_bookings_of_one_slot_create_exactly_one_appointment() -> None:
    master = make_master()
    barrier = threading.Barrier(ATTEMPTS)
    with ThreadPoolExecutor(max_workers=ATTEMPTS) as pool:
        outcomes = list(pool.map(lambda n: _attempt(master, barrier, n), range(ATTEMPTS)))
    print(f"[booking race] attempts={ATTEMPTS} created={outcomes.count('created')}")
    taken = "rejected: This time is already taken. Please choose another one."
    assert sorted(outcomes) == ["created"] + [taken] * (ATTEMPTS - 1)
    assert Appointment.objects.filter(master=master).count() == 1


def test_concurrent_bookings_of_different_slots_all_succeed() -> None:
    master = make_master()
    hours = [9, 10, 11, 12, 13, 14]
    barrier = threading.Barrier(len(hours))

    def book(hour: int) -> int:
        try:
            barrier.wait(timeout=10)
            appointment_create(
                master=master,
                start=at(tomorrow(), hour),
                client_name="Client",
                client_email="client@example.com",
                language="en",
            )
            return hour
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(hours)) as pool:
        assert sorted(pool.map(book, hours)) == hours
    assert Appointment.objects.filter(master=master).count() == len(hours)
