"""Pure slot arithmetic: which starts of a working day are free.

No database, no cache, no clock: callers pass the busy intervals and ``now``.
Working hours are wall-clock times of ``tz`` on ``day``; slots are ``slot_minutes`` of real
time. All arithmetic happens on UTC instants: adding a ``timedelta`` to a datetime of a
``ZoneInfo`` adds wall-clock time, and two datetimes of the same ``ZoneInfo`` compare by wall
clock, both of which go wrong on the 23- and 25-hour days of a DST change. Slot starts are
returned in ``tz`` (local time, with the offset that tells the two 02:30 of an autumn night
apart).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta, tzinfo

Interval = tuple[datetime, datetime]


def local_instant(day: date, wall: time, tz: tzinfo) -> datetime:
    """The UTC instant at which the clocks of ``tz`` show ``wall`` on ``day``.

    As in PEP 495 (``fold=0``) and ``java.time``: a wall time that occurs twice (clocks go
    back) means its first occurrence; one the clocks skip (clocks go forward) is moved later
    by the length of the gap (02:30 on a spring-forward night in Berlin is 03:30 CEST).
    """
    return datetime.combine(day, wall, tzinfo=tz).astimezone(UTC)


def day_bounds(day: date, tz: tzinfo) -> Interval:
    """``[midnight, next midnight)`` of ``day`` in ``tz``, as UTC instants (23, 24 or 25 hours)."""
    return local_instant(day, time(0), tz), local_instant(day + timedelta(days=1), time(0), tz)


def is_dst_change(day: date, tz: tzinfo) -> bool:
    """Whether ``day`` is not 24 hours long in ``tz`` (its clocks go forward or back)."""
    start, end = day_bounds(day, tz)
    return end - start != timedelta(days=1)


def working_hours(*, day: date, work_start: time, work_end: time, tz: tzinfo) -> Interval:
    """Opening and closing of ``day`` as UTC instants."""
    return local_instant(day, work_start, tz), local_instant(day, work_end, tz)


def slot_starts(
    *, day: date, work_start: time, work_end: time, slot_minutes: int, tz: tzinfo
) -> list[datetime]:
    """Slot starts of ``day`` (in ``tz``) from opening, ``slot_minutes`` apart, each ending by closing."""
    if slot_minutes <= 0:
        raise ValueError(f"slot_minutes must be a positive number of minutes, got {slot_minutes!r}")
    opening, closing = working_hours(day=day, work_start=work_start, work_end=work_end, tz=tz)
    length = timedelta(minutes=slot_minutes)
    count = max(0, (closing - opening) // length)
    return [(opening + n * length).astimezone(tz) for n in range(count)]


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
    """Slot starts of ``day`` (in ``tz``) that begin after ``now`` and overlap no busy interval."""
    length = timedelta(minutes=slot_minutes)
    busy_utc = [(start.astimezone(UTC), end.astimezone(UTC)) for start, end in busy]
    now_utc = now.astimezone(UTC)
    free = []
    for start in slot_starts(
        day=day, work_start=work_start, work_end=work_end, slot_minutes=slot_minutes, tz=tz
    ):
        slot = (start.astimezone(UTC), start.astimezone(UTC) + length)
        if slot[0] > now_utc and not any(overlaps(slot, interval) for interval in busy_utc):
            free.append(start)
    return free
