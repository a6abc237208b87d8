"""Plain-function factories for the booking, notifications and site settings tests."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from features.booking.models import Appointment, Master


def make_master(**fields: Any) -> Master:
    """A saved active master working 09:00-17:00 in 60-minute slots, unless overridden."""
    defaults: dict[str, Any] = {
        "name": "Anna Schmidt",
        "slug": "anna-schmidt",
        "bio_en": "Anna cuts hair.",
        "bio_de": "Anna schneidet Haare.",
        "bio_ru": "Анна стрижёт волосы.",
        "work_start": time(9),
        "work_end": time(17),
        "slot_minutes": 60,
        "is_active": True,
    }
    defaults.update(fields)
    master = Master(**defaults)
    master.full_clean()
    master.save()
    return master


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """An aware datetime of ``day`` at ``hour:minute`` in the site's time zone."""
    return datetime.combine(day, time(hour, minute), tzinfo=timezone.get_default_timezone())


def tomorrow() -> date:
    return timezone.localdate(timezone=timezone.get_default_timezone()) + timedelta(days=1)


def make_appointment(master: Master, start: datetime, **fields: Any) -> Appointment:
    """A saved appointment of one slot of ``master`` from ``start``."""
    defaults: dict[str, Any] = {
        "end": start.astimezone(UTC) + timedelta(minutes=master.slot_minutes),  # real time, also on DST days
        "client_name": "Eva",
        "client_email": "eva@example.com",
    }
    defaults.update(fields)
    return Appointment.objects.create(master=master, start=start, **defaults)


def next_dst_change(month: int) -> date:
    """The next last Sunday of ``month`` after today: Europe's DST changes (3: spring, 10: autumn)."""
    today = timezone.localdate(timezone=timezone.get_default_timezone())
    for year in (today.year, today.year + 1):
        last = date(year, month + 1, 1) - timedelta(days=1)
        sunday = last - timedelta(days=(last.weekday() - 6) % 7)
        if sunday > today:
            return sunday
    raise AssertionError("unreachable: a last Sunday of the month comes every year")
