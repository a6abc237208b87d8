"""Book appointments: lock the master, validate the slot, save, confirm by e-mail."""

from __future__ import annotations

from contextlib import ExitStack
from datetime import UTC, date, datetime, timedelta
from typing import NoReturn

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _

from codex_core.redis.managers.settings import get_site_settings_manager
from features.booking.locks import MasterBusy, master_transaction
from features.booking.models import Appointment, Master
from features.booking.rules import day_validate, start_on_day_validate
from features.booking.slots import slot_starts, working_hours
from features.notifications.services import notification_send
from features.site_settings.models import SiteSettings

CONFIRMATION_TEMPLATE = "booking_confirmation"


def _refuse(message: str, code: str) -> NoReturn:
    """Reject the requested start; the code survives (a dict message drops ``code=``)."""
    raise ValidationError({"start": ValidationError(message, code=code)})


def _validate_start(master: Master, day: date, start: datetime, now: datetime) -> datetime:
    """Check ``start`` against every booking rule; return it as a UTC instant."""
    if timezone.is_naive(start):
        raise ValueError(f"start must be an aware datetime, got naive {start!r}")
    if not master.is_active:
        _refuse(_("This master does not take bookings."), "inactive")
    tz = timezone.get_default_timezone()
    try:
        day_validate(day, today=timezone.localdate(now, tz))
        start_on_day_validate(start, day=day)
    except ValidationError as exc:
        raise ValidationError({"start": exc}) from None
    start = start.astimezone(UTC)  # bounded by ``day`` now, so the conversion cannot overflow
    if start <= now:
        _refuse(_("This time is in the past."), "past")
    opening, closing = working_hours(day=day, work_start=master.work_start, work_end=master.work_end, tz=tz)
    if start < opening or start + timedelta(minutes=master.slot_minutes) > closing:
        _refuse(
            _("%(name)s works from %(start)s to %(end)s; please choose a time in between.")
            % {
                "name": master.name,
                "start": time_format(master.work_start),
                "end": time_format(master.work_end),
            },
            "out_of_hours",
        )
    starts = slot_starts(
        day=day,
        work_start=master.work_start,
        work_end=master.work_end,
        slot_minutes=master.slot_minutes,
        tz=tz,
    )
    if start not in {slot.astimezone(UTC) for slot in starts}:
        _refuse(_("Please choose one of the offered times."), "misaligned")
    return start


def appointment_create(
    *, master: Master, day: date, start: datetime, client_name: str, client_email: str, language: str
) -> Appointment:
    """Book ``master`` from ``start`` on ``day`` for one slot and e-mail a confirmation in ``language``.

    ``day`` is the day the visitor chose (the page's ``?date=``); ``start`` must lie on it, in
    the master's working hours, on the slot grid, after now and within the booking horizon
    (``BOOKING_HORIZON_DAYS``). The master is locked first (:func:`master_transaction`), so two
    concurrent bookings of the same master serialise on PostgreSQL and SQLite; the overlap
    check then reads the database, never the cache. The busy-slot cache of that master and
    date is dropped after the commit by the invalidation registry (``codex_core.invalidation``,
    registered in ``features/booking/apps.py``).

    Raises:
        ValidationError: on ``start``, with the code ``inactive``, ``past``,
            ``beyond_horizon``, ``other_day``, ``out_of_hours``, ``misaligned``, ``taken`` or
            ``busy`` (SQLite's write lock stayed busy); or on the client fields.
        ValueError: ``start`` is naive (a programming error).
    """
    with ExitStack() as stack:
        try:
            master = stack.enter_context(master_transaction(master.pk))
        except Master.DoesNotExist:
            _refuse(_("This master does not take bookings."), "inactive")
        except MasterBusy:
            _refuse(_("Many bookings are arriving at once. Please try again in a moment."), "busy")
        start = _validate_start(master, day, start, timezone.now())
        end = start + timedelta(minutes=master.slot_minutes)
        taken = (
            Appointment.objects.filter(master=master, start__lt=end, end__gt=start)
            .exclude(status=Appointment.Status.CANCELLED)
            .exists()
        )
        if taken:
            _refuse(_("This time is already taken. Please choose another one."), "taken")
        appointment = Appointment(
            master=master, start=start, end=end, client_name=client_name, client_email=client_email
        )
        appointment.full_clean()
        appointment.save()
        transaction.on_commit(lambda: _send_confirmation(appointment, language), robust=True)
    return appointment


def _send_confirmation(appointment: Appointment, language: str) -> None:
    local = timezone.localtime(appointment.start, timezone.get_default_timezone())
    with translation.override(language):
        context = {
            "client_name": appointment.client_name,
            "master_name": appointment.master.name,
            "date": date_format(local, "DATE_FORMAT"),
            "time": time_format(local, "TIME_FORMAT"),
            "site_name": get_site_settings_manager().load_cached(SiteSettings).get("site_name", ""),
        }
    notification_send(
        key=CONFIRMATION_TEMPLATE, language=language, to=[appointment.client_email], context=context
    )
