"""The booking admin: dates from the query string or a form are bounded, never a 500."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
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


FIRST, LAST = "0002-01-01 00:00:00+00:00", "9998-12-31 23:59:59+00:00"


@pytest.mark.parametrize(
    ("day", "error"),
    [
        ("0001-01-01", f"Ensure this value is greater than or equal to {FIRST}."),
        ("9999-12-31", f"Ensure this value is less than or equal to {LAST}."),
    ],
)
def test_an_appointment_at_the_edge_of_the_calendar_is_a_form_error(
    admin_client, day: str, error: str
) -> None:
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
    assert response.context["adminform"].form.errors == {"start": [error], "end": [error]}
    assert not Appointment.objects.exists()


@pytest.mark.parametrize("year", [1, 9999])
def test_the_model_refuses_what_it_could_not_store_or_show(year: int) -> None:
    master = make_master()
    moment = datetime(year, 6, 1, 12, tzinfo=UTC)
    appointment = Appointment(
        master=master, start=moment, end=moment + timedelta(hours=1), client_name="E", client_email="e@x.io"
    )
    with pytest.raises(ValidationError) as exc:
        appointment.full_clean()
    message = "Enter a date between the years 2 and 9998."
    assert exc.value.message_dict == {"start": [message], "end": [message]}
