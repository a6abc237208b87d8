"""Pure slot arithmetic: which starts of a working day are free.

No database, no cache, no clock: callers pass the busy intervals and ``now``.
Times are wall-clock times of ``tz`` on ``day``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta, tzinfo

Interval = tuple[datetime, datetime]


def slot_starts(
    *, day: date, work_start: time, work_end: time, slot_minutes: int, tz: tzinfo
) -> list[datetime]:
    """Every aligned slot start of ``day`` whose slot ends by ``work_end``."""
    if slot_minutes <= 0:
        raise ValueError(f"slot_minutes must be a positive number of minutes, got {slot_minutes!r}")
    first = work_start.hour * 60 + work_start.minute
    last = work_end.hour * 60 + work_end.minute - slot_minutes
    return [
        datetime.combine(day, time(minute // 60, minute % 60), tzinfo=tz)
        for minute in range(first, last + 1, slot_minutes)
    ]


def overlaps(a: Interval, b: Interval) -> bool:
    """Whether two half-open intervals ``[start, end)`` share any instant."""
    return a[0] < b[1] and b[0] < a[1]


def free_slots(
    *,
    day: date,
    work_start: time,
    work_end: time,
    slot_minutes: int,
    busy: Iterable[Interval],
    now: datetime,
    tz: tzinfo,
) -> list[datetime]:
    """Slot starts of ``day`` that begin after ``now`` and overlap no busy interval."""
    length = timedelta(minutes=slot_minutes)
    busy = list(busy)
    return [
        start
        for start in slot_starts(
            day=day, work_start=work_start, work_end=work_end, slot_minutes=slot_minutes, tz=tz
        )
        if start > now and not any(overlaps((start, start + length), interval) for interval in busy)
    ]
