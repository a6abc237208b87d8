"""BOOKING_HORIZON_DAYS: one accessor, one system check with a hint, the demo's value is clean."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.checks import Error, run_checks
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from features.booking.checks import check_horizon
from features.booking.conf import booking_horizon_days

HINT = (
    "Set BOOKING_HORIZON_DAYS to how many days ahead visitors may book (for example 90), "
    "or remove it to use the default (90)."
)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (0, "BOOKING_HORIZON_DAYS must be between 1 and 3650 days, got 0."),
        (-7, "BOOKING_HORIZON_DAYS must be between 1 and 3650 days, got -7."),
        (3651, "BOOKING_HORIZON_DAYS must be between 1 and 3650 days, got 3651."),
        ("90", "BOOKING_HORIZON_DAYS must be a whole number of days, got '90'."),
        (1.5, "BOOKING_HORIZON_DAYS must be a whole number of days, got 1.5."),
        (True, "BOOKING_HORIZON_DAYS must be a whole number of days, got True."),
        (None, "BOOKING_HORIZON_DAYS must be a whole number of days, got None."),
    ],
)
def test_an_invalid_horizon_is_reported_with_a_hint(value: object, message: str) -> None:
    with override_settings(BOOKING_HORIZON_DAYS=value):
        assert check_horizon() == [Error(message, hint=HINT, id="booking.E001")]
        assert [e for e in run_checks() if e.id == "booking.E001"] == [
            Error(message, hint=HINT, id="booking.E001")
        ]
        with pytest.raises(ImproperlyConfigured, match=r"^BOOKING_HORIZON_DAYS must be"):
            booking_horizon_days()


@pytest.mark.parametrize("value", [1, 90, 3650])
def test_a_valid_horizon_passes_and_is_read_as_set(value: int) -> None:
    with override_settings(BOOKING_HORIZON_DAYS=value):
        assert check_horizon() == []
        assert booking_horizon_days() == value


def test_an_unset_horizon_is_the_default_of_90_days() -> None:
    with override_settings():
        del settings.BOOKING_HORIZON_DAYS
        assert check_horizon() == []
        assert booking_horizon_days() == 90


def test_the_demo_sets_90_days() -> None:
    assert settings.BOOKING_HORIZON_DAYS == 90
