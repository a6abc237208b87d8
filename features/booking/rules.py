"""Which day and which start a visitor may book.

Shared by the forms (an early, friendly answer) and the service (the authoritative one, under
the lock). Every date or time that comes from a request is bounded here before any arithmetic
touches it: ``date.max + 1 day`` is an ``OverflowError``, not a form error.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from features.booking.conf import booking_horizon_days
from features.booking.slots import day_bounds


def bookable_days(today: date) -> tuple[date, date]:
    """The first and the last day a visitor may book: today up to ``BOOKING_HORIZON_DAYS`` ahead."""
    return today, today + timedelta(days=booking_horizon_days())


def day_validate(day: date, *, today: date) -> None:
    """Refuse a ``day`` before ``today`` (code ``past``) or beyond the horizon (``beyond_horizon``)."""
    first, last = bookable_days(today)
    if day < first:
        raise ValidationError(_("Please choose today or a later day."), code="past")
    if day > last:
        raise ValidationError(
            _("Bookings are open up to %(last)s. Please choose an earlier day."),
            code="beyond_horizon",
            params={"last": date_format(last, "DATE_FORMAT")},
        )


def start_on_day_validate(start: datetime, *, day: date) -> None:
    """Refuse a ``start`` outside ``day`` of the site's time zone (code ``other_day``).

    Aware datetimes compare as instants without conversion, so a start in the year 9999 is
    refused here rather than overflowing later.
    """
    day_start, day_end = day_bounds(day, timezone.get_default_timezone())
    if not day_start <= start < day_end:
        raise ValidationError(
            _("Please choose one of the times offered for %(day)s."),
            code="other_day",
            params={"day": date_format(day, "DATE_FORMAT")},
        )
