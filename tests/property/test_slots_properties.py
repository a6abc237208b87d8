"""Properties of features.booking.slots for any working day, busy intervals and clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from features.booking.slots import Interval, free_slots, overlaps, slot_starts

ZONES = st.sampled_from([UTC, ZoneInfo("Europe/Berlin"), ZoneInfo("America/New_York")])
DAYS = st.dates(min_value=date(2024, 1, 1), max_value=date(2034, 12, 31))
MINUTES = st.integers(min_value=0, max_value=24 * 60 - 1)


@st.composite
def working_days(draw: st.DrawFn) -> dict[str, object]:
    start, end = sorted(draw(st.lists(MINUTES, min_size=2, max_size=2, unique=True)))
    tz: tzinfo = draw(ZONES)
    day: date = draw(DAYS)
    midnight = datetime.combine(day, time(0), tzinfo=tz)

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


@given(working_days())
def test_free_slots_overlap_no_busy_interval(args: dict[str, object]) -> None:
    length = timedelta(minutes=int(args["slot_minutes"]))  # type: ignore[call-overload]
    busy: list[Interval] = args["busy"]  # type: ignore[assignment]
    for start in free_slots(**args):  # type: ignore[arg-type]
        assert not any(overlaps((start, start + length), interval) for interval in busy)


@given(working_days())
def test_free_busy_and_past_slots_partition_the_grid(args: dict[str, object]) -> None:
    length = timedelta(minutes=int(args["slot_minutes"]))  # type: ignore[call-overload]
    busy: list[Interval] = args["busy"]  # type: ignore[assignment]
    free = free_slots(**args)  # type: ignore[arg-type]
    past = [s for s in grid(args) if s <= args["now"]]  # type: ignore[operator]
    taken = [s for s in grid(args) if any(overlaps((s, s + length), b) for b in busy)]
    assert set(free) | set(past) | set(taken) == set(grid(args))
    assert not set(free) & (set(past) | set(taken))
    assert free == sorted(free)


@given(working_days())
def test_the_grid_covers_the_working_hours(args: dict[str, object]) -> None:
    starts = grid(args)
    minutes = int(args["slot_minutes"])  # type: ignore[call-overload]
    work_start: time = args["work_start"]  # type: ignore[assignment]
    work_end: time = args["work_end"]  # type: ignore[assignment]
    open_minutes = (work_end.hour * 60 + work_end.minute) - (work_start.hour * 60 + work_start.minute)
    assert len(starts) == open_minutes // minutes  # as many whole slots as fit, no more
    for n, start in enumerate(starts):
        wall = start.replace(tzinfo=None)
        assert wall == datetime.combine(args["day"], work_start) + n * timedelta(minutes=minutes)  # type: ignore[arg-type]
        assert (wall + timedelta(minutes=minutes)).time() <= work_end or minutes * (n + 1) <= open_minutes
