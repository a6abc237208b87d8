"""Free-slot arithmetic of features.booking.slots (pure functions, no database)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from features.booking.slots import free_slots, overlaps, slot_starts

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
