"""Booking pages through the full stack: URLs, views, templates, cache, e-mail."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from features.booking.models import Appointment, Master
from features.booking.sitemaps import MasterSitemap
from features.booking.views import master_meta
from features.site_settings.models import SiteSettings
from tests.features.factories_booking import at, make_appointment, make_master, next_dst_change, tomorrow

pytestmark = pytest.mark.django_db

SECRET = "sk-live-never-render-me"


def detail_url(master: Master, language: str = "en") -> str:
    with translation.override(language):
        return reverse("booking:master_detail", kwargs={"slug": master.slug})


def slot_inputs(html: str) -> int:
    return html.count('type="radio" name="start"')


@pytest.fixture
def master() -> Master:
    return make_master()


def test_master_list_shows_active_masters_in_order(client) -> None:
    make_master(name="Zoe", slug="zoe", order=0)
    make_master(name="Adam", slug="adam", order=1)
    make_master(name="Hidden", slug="hidden", is_active=False)
    with translation.override("de"):
        url = reverse("booking:master_list")
    assert url in {"/de/meister/", "/de/masters/"}  # "meister/" once the catalogue is compiled
    html = client.get(url).content.decode()
    assert html.index("Zoe") < html.index("Adam")
    assert "Hidden" not in html
    assert 'href="/de/' in html


def test_detail_lists_the_free_slots_of_the_chosen_day(client, master: Master) -> None:
    day = tomorrow()
    make_appointment(master, at(day, 10))
    response = client.get(detail_url(master), {"date": day.isoformat()})
    assert response.status_code == 200
    html = response.content.decode()
    assert slot_inputs(html) == 7
    assert f'value="{at(day, 9).isoformat()}"' in html
    assert f'value="{at(day, 10).isoformat()}"' not in html
    assert response.context["slots"][0] == at(day, 9)


def test_detail_defaults_to_today(client, master: Master) -> None:
    response = client.get(detail_url(master))
    assert response.status_code == 200
    assert response.context["day"] == timezone.localdate()
    assert all(slot > timezone.now() for slot in response.context["slots"])


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("2024-13-45", "Enter a date as YYYY-MM-DD."),
        ("tomorrow", "Enter a date as YYYY-MM-DD."),
        ("", "This field is required."),
        ((timezone.localdate() - timedelta(days=1)).isoformat(), "Please choose today or a later day."),
    ],
)
def test_malformed_or_past_date_is_a_form_error(client, master: Master, value: str, error: str) -> None:
    response = client.get(detail_url(master), {"date": value})
    assert response.status_code == 200
    assert error in response.content.decode()
    assert response.context["slots"] == []
    assert slot_inputs(response.content.decode()) == 0


def date_input(html: str) -> str:
    (tag,) = re.findall(r'<input type="date"[^>]*>', html)
    return tag


@pytest.mark.parametrize("value", ["not-a-date", "2024-13-45", "20261203", "<b>"])
def test_a_malformed_date_is_not_echoed_into_the_date_input(client, master: Master, value: str) -> None:
    """A browser warns in its console about a date input whose value is not YYYY-MM-DD."""
    tag = date_input(client.get(detail_url(master), {"date": value}).content.decode())
    assert "value=" not in tag
    assert tag.startswith('<input type="date" name="date" ')


def test_a_well_formed_date_is_echoed_even_beyond_the_horizon(client, master: Master) -> None:
    html = client.get(detail_url(master), {"date": "9999-12-31"}).content.decode()
    assert 'value="9999-12-31"' in date_input(html)
    assert f'value="{tomorrow().isoformat()}"' in date_input(
        client.get(detail_url(master), {"date": tomorrow().isoformat()}).content.decode()
    )


def test_booking_a_free_slot_redirects_and_mails_in_the_visitor_language(
    client, master: Master, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    day = tomorrow()
    url = detail_url(master, "ru")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{url}?date={day.isoformat()}",
            {"start": at(day, 10).isoformat(), "client_name": "Иван", "client_email": "ivan@example.com"},
        )
    assert response.status_code == 302
    assert response["Location"] == f"{url}?date={day.isoformat()}"
    appointment = Appointment.objects.get()
    assert (appointment.master, appointment.start, appointment.client_name) == (master, at(day, 10), "Иван")
    [mail] = mailoutbox
    assert mail.to == ["ivan@example.com"]
    assert mail.subject.startswith("Ваша запись к мастеру Anna Schmidt на ")

    page = client.get(response["Location"])
    assert len(list(page.context["messages"])) == 1
    assert at(day, 10).isoformat() not in page.content.decode()
    assert slot_inputs(page.content.decode()) == 7


def test_taken_slot_is_a_form_error(client, master: Master, mailoutbox) -> None:
    day = tomorrow()
    make_appointment(master, at(day, 10))
    response = client.post(
        f"{detail_url(master)}?date={day.isoformat()}",
        {"start": at(day, 10).isoformat(), "client_name": "Tom", "client_email": "tom@example.com"},
    )
    assert response.status_code == 200
    assert "This time is already taken. Please choose another one." in response.content.decode()
    assert response.context["booking_form"].errors == {
        "start": ["This time is already taken. Please choose another one."]
    }
    assert Appointment.objects.count() == 1
    assert mailoutbox == []


def test_out_of_hours_post_is_a_form_error(client, master: Master) -> None:
    day = tomorrow()
    response = client.post(
        f"{detail_url(master)}?date={day.isoformat()}",
        {"start": at(day, 20).isoformat(), "client_name": "Tom", "client_email": "tom@example.com"},
    )
    assert response.status_code == 200
    assert response.context["booking_form"].errors == {
        "start": ["Anna Schmidt works from 9 a.m. to 5 p.m.; please choose a time in between."]
    }
    assert not Appointment.objects.exists()


def test_missing_fields_are_form_errors(client, master: Master) -> None:
    response = client.post(detail_url(master), {"client_email": "nope"})
    assert response.status_code == 200
    assert response.context["booking_form"].errors == {
        "start": ["Please choose a time."],
        "client_name": ["This field is required."],
        "client_email": ["Enter a valid email address."],
    }


def test_inactive_or_unknown_master_is_404(client) -> None:
    hidden = make_master(slug="hidden", is_active=False)
    assert client.get(detail_url(hidden)).status_code == 404
    assert client.get(detail_url(hidden).replace("hidden", "nobody")).status_code == 404


def test_master_page_meta_is_a_person_profile(client, master: Master) -> None:
    response = client.get(detail_url(master, "de"))
    meta = response.context["meta"]
    assert meta == master_meta(master)
    assert meta["type"] == "profile"
    assert meta["title"] == "Anna Schmidt"
    assert meta["json_ld"]["@type"] == "Person"
    assert meta["json_ld"]["name"] == "Anna Schmidt"
    with translation.override("de"):
        assert master_meta(master)["description"] == "Anna schneidet Haare."
    html = response.content.decode()
    assert '"@type": "Person"' in html or '"@type":"Person"' in html
    assert 'property="og:type" content="profile"' in html


def test_bio_is_escaped(client) -> None:
    master = make_master(bio_en="<script>alert(1)</script>")
    html = client.get(detail_url(master)).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_pages_show_site_settings_but_never_the_secret(client, master: Master) -> None:
    SiteSettings.objects.create(site_name="Codex Salon", api_key=SECRET)
    for url in (detail_url(master), detail_url(master, "de"), reverse("booking:master_list")):
        html = client.get(url).content.decode()
        assert "Codex Salon" in html
        assert SECRET not in html


def test_warm_page_makes_no_site_settings_query(client, master: Master) -> None:
    SiteSettings.objects.create(site_name="Codex Salon")
    url = reverse("booking:master_list")
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert "Codex Salon" in client.get(url).content.decode()
    assert not [q["sql"] for q in queries.captured_queries if "site_settings" in q["sql"]]


def test_sitemap_lists_active_masters(client, master: Master) -> None:
    make_master(slug="hidden", is_active=False)
    assert list(MasterSitemap().items()) == [master]
    response = client.get("/sitemap-masters.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    assert detail_url(master, "en") in xml
    assert detail_url(master, "de") in xml
    assert "hidden" not in xml


def horizon_error(last: date) -> str:
    return f"Bookings are open up to {date_format(last, 'DATE_FORMAT')}. Please choose an earlier day."


@pytest.mark.parametrize("value", ["9999-12-31", "9999-12-30", "+91"])
def test_a_day_beyond_the_horizon_is_a_form_error_never_a_500(client, master: Master, value: str) -> None:
    last = timezone.localdate() + timedelta(days=90)
    day = (last + timedelta(days=1)).isoformat() if value == "+91" else value
    response = client.get(detail_url(master), {"date": day})
    assert response.status_code == 200
    assert response.context["day_form"].errors == {"date": [horizon_error(last)]}
    assert horizon_error(last) in response.content.decode()
    assert response.context["slots"] == []
    assert slot_inputs(response.content.decode()) == 0


def test_the_day_picker_offers_today_up_to_the_horizon(client, master: Master) -> None:
    today, last = timezone.localdate(), timezone.localdate() + timedelta(days=90)
    html = client.get(detail_url(master)).content.decode()
    assert f'min="{today.isoformat()}"' in html
    assert f'max="{last.isoformat()}"' in html
    response = client.get(detail_url(master), {"date": last.isoformat()})
    assert response.context["day"] == last
    assert slot_inputs(response.content.decode()) == 8


@override_settings(BOOKING_HORIZON_DAYS=3)
def test_the_page_follows_the_horizon_setting(client, master: Master) -> None:
    last = timezone.localdate() + timedelta(days=3)
    assert client.get(detail_url(master), {"date": last.isoformat()}).context["day"] == last
    response = client.get(detail_url(master), {"date": (last + timedelta(days=1)).isoformat()})
    assert response.context["day_form"].errors == {"date": [horizon_error(last)]}


def test_the_horizon_error_is_translated(client, master: Master) -> None:
    far = {"date": "9999-12-31"}
    assert "Buchungen sind bis zum" in client.get(detail_url(master, "de"), far).content.decode()
    assert "Запись открыта до" in client.get(detail_url(master, "ru"), far).content.decode()


@pytest.mark.parametrize(
    "start",
    [
        "+1 day",
        "9999-12-31T23:59:59-12:00",
        "0001-01-01T00:00:00+14:00",
    ],
)
def test_a_start_from_another_day_than_the_page_is_a_form_error(client, master: Master, start: str) -> None:
    day = tomorrow()
    value = at(day + timedelta(days=1), 10).isoformat() if start == "+1 day" else start
    response = client.post(
        f"{detail_url(master)}?date={day.isoformat()}",
        {"start": value, "client_name": "Tom", "client_email": "tom@example.com"},
    )
    assert response.status_code == 200
    error = f"Please choose one of the times offered for {date_format(day, 'DATE_FORMAT')}."
    assert response.context["booking_form"].errors == {"start": [error]}
    assert error in response.content.decode()
    assert not Appointment.objects.exists()


def test_a_post_to_a_day_beyond_the_horizon_books_nothing(client, master: Master) -> None:
    response = client.post(
        f"{detail_url(master)}?date=9999-12-31",
        {"start": "9999-12-31T10:00:00+01:00", "client_name": "Tom", "client_email": "tom@example.com"},
    )
    assert response.status_code == 200
    assert response.context["day"] is None
    assert response.context["day_form"].errors["date"][0].startswith("Bookings are open up to")
    assert not Appointment.objects.exists()


def radio_values(html: str) -> list[str]:
    return re.findall(r'type="radio" name="start" value="([^"]+)"', html)


@override_settings(BOOKING_HORIZON_DAYS=400)  # the next DST change may be months away
def test_the_23_hour_spring_day_offers_real_hours_in_local_time(client) -> None:
    master = make_master(work_start=time(0), work_end=time(6))
    day = next_dst_change(3)
    html = client.get(detail_url(master), {"date": day.isoformat()}).content.decode()
    assert radio_values(html) == [
        f"{day}T00:00:00+01:00",
        f"{day}T01:00:00+01:00",
        f"{day}T03:00:00+02:00",
        f"{day}T04:00:00+02:00",
        f"{day}T05:00:00+02:00",
    ]


@override_settings(BOOKING_HORIZON_DAYS=400)
def test_the_25_hour_autumn_day_books_either_02_00_and_stores_utc(
    client, django_capture_on_commit_callbacks
) -> None:
    master = make_master(work_start=time(0), work_end=time(6))
    day = next_dst_change(10)
    url = f"{detail_url(master)}?date={day.isoformat()}"
    first, second = f"{day}T02:00:00+02:00", f"{day}T02:00:00+01:00"
    offered = radio_values(client.get(url).content.decode())
    assert offered == [
        f"{day}T00:00:00+02:00",
        f"{day}T01:00:00+02:00",
        first,
        second,
        f"{day}T03:00:00+01:00",
        f"{day}T04:00:00+01:00",
        f"{day}T05:00:00+01:00",
    ]

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"start": second, "client_name": "Tom", "client_email": "t@example.com"})
    assert response.status_code == 302
    stored = Appointment.objects.get()
    assert (stored.start, stored.end) == (
        datetime.combine(day, time(1), tzinfo=UTC),
        datetime.combine(day, time(2), tzinfo=UTC),
    )
    assert stored.start.tzinfo == UTC
    after = radio_values(client.get(url).content.decode())
    assert after == [value for value in offered if value != second]

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"start": first, "client_name": "Eva", "client_email": "e@example.com"})
    assert [a.start for a in Appointment.objects.order_by("start")] == [
        datetime.combine(day, time(0), tzinfo=UTC),
        datetime.combine(day, time(1), tzinfo=UTC),
    ]


@override_settings(BOOKING_HORIZON_DAYS=400)
def test_the_two_02_00_of_the_autumn_night_are_labelled_with_their_zone(client) -> None:
    master = make_master(work_start=time(2), work_end=time(3, 30), slot_minutes=30)
    html = client.get(detail_url(master), {"date": next_dst_change(10).isoformat()}).content.decode()
    labels = re.findall(r'name="start" value="[^"]+" required> ([^<]+)</label>', html)
    assert labels == ["2 a.m. CEST", "2:30 a.m. CEST", "2 a.m. CET", "2:30 a.m. CET", "3 a.m. CET"]
    ordinary = client.get(detail_url(master), {"date": tomorrow().isoformat()}).content.decode()
    assert re.findall(r'name="start" value="[^"]+" required> ([^<]+)</label>', ordinary) == [
        "2 a.m.",
        "2:30 a.m.",
        "3 a.m.",
    ]


SLOT_LABELS = r'name="start" value="([^"]+)" required> ([^<]+)</label>'


@override_settings(BOOKING_HORIZON_DAYS=400)
def test_arabic_slots_are_berlin_times_in_the_arabic_format_with_the_zone_on_the_dst_night(client) -> None:
    """Arabic times are Django's ``g:i A`` with Arabic AM/PM (ص/م), still in Europe/Berlin."""
    master = make_master(work_start=time(2), work_end=time(3, 30), slot_minutes=30)
    day = next_dst_change(10)
    html = client.get(detail_url(master, "ar"), {"date": day.isoformat()}).content.decode()
    assert [label for _value, label in re.findall(SLOT_LABELS, html)] == [
        "2:00 ص CEST",
        "2:30 ص CEST",
        "2:00 ص CET",
        "2:30 ص CET",
        "3:00 ص CET",
    ]
    with translation.override("ar"):
        assert date_format(day, "DATE_FORMAT") in html  # "25 أكتوبر، 2026": the legend names the day


def test_arabic_slots_of_an_ordinary_day_are_local_times(client) -> None:
    master = make_master(work_start=time(11), work_end=time(14))
    day = tomorrow()
    html = client.get(detail_url(master, "ar"), {"date": day.isoformat()}).content.decode()
    assert re.findall(SLOT_LABELS, html) == [
        (at(day, 11).isoformat(), "11:00 ص"),
        (at(day, 12).isoformat(), "12:00 م"),
        (at(day, 13).isoformat(), "1:00 م"),
    ]
