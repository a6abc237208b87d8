"""Forms of the master page: the day picker (GET) and the booking form (POST)."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DayForm(forms.Form):
    """``?date=YYYY-MM-DD``: today or a later day."""

    date = forms.DateField(
        label=_("Day"),
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a date as YYYY-MM-DD.")},
    )

    def clean_date(self) -> date:
        day: date = self.cleaned_data["date"]
        if day < timezone.localdate(timezone=timezone.get_default_timezone()):
            raise forms.ValidationError(_("Please choose today or a later day."), code="past")
        return day


class BookingForm(forms.Form):
    """The chosen slot start (ISO 8601) and the client's contact details.

    The template renders ``start`` as one radio button per free slot. It is not
    restricted to the slots shown: a slot taken meanwhile must give the
    service's clear "already taken" message rather than "select a valid choice".
    """

    start = forms.DateTimeField(
        label=_("Time"),
        error_messages={"required": _("Please choose a time."), "invalid": _("Please choose a time.")},
    )
    client_name = forms.CharField(label=_("Your name"), max_length=100)
    client_email = forms.EmailField(label=_("Your e-mail"))
