"""The one accessor for the booking feature's settings.

``BOOKING_HORIZON_DAYS`` (default 90): how many days ahead of today visitors may book; today
plus that many days is the last bookable day. It is read inside functions (``override_settings``
applies at once) and validated at start-up by :mod:`features.booking.checks`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEFAULT_HORIZON_DAYS = 90
#: Ten years: far enough for any salon, near enough that date arithmetic never leaves year 9999.
MAX_HORIZON_DAYS = 3650


def horizon_days_problem(value: object) -> str | None:
    """Why ``value`` is no valid ``BOOKING_HORIZON_DAYS``, or ``None`` when it is one."""
    if isinstance(value, bool) or not isinstance(value, int):
        return f"BOOKING_HORIZON_DAYS must be a whole number of days, got {value!r}."
    if not 1 <= value <= MAX_HORIZON_DAYS:
        return f"BOOKING_HORIZON_DAYS must be between 1 and {MAX_HORIZON_DAYS} days, got {value!r}."
    return None


def booking_horizon_days() -> int:
    """``BOOKING_HORIZON_DAYS``, or the default when unset.

    Raises:
        ImproperlyConfigured: the setting is invalid (the system check ``booking.E001``
            reports the same at start-up).
    """
    value = getattr(settings, "BOOKING_HORIZON_DAYS", DEFAULT_HORIZON_DAYS)
    problem = horizon_days_problem(value)
    if problem is not None:
        raise ImproperlyConfigured(problem)
    return int(value)
