"""Booking a master through Chromium: pick a day, book a free slot, lose the race for a taken one."""

from __future__ import annotations

from datetime import datetime

import pytest
from playwright.sync_api import Page

from features.booking.models import Appointment, Master
from tests.e2e.helpers import BrowserErrors
from tests.features.factories_booking import at, tomorrow

pytestmark = pytest.mark.django_db(transaction=True)


def offered(page: Page) -> list[str]:
    return [
        value or ""
        for value in page.locator("input[name=start]").evaluate_all("els => els.map(e => e.value)")
    ]


def open_day(page: Page, origin: str, master: Master) -> None:
    """Open the master's page and choose tomorrow in the day picker."""
    page.goto(origin + master.get_absolute_url())
    page.fill("input[name=date]", tomorrow().isoformat())
    with page.expect_navigation():
        page.click(".day-picker button[type=submit]")
    assert page.url.endswith(f"?date={tomorrow().isoformat()}")


def book(page: Page, start: datetime, name: str) -> None:
    page.check(f"input[name=start][value='{start.isoformat()}']")
    page.fill("input[name=client_name]", name)
    page.fill("input[name=client_email]", "client@example.com")
    with page.expect_navigation():
        page.click(".booking-form button[type=submit]")


def test_booking_a_free_slot_removes_it_from_the_offer(
    demo: str, page: Page, browser_errors: BrowserErrors
) -> None:
    master = Master.objects.get(slug="anna-schmidt")  # 09:00-17:00, 60 min; the demo books 09:00 tomorrow
    open_day(page, demo, master)
    hours = [at(tomorrow(), hour) for hour in range(10, 17)]
    assert offered(page) == [start.isoformat() for start in hours]

    book(page, hours[1], "Playwright Client")
    assert page.url.endswith(f"?date={tomorrow().isoformat()}")
    assert "is booked" in page.inner_text(".messages .success")
    assert offered(page) == [start.isoformat() for start in hours if start != hours[1]]
    appointment = Appointment.objects.get(client_name="Playwright Client")
    assert (appointment.master, appointment.start) == (master, hours[1])
    browser_errors.assert_clean(page.url)


def test_booking_a_slot_taken_in_another_tab_shows_a_form_error(demo: str, page: Page) -> None:
    master = Master.objects.get(slug="anna-schmidt")
    other = page.context.new_page()
    open_day(page, demo, master)
    open_day(other, demo, master)
    slot = at(tomorrow(), 14)

    book(page, slot, "First Client")
    assert "is booked" in page.inner_text(".messages .success")

    book(other, slot, "Second Client")  # the stale tab still offers 14:00
    assert other.locator(".booking-form .errorlist").inner_text() == (
        "This time is already taken. Please choose another one."
    )
    assert slot.isoformat() not in offered(other)
    assert other.input_value("input[name=client_name]") == "Second Client"
    taken = Appointment.objects.filter(master=master, start=slot).exclude(status=Appointment.Status.CANCELLED)
    assert [a.client_name for a in taken] == ["First Client"]
