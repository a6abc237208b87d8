"""Book appointments: validate the slot under a row lock, save, confirm by e-mail."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import NoReturn

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _

from codex_core.redis.managers.settings import get_site_settings_manager
from features.booking.models import Appointment, Master
from features.booking.slots import slot_starts
from features.notifications.services import notification_send
from features.site_settings.models import SiteSettings

CONFIRMATION_TEMPLATE = "booking_confirmation"


def _refuse(message: str, code: str) -> NoReturn:
    """Reject the requested start; the code survives (a dict message drops ``code=``)."""
    raise ValidationError({"start": ValidationError(message, code=code)})


def _validate_start(master: Master, start: datetime, now: datetime) -> None:
    if timezone.is_naive(start):
        raise ValueError(f"start must be an aware datetime, got naive {start!r}")
    tz = timezone.get_default_timezone()
    local = timezone.localtime(start, tz)
    end = local + timedelta(minutes=master.slot_minutes)
    if not master.is_active:
        _refuse(_("This master does not take bookings."), "inactive")
    if start <= now:
        _refuse(_("This time is in the past."), "past")
    if local.time() < master.work_start or end.date() != local.date() or end.time() > master.work_end:
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
        day=local.date(),
        work_start=master.work_start,
        work_end=master.work_end,
        slot_minutes=master.slot_minutes,
        tz=tz,
    )
    if local not in starts:
        _refuse(_("Please choose one of the offered times."), "misaligned")


def appointment_create(
    *, master: Master, start: datetime, client_name: str, client_email: str, language: str
) -> Appointment:
    """Book ``master`` from ``start`` for one slot and e-mail a confirmation in ``language``.

    The master row is locked (``SELECT ... FOR UPDATE``) so two concurrent bookings of the
    same master serialise on PostgreSQL; the overlap check then reads the database, never
    the cache. The busy-slot cache of that master and date is dropped on commit (signals).

    Raises:
        ValidationError: the slot is in the past, outside working hours, not aligned to
            the slot grid, already taken, or the client data is invalid.
    """
    with transaction.atomic():
        master = Master.objects.select_for_update().get(pk=master.pk)
        _validate_start(master, start, timezone.now())
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
