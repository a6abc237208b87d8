"""Read masters, their busy intervals (through the booking Redis cache) and free slots."""

from __future__ import annotations

from datetime import date, datetime

from django.db.models import QuerySet
from django.utils import timezone

from codex_core.pagecache import add_tag
from codex_core.redis.managers.booking import get_booking_cache_manager
from features.booking.models import Appointment, Master
from features.booking.slots import Interval, day_bounds, free_slots

#: Busy intervals change only through bookings (which invalidate); the TTL bounds staleness.
BUSY_CACHE_TIMEOUT = 300


def master_list() -> QuerySet[Master]:
    """Active masters in display order."""
    add_tag("master_list")
    return Master.objects.filter(is_active=True)


def master_list_with_services() -> QuerySet[Master]:
    """Active masters in display order, their services fetched in one more query."""
    return master_list().prefetch_related("services")


def _aware(cached: list[list[str]]) -> list[Interval] | None:
    """The cached intervals as aware datetimes, or ``None`` if they are not all such."""
    try:
        parsed = [(datetime.fromisoformat(start), datetime.fromisoformat(end)) for start, end in cached]
    except ValueError:  # times of day ("10:00"), which the cache manager also accepts
        return None
    if all(timezone.is_aware(moment) for interval in parsed for moment in interval):
        return parsed
    return None


def busy_intervals_get(master: Master, day: date) -> list[Interval]:
    """Intervals of ``day`` taken by non-cancelled appointments of ``master`` (cached).

    ``day`` must be a bookable one (:func:`features.booking.rules.day_validate`).
    """
    manager = get_booking_cache_manager()
    cached = manager.get_busy(master.pk, day.isoformat())
    if cached is not None:
        parsed = _aware(cached)
        if parsed is not None:
            return parsed
        # Naive datetimes or times of day were not written by this code; recompute them.
    day_start, day_end = day_bounds(day, timezone.get_default_timezone())

    def load() -> list[list[str]]:
        intervals = (
            Appointment.objects.filter(master=master, start__lt=day_end, end__gt=day_start)
            .exclude(status=Appointment.Status.CANCELLED)
            .order_by("start")
            .values_list("start", "end")
        )
        return [[start.isoformat(), end.isoformat()] for start, end in intervals]

    # A refill: not stored if a booking invalidated the day meanwhile; one per day at a time.
    loaded = manager.refill_busy(master.pk, day.isoformat(), load, timeout=BUSY_CACHE_TIMEOUT)
    return [(datetime.fromisoformat(start), datetime.fromisoformat(end)) for start, end in loaded]


def free_slots_get(master: Master, day: date, *, now: datetime | None = None) -> list[datetime]:
    """Free slot starts of ``master`` on ``day`` (site time zone), later than ``now``.

    ``day`` must be a bookable one (:func:`features.booking.rules.day_validate`).
    """
    return free_slots(
        day=day,
        work_start=master.work_start,
        work_end=master.work_end,
        slot_minutes=master.slot_minutes,
        busy=busy_intervals_get(master, day),
        now=now or timezone.now(),
        tz=timezone.get_default_timezone(),
    )
