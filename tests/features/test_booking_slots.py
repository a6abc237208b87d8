"""Free-slot arithmetic of features.booking.slots (pure functions, no database)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest

from features.booking.slots import day_bounds, free_slots, local_instant, overlaps, slot_starts

DAY = date(2030, 5, 6)
BERLIN = ZoneInfo("Europe/Berlin")


def at(hour: int, minute: int = 0, tz: ZoneInfo | None = BERLIN) -> datetime:
    return datetime.combine(DAY, time(hour, minute), tzinfo=tz)


def slots(**overrides: object) -> list[datetime]:
    args: dict[str, object] = {
        "day": DAY,
        "work_start": time(9),
        "work_end": time(12),
        "slot_minutes": 60,
        "busy": [],
        "now": at(0),
        "tz": BERLIN,
    }
    args.update(overrides)
    return free_slots(**args)


def test_whole_free_day_is_cut_into_aligned_slots() -> None:
    assert slots() == [at(9), at(10), at(11)]


def test_a_slot_that_would_end_after_work_is_not_offered() -> None:
    assert slots(slot_minutes=45) == [at(9), at(9, 45), at(10, 30), at(11, 15)]
    assert slots(slot_minutes=50) == [at(9), at(9, 50), at(10, 40)]


def test_busy_intervals_remove_every_slot_they_touch() -> None:
    busy = [(at(9, 30), at(10, 15))]
    assert slots(slot_minutes=30, busy=busy) == [at(9), at(10, 30), at(11), at(11, 30)]


def test_adjacent_busy_interval_does_not_block_a_slot() -> None:
    assert slots(busy=[(at(8), at(9)), (at(10), at(11))]) == [at(9), at(11)]


def test_busy_intervals_in_another_time_zone_compare_as_instants() -> None:
    # 08:00 UTC is 10:00 in Berlin (summer time).
    busy = [(datetime(2030, 5, 6, 8, tzinfo=UTC), datetime(2030, 5, 6, 9, tzinfo=UTC))]
    assert slots(busy=busy) == [at(9), at(11)]


def test_past_slots_and_the_slot_starting_now_are_excluded() -> None:
    assert slots(now=at(10)) == [at(11)]
    assert slots(now=at(10, 1)) == [at(11)]
    assert slots(now=at(12)) == []


def test_no_slot_when_the_day_is_shorter_than_a_slot() -> None:
    assert slots(work_start=time(9), work_end=time(9, 30)) == []


def test_slot_starts_rejects_non_positive_length() -> None:
    with pytest.raises(ValueError, match="slot_minutes must be a positive number of minutes, got 0"):
        slot_starts(day=DAY, work_start=time(9), work_end=time(10), slot_minutes=0, tz=BERLIN)


def test_overlaps_is_half_open() -> None:
    hour = timedelta(hours=1)
    assert overlaps((at(9), at(9) + hour), (at(9, 59), at(11)))
    assert not overlaps((at(9), at(10)), (at(10), at(11)))
    assert not overlaps((at(10), at(11)), (at(9), at(10)))


# --- DST: Europe/Berlin springs forward on 2030-03-31 (02:00 -> 03:00) and falls back on
# 2030-10-27 (03:00 -> 02:00). Slots are whole hours of real time, shown in local time.

SPRING, AUTUMN = date(2030, 3, 31), date(2030, 10, 27)


def night(day: date, **overrides: object) -> list[str]:
    args: dict[str, object] = {
        "day": day,
        "work_start": time(0),
        "work_end": time(6),
        "slot_minutes": 60,
        "busy": [],
        "now": datetime(2030, 1, 1, tzinfo=UTC),
        "tz": BERLIN,
    }
    args.update(overrides)
    return [start.isoformat() for start in free_slots(**args)]


def test_day_bounds_of_the_dst_days_are_23_and_25_hours() -> None:
    for day, hours in ((SPRING, 23), (AUTUMN, 25), (DAY, 24)):
        start, end = day_bounds(day, BERLIN)
        assert end - start == timedelta(hours=hours)
        assert start.tzinfo is UTC


def test_the_23_hour_day_skips_the_hour_the_clocks_jump() -> None:
    assert night(SPRING) == [
        "2030-03-31T00:00:00+01:00",
        "2030-03-31T01:00:00+01:00",
        "2030-03-31T03:00:00+02:00",
        "2030-03-31T04:00:00+02:00",
        "2030-03-31T05:00:00+02:00",
    ]


def test_the_25_hour_day_offers_the_repeated_hour_twice() -> None:
    assert night(AUTUMN) == [
        "2030-10-27T00:00:00+02:00",
        "2030-10-27T01:00:00+02:00",
        "2030-10-27T02:00:00+02:00",
        "2030-10-27T02:00:00+01:00",
        "2030-10-27T03:00:00+01:00",
        "2030-10-27T04:00:00+01:00",
        "2030-10-27T05:00:00+01:00",
    ]


def test_slots_of_the_dst_days_are_one_real_hour_apart_and_end_by_closing() -> None:
    for day in (SPRING, AUTUMN):
        starts = slot_starts(day=day, work_start=time(0), work_end=time(6), slot_minutes=60, tz=BERLIN)
        utc = [start.astimezone(UTC) for start in starts]
        assert all(b - a == timedelta(hours=1) for a, b in pairwise(utc))
        assert utc[-1] + timedelta(hours=1) == datetime.combine(day, time(6), tzinfo=BERLIN).astimezone(UTC)


def test_booking_the_second_repeated_hour_leaves_the_first_free() -> None:
    second = (datetime(2030, 10, 27, 1, tzinfo=UTC), datetime(2030, 10, 27, 2, tzinfo=UTC))
    free = night(AUTUMN, busy=[second])
    assert "2030-10-27T02:00:00+02:00" in free
    assert "2030-10-27T02:00:00+01:00" not in free
    assert len(free) == 6


def test_a_working_hour_boundary_the_clocks_skip_moves_later_by_the_gap() -> None:
    assert night(SPRING, work_start=time(2, 30))[0] == "2030-03-31T03:30:00+02:00"
    assert local_instant(SPRING, time(2, 30), BERLIN) == datetime(2030, 3, 31, 1, 30, tzinfo=UTC)


def test_a_repeated_working_hour_boundary_is_its_first_occurrence() -> None:
    assert night(AUTUMN, work_start=time(2, 30))[0] == "2030-10-27T02:30:00+02:00"
    assert local_instant(AUTUMN, time(2, 30), BERLIN) == datetime(2030, 10, 27, 0, 30, tzinfo=UTC)
