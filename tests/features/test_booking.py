"""Booking selectors and services against the real database and the private Redis."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta

import pytest
import redis
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone, translation
from django.utils.formats import date_format, time_format

from codex_core.redis.managers.booking import get_booking_cache_manager
from features.booking import demo_data
from features.booking.models import Appointment, Master
from features.booking.selectors import busy_intervals_get, free_slots_get
from features.booking.services import appointment_create
from tests.features.factories_booking import at, make_appointment, make_master, tomorrow

pytestmark = pytest.mark.django_db


def book(
    master, start, *, day: date | None = None, email: str = "tom@example.com", language: str = "en"
) -> Appointment:
    """Book ``start`` from the page of ``day`` (by default the day ``start`` is on)."""
    if day is None:
        day = timezone.localtime(start, timezone.get_default_timezone()).date()
    return appointment_create(
        master=master, day=day, start=start, client_name="Tom", client_email=email, language=language
    )


def messages_of(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return exc.value.message_dict


def test_busy_intervals_are_cached_as_json_and_read_back_without_queries(
    redis_client: redis.Redis, django_assert_num_queries
) -> None:
    master = make_master()
    day = tomorrow()
    make_appointment(master, at(day, 10))
    make_appointment(master, at(day, 12), status=Appointment.Status.CANCELLED)
    make_appointment(master, at(day + timedelta(days=1), 10))

    with django_assert_num_queries(1):
        assert busy_intervals_get(master, day) == [(at(day, 10), at(day, 11))]
    key = get_booking_cache_manager().busy_key(master.pk, day.isoformat())
    stored = [[at(day, 10).astimezone(UTC).isoformat(), at(day, 11).astimezone(UTC).isoformat()]]
    assert json.loads(redis_client.get(key)) == stored  # as the database returns them: UTC
    assert 0 < redis_client.ttl(key) <= 300
    with django_assert_num_queries(0):
        assert busy_intervals_get(master, day) == [(at(day, 10), at(day, 11))]


def test_free_slots_of_a_day_skip_booked_ones() -> None:
    master = make_master(work_start=time(9), work_end=time(13))
    day = tomorrow()
    make_appointment(master, at(day, 10))
    assert free_slots_get(master, day) == [at(day, 9), at(day, 11), at(day, 12)]


def test_free_slots_of_today_exclude_the_past() -> None:
    master = make_master(work_start=time(9), work_end=time(17), slot_minutes=60)
    day = timezone.localdate()
    # A fixed "now" in the middle of the working day: the test must not depend on the clock.
    now = datetime.combine(day, time(11, 30), tzinfo=timezone.get_default_timezone())
    slots = free_slots_get(master, day, now=now)
    assert slots == [at(day, hour) for hour in (12, 13, 14, 15, 16)]


def test_booking_a_free_slot_saves_it_and_mails_the_visitor_in_their_language(
    mailoutbox, django_capture_on_commit_callbacks
) -> None:
    master = make_master()
    day = tomorrow()
    with django_capture_on_commit_callbacks(execute=True):
        appointment = book(master, at(day, 10), language="de")

    appointment.refresh_from_db()
    assert (appointment.start, appointment.end) == (at(day, 10), at(day, 11))
    assert appointment.status == Appointment.Status.PENDING
    assert (appointment.client_name, appointment.client_email) == ("Tom", "tom@example.com")
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    with translation.override("de"):
        day_de, time_de = date_format(at(day, 10), "DATE_FORMAT"), time_format(at(day, 10), "TIME_FORMAT")
    assert mail.to == ["tom@example.com"]
    assert mail.subject == f"Ihr Termin bei Anna Schmidt am {day_de}"
    assert f"Hallo Tom,\n\nIhr Termin bei Anna Schmidt am {day_de} um {time_de} ist gebucht." in mail.body


def test_booking_invalidates_exactly_that_master_and_date(
    redis_client: redis.Redis, django_capture_on_commit_callbacks
) -> None:
    master, other = make_master(), make_master(name="Boris", slug="boris")
    day, next_day = tomorrow(), tomorrow() + timedelta(days=1)
    manager = get_booking_cache_manager()
    for who, when in [(master, day), (master, next_day), (other, day)]:
        busy_intervals_get(who, when)
    keys = {
        (who.pk, when): manager.busy_key(who.pk, when.isoformat())
        for who, when in [(master, day), (master, next_day), (other, day)]
    }
    assert all(redis_client.exists(key) for key in keys.values())

    with django_capture_on_commit_callbacks(execute=True):
        book(master, at(day, 10))

    assert not redis_client.exists(keys[master.pk, day])
    assert redis_client.get(keys[master.pk, next_day]) == "[]"
    assert redis_client.get(keys[other.pk, day]) == "[]"
    assert busy_intervals_get(master, day) == [(at(day, 10), at(day, 11))]


def test_moving_an_appointment_invalidates_the_old_and_the_new_date(
    redis_client: redis.Redis, django_capture_on_commit_callbacks
) -> None:
    master = make_master()
    day, next_day = tomorrow(), tomorrow() + timedelta(days=1)
    appointment = make_appointment(master, at(day, 10))
    busy_intervals_get(master, day)
    busy_intervals_get(master, next_day)
    manager = get_booking_cache_manager()

    with django_capture_on_commit_callbacks(execute=True):
        appointment.start, appointment.end = at(next_day, 10), at(next_day, 11)
        appointment.save()

    assert not redis_client.exists(manager.busy_key(master.pk, day.isoformat()))
    assert not redis_client.exists(manager.busy_key(master.pk, next_day.isoformat()))
    assert busy_intervals_get(master, day) == []


def test_cancelling_frees_the_slot(django_capture_on_commit_callbacks) -> None:
    master = make_master()
    day = tomorrow()
    appointment = make_appointment(master, at(day, 10))
    assert at(day, 10) not in free_slots_get(master, day)
    with django_capture_on_commit_callbacks(execute=True):
        appointment.status = Appointment.Status.CANCELLED
        appointment.save()
    assert at(day, 10) in free_slots_get(master, day)
    book(master, at(day, 10))


def test_taken_slot_is_refused_even_when_the_cache_says_free(mailoutbox) -> None:
    master = make_master()
    day = tomorrow()
    busy_intervals_get(master, day)  # caches "nothing busy"
    # bulk_create bypasses the signals: the cache is now stale.
    Appointment.objects.bulk_create(
        [
            Appointment(
                master=master, start=at(day, 10), end=at(day, 11), client_name="E", client_email="e@x.io"
            )
        ]
    )
    with pytest.raises(ValidationError) as exc:
        book(master, at(day, 10))
    assert messages_of(exc) == {"start": ["This time is already taken. Please choose another one."]}
    assert Appointment.objects.count() == 1
    assert mailoutbox == []


def test_overlapping_a_longer_existing_appointment_is_refused() -> None:
    master = make_master(slot_minutes=30)
    day = tomorrow()
    make_appointment(master, at(day, 10), end=at(day, 11))
    with pytest.raises(ValidationError) as exc:
        book(master, at(day, 10, 30))
    assert messages_of(exc) == {"start": ["This time is already taken. Please choose another one."]}


@pytest.mark.parametrize(
    ("hour", "minute", "message"),
    [
        (8, 0, "Anna Schmidt works from 9 a.m. to 5 p.m.; please choose a time in between."),
        (16, 30, "Anna Schmidt works from 9 a.m. to 5 p.m.; please choose a time in between."),
        (17, 0, "Anna Schmidt works from 9 a.m. to 5 p.m.; please choose a time in between."),
        (9, 30, "Please choose one of the offered times."),
    ],
)
def test_out_of_hours_and_misaligned_starts_are_refused(hour: int, minute: int, message: str) -> None:
    master = make_master()
    with pytest.raises(ValidationError) as exc:
        book(master, at(tomorrow(), hour, minute))
    assert messages_of(exc) == {"start": [message]}
    assert not Appointment.objects.exists()


def codes_of(exc: pytest.ExceptionInfo[ValidationError]) -> list[str | None]:
    return [error.code for error in exc.value.error_dict["start"]]


def test_past_day_is_refused() -> None:
    master = make_master()
    with pytest.raises(ValidationError) as exc:
        book(master, at(tomorrow() - timedelta(days=2), 10))
    assert messages_of(exc) == {"start": ["Please choose today or a later day."]}
    assert codes_of(exc) == ["past"]


def test_past_start_of_today_is_refused() -> None:
    master = make_master(work_start=time(0), work_end=time(1))  # midnight has always passed today
    with pytest.raises(ValidationError) as exc:
        book(master, at(timezone.localdate(), 0))
    assert messages_of(exc) == {"start": ["This time is in the past."]}
    assert codes_of(exc) == ["past"]


def test_inactive_master_takes_no_bookings() -> None:
    master = make_master(is_active=False)
    with pytest.raises(ValidationError) as exc:
        book(master, at(tomorrow(), 10))
    assert messages_of(exc) == {"start": ["This master does not take bookings."]}


def test_invalid_client_email_is_refused_and_nothing_is_saved() -> None:
    master = make_master()
    with pytest.raises(ValidationError) as exc:
        book(master, at(tomorrow(), 10), email="not-an-email")
    assert messages_of(exc) == {"client_email": ["Enter a valid email address."]}
    assert not Appointment.objects.exists()


def test_naive_start_is_a_programming_error() -> None:
    master = make_master()
    with pytest.raises(ValueError, match="start must be an aware datetime"):
        book(master, at(tomorrow(), 10).replace(tzinfo=None), day=tomorrow())


def test_master_rejects_working_hours_ending_before_they_start() -> None:
    with pytest.raises(ValidationError) as exc:
        make_master(work_start=time(17), work_end=time(9))
    assert exc.value.message_dict == {"work_end": ["Work must end after it starts."]}


def test_demo_seed_is_idempotent_with_bios_in_every_language() -> None:
    assert demo_data.seed() == {"masters": 4, "services": 15, "appointments": 8}
    with translation.override("de"):  # the active language must not leak into other columns
        assert demo_data.seed() == {"masters": 4, "services": 15, "appointments": 8}
    assert Master.objects.count() == 4
    assert Appointment.objects.count() == 8
    anna = Master.objects.get(slug="anna-schmidt")
    assert anna.bio_en.startswith("Anna cuts")
    assert anna.bio_de.startswith("Anna schneidet")
    assert anna.bio_ru.startswith("Анна")
    assert all(a.start > timezone.now() for a in Appointment.objects.all())


def last_bookable_day() -> date:
    return timezone.localdate() + timedelta(days=90)


def horizon_message(last: date) -> str:
    return f"Bookings are open up to {date_format(last, 'DATE_FORMAT')}. Please choose an earlier day."


@pytest.mark.parametrize("day", ["9999-12-31", "9999-12-30", "+91"])
def test_a_day_beyond_the_horizon_is_refused(day: str) -> None:
    chosen = last_bookable_day() + timedelta(days=1) if day == "+91" else date.fromisoformat(day)
    master = make_master()
    with pytest.raises(ValidationError) as exc:
        book(master, at(chosen, 10), day=chosen)
    assert messages_of(exc) == {"start": [horizon_message(last_bookable_day())]}
    assert codes_of(exc) == ["beyond_horizon"]
    assert not Appointment.objects.exists()


def test_the_last_day_of_the_horizon_can_be_booked() -> None:
    appointment = book(make_master(), at(last_bookable_day(), 10))
    assert appointment.start == at(last_bookable_day(), 10)


@override_settings(BOOKING_HORIZON_DAYS=7)
def test_the_horizon_follows_the_setting() -> None:
    master = make_master()
    seventh, eighth = timezone.localdate() + timedelta(days=7), timezone.localdate() + timedelta(days=8)
    with pytest.raises(ValidationError) as exc:
        book(master, at(eighth, 10))
    assert messages_of(exc) == {"start": [horizon_message(seventh)]}
    assert book(master, at(seventh, 10)).start == at(seventh, 10)


@pytest.mark.parametrize(
    "start",
    [
        at(tomorrow() + timedelta(days=1), 10),
        at(tomorrow() - timedelta(days=1), 23),
        datetime(9999, 12, 31, 23, 59, tzinfo=timezone.get_fixed_timezone(-12 * 60)),
        datetime(1, 1, 1, 0, 0, tzinfo=timezone.get_fixed_timezone(14 * 60)),
    ],
)
def test_a_start_on_another_day_than_the_chosen_one_is_refused(start: datetime) -> None:
    master = make_master()
    with pytest.raises(ValidationError) as exc:
        book(master, start, day=tomorrow())
    day = date_format(tomorrow(), "DATE_FORMAT")
    assert messages_of(exc) == {"start": [f"Please choose one of the times offered for {day}."]}
    assert codes_of(exc) == ["other_day"]
    assert not Appointment.objects.exists()


def test_every_refusal_carries_its_code() -> None:
    master = make_master(slot_minutes=60)
    make_appointment(master, at(tomorrow(), 12))
    cases = {
        "out_of_hours": at(tomorrow(), 8),
        "misaligned": at(tomorrow(), 9, 30),
        "taken": at(tomorrow(), 12),
    }
    for code, start in cases.items():
        with pytest.raises(ValidationError) as exc:
            book(master, start)
        assert codes_of(exc) == [code]


def test_times_of_day_another_writer_cached_are_recomputed_not_a_crash(redis_client: redis.Redis) -> None:
    """The cache manager accepts ``[["10:00", "11:00"]]`` (the reference's callers store times
    of day); the demo needs aware datetimes, so it reads the day from the database instead."""
    master = make_master()
    day = tomorrow()
    make_appointment(master, at(day, 10))
    get_booking_cache_manager().set_busy(master.pk, day.isoformat(), [["10:00", "11:00"]])
    assert busy_intervals_get(master, day) == [(at(day, 10), at(day, 11))]
    key = get_booking_cache_manager().busy_key(master.pk, day.isoformat())
    assert json.loads(redis_client.get(key))[0][0].endswith("+00:00")  # replaced by the refill
