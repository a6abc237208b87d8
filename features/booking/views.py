"""Thin views: list the masters; show one master's free slots and book one (PRG)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from codex_core.i18n import set_current_object
from codex_core.urls import canonical_url
from features.booking.forms import BookingForm, DayForm
from features.booking.models import Master
from features.booking.portraits import PORTRAIT_SIZES, portrait_image
from features.booking.selectors import free_slots_get, master_list_with_services
from features.booking.services import appointment_create
from features.booking.slots import is_dst_change
from features.pages.head import absolute_url


def master_list_view(request: HttpRequest) -> HttpResponse:
    """All active masters."""
    meta = {
        "title": _("Our masters"),
        "description": _("Meet our hairdressers, barber, nail artist and massage therapist; book online."),
        "type": "website",
    }
    return render(request, "booking/master_list.html", {"masters": master_list_with_services(), "meta": meta})


def master_meta(master: Master) -> dict[str, Any]:
    """The page-head contract of ``base.html`` for a master's profile page."""
    description = Truncator(" ".join(master.bio.split())).chars(160)
    portrait = portrait_image(master.slug)
    image = portrait.large if portrait else ""
    json_ld: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": master.name,
        "description": description,
        "url": canonical_url(master.get_absolute_url()),
    }
    if image:
        json_ld["image"] = absolute_url(image)
    return {
        "title": master.name,
        "description": description,
        "image": image,
        "image_width": PORTRAIT_SIZES[-1] if image else "",
        "image_height": PORTRAIT_SIZES[-1] if image else "",
        "image_alt": _("Illustrated portrait of %(name)s") % {"name": master.name} if image else "",
        "type": "profile",
        "json_ld": json_ld,
    }


def master_detail_view(request: HttpRequest, slug: str) -> HttpResponse:
    """A master's free slots of the chosen day; POST books one of them."""
    master = get_object_or_404(Master, slug=slug, is_active=True)
    set_current_object(request, master)
    today = timezone.localdate(timezone=timezone.get_default_timezone())
    day_form = DayForm(request.GET if "date" in request.GET else {"date": today.isoformat()})
    day: date | None = day_form.cleaned_data["date"] if day_form.is_valid() else None

    booking_form = BookingForm(request.POST if request.method == "POST" else None, day=day)
    if request.method == "POST" and day is not None and booking_form.is_valid():
        try:
            appointment = appointment_create(
                master=master,
                day=day,
                start=booking_form.cleaned_data["start"],
                client_name=booking_form.cleaned_data["client_name"],
                client_email=booking_form.cleaned_data["client_email"],
                language=get_language(),
            )
        except ValidationError as exc:
            booking_form.add_error(None, exc)
        else:
            local = timezone.localtime(appointment.start, timezone.get_default_timezone())
            messages.success(
                request,
                _("Your appointment on %(date)s at %(time)s is booked. A confirmation e-mail is on its way.")
                % {"date": date_format(local, "DATE_FORMAT"), "time": time_format(local, "TIME_FORMAT")},
            )
            return HttpResponseRedirect(f"{master.get_absolute_url()}?date={local.date().isoformat()}")

    context = {
        "master": master,
        "day_form": day_form,
        "day": day,
        "slots": free_slots_get(master, day) if day is not None else [],
        # On the 23- and 25-hour days the zone name tells the two 02:30 of an autumn night apart.
        "dst_change": day is not None and is_dst_change(day, timezone.get_default_timezone()),
        "booking_form": booking_form,
        "meta": master_meta(master),
    }
    return render(request, "booking/master_detail.html", context)
