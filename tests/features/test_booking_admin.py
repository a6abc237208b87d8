"""The booking admin: dates from the query string or a form are bounded, never a 500."""

from __future__ import annotations

import pytest
from django.urls import reverse

from features.booking.models import Appointment
from tests.features.factories_booking import at, make_appointment, make_master, tomorrow

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/booking/appointment/"


@pytest.mark.parametrize(
    "query",
    [
        "start__year=9999",
        "start__year=9999&start__month=12",
        "start__year=9999&start__month=12&start__day=31",
        "start__year=1",
        "start__year=99999999999",
        "start__year=2030&start__month=99999999999999",
        "start__year__gte=0",
    ],
)
def test_out_of_range_date_hierarchy_lookups_are_bad_lookups(admin_client, query: str) -> None:
    response = admin_client.get(f"{CHANGELIST}?{query}")
    assert response.status_code == 302
    assert response["Location"] == f"{CHANGELIST}?e=1"


def test_an_in_range_date_hierarchy_lookup_still_filters(admin_client) -> None:
    master = make_master()
    appointment = make_appointment(master, at(tomorrow(), 10))
    day = tomorrow()
    response = admin_client.get(
        CHANGELIST, {"start__year": day.year, "start__month": day.month, "start__day": day.day}
    )
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [appointment]


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_an_appointment_at_the_edge_of_the_calendar_is_a_form_error(admin_client, day: str) -> None:
    master = make_master()
    response = admin_client.post(
        reverse("admin:booking_appointment_add"),
        {
            "master": master.pk,
            "start_0": day,
            "start_1": "00:30:00",
            "end_0": day,
            "end_1": "23:45:00",
            "client_name": "Eva",
            "client_email": "eva@example.com",
            "status": "pending",
        },
    )
    assert response.status_code == 200
    message = "Enter a date between the years 2 and 9998."
    assert response.context["adminform"].form.errors == {"start": [message], "end": [message]}
    assert not Appointment.objects.exists()
