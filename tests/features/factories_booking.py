"""Plain-function factories for the booking, notifications and site settings tests."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
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
        "end": start + timedelta(minutes=master.slot_minutes),
        "client_name": "Eva",
        "client_email": "eva@example.com",
    }
    defaults.update(fields)
    return Appointment.objects.create(master=master, start=start, **defaults)
