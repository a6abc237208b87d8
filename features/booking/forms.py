"""Forms of the master page: the day picker (GET) and the booking form (POST)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from features.booking.rules import bookable_days, day_validate, start_on_day_validate


def _today() -> date:
    return timezone.localdate(timezone=timezone.get_default_timezone())


class IsoDateInput(forms.DateInput):
    """``<input type="date">`` that renders a value only when it is a ``YYYY-MM-DD`` date.

    A browser logs a console warning for any other value of a date input, and cannot show it
    anyway; the field's error message says what was wrong.
    """

    input_type = "date"

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, str):
            try:
                datetime.strptime(value, "%Y-%m-%d")
            except ValueError:
                return None
        return super().format_value(value)


class DayForm(forms.Form):
    """``?date=YYYY-MM-DD``: a day from today up to the booking horizon."""

    date = forms.DateField(
        label=_("Day"),
        input_formats=["%Y-%m-%d"],
        widget=IsoDateInput(format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a date as YYYY-MM-DD.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        first, last = bookable_days(_today())
        self.fields["date"].widget.attrs.update(min=first.isoformat(), max=last.isoformat())

    def clean_date(self) -> date:
        day: date = self.cleaned_data["date"]
        day_validate(day, today=_today())
        return day


class BookingForm(forms.Form):
    """The chosen slot start (ISO 8601) on the page's ``day`` and the client's contact details.

    The template renders ``start`` as one radio button per free slot. It is not
    restricted to the slots shown: a slot taken meanwhile must give the
    service's clear "already taken" message rather than "select a valid choice".
    It must lie on ``day`` (``None`` when the page's day is invalid: nothing is booked).
    """

    start = forms.DateTimeField(
        label=_("Time"),
        error_messages={"required": _("Please choose a time."), "invalid": _("Please choose a time.")},
    )
    client_name = forms.CharField(label=_("Your name"), max_length=100)
    client_email = forms.EmailField(label=_("Your e-mail"))

    def __init__(self, *args: Any, day: date | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.day = day

    def clean_start(self) -> datetime:
        start: datetime = self.cleaned_data["start"]
        if self.day is None:
            raise forms.ValidationError(_("Please choose a valid day first."), code="no_day")
        start_on_day_validate(start, day=self.day)
        return start
