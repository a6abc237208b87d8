"""Properties of features.booking.slots for any working day, busy intervals and clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import cache
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from features.booking.slots import Interval, day_bounds, free_slots, local_instant, overlaps, slot_starts

ZONES = st.sampled_from([UTC, ZoneInfo("Europe/Berlin"), ZoneInfo("America/New_York")])
FIRST, LAST = date(2024, 1, 1), date(2034, 12, 31)


@cache
def _dst_days(zone: tzinfo) -> list[date]:
    """Days of 23 or 25 hours in ``zone``: random dates would rarely hit one."""
    days, day = [], FIRST
    while day < LAST:
        start, end = day_bounds(day, zone)
        if end - start != timedelta(days=1):
            days.append(day)
        day += timedelta(days=1)
    return days


def days_of(zone: tzinfo) -> st.SearchStrategy[date]:
    """Any day, or (as often) a DST day of ``zone``."""
    dst = _dst_days(zone)
    any_day = st.dates(min_value=FIRST, max_value=LAST)
    return st.one_of(any_day, st.sampled_from(dst)) if dst else any_day


MINUTES = st.integers(min_value=0, max_value=24 * 60 - 1)


@st.composite
def working_days(draw: st.DrawFn) -> dict[str, object]:
    start, end = sorted(draw(st.lists(MINUTES, min_size=2, max_size=2, unique=True)))
    tz: tzinfo = draw(ZONES)
    day: date = draw(days_of(tz))
    midnight = day_bounds(day, tz)[0]  # UTC: adding minutes to a ZoneInfo datetime adds wall-clock time

    def instant(minute: int) -> datetime:
        return midnight + timedelta(minutes=minute)

    busy: list[Interval] = []
    for first, length in draw(st.lists(st.tuples(MINUTES, st.integers(1, 300)), max_size=6)):
        busy.append((instant(first), instant(first + length)))
    return {
        "day": day,
        "work_start": time(start // 60, start % 60),
        "work_end": time(end // 60, end % 60),
        "slot_minutes": draw(st.integers(min_value=5, max_value=240)),
        "busy": busy,
        "now": instant(draw(st.integers(min_value=-60, max_value=25 * 60))),
        "tz": tz,
    }


def grid(args: dict[str, object]) -> list[datetime]:
    return slot_starts(**{k: v for k, v in args.items() if k not in ("busy", "now")})  # type: ignore[arg-type]


def utc(starts: list[datetime]) -> list[datetime]:
    """As UTC instants: datetimes of one ZoneInfo compare by wall clock, blind to DST folds."""
    return [start.astimezone(UTC) for start in starts]


@given(working_days())
def test_free_slots_overlap_no_busy_interval(args: dict[str, object]) -> None:
    length = timedelta(minutes=int(args["slot_minutes"]))  # type: ignore[call-overload]
    busy: list[Interval] = args["busy"]  # type: ignore[assignment]
    for start in utc(free_slots(**args)):  # type: ignore[arg-type]
        assert not any(overlaps((start, start + length), interval) for interval in busy)


@given(working_days())
def test_free_busy_and_past_slots_partition_the_grid(args: dict[str, object]) -> None:
    length = timedelta(minutes=int(args["slot_minutes"]))  # type: ignore[call-overload]
    busy: list[Interval] = args["busy"]  # type: ignore[assignment]
    free = utc(free_slots(**args))  # type: ignore[arg-type]
    past = [s for s in utc(grid(args)) if s <= args["now"]]  # type: ignore[operator]
    taken = [s for s in utc(grid(args)) if any(overlaps((s, s + length), b) for b in busy)]
    assert set(free) | set(past) | set(taken) == set(utc(grid(args)))
    assert not set(free) & (set(past) | set(taken))
    assert free == sorted(free)


@given(working_days())
def test_the_grid_covers_the_working_hours(args: dict[str, object]) -> None:
    """As many whole slots of real time as fit between opening and closing, also on DST days."""
    starts = grid(args)
    day: date = args["day"]  # type: ignore[assignment]
    tz: tzinfo = args["tz"]  # type: ignore[assignment]
    length = timedelta(minutes=int(args["slot_minutes"]))  # type: ignore[call-overload]
    opening = local_instant(day, args["work_start"], tz)  # type: ignore[arg-type]
    closing = local_instant(day, args["work_end"], tz)  # type: ignore[arg-type]
    assert len(starts) == max(0, (closing - opening) // length)
    for n, start in enumerate(starts):
        assert start.astimezone(UTC) == opening + n * length
        assert start.tzinfo is tz  # expressed in local time
        assert start.date() == day
        assert start.astimezone(UTC) + length <= closing
    assert len({start.astimezone(UTC) for start in starts}) == len(starts)
