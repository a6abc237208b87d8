"""Admin for masters (translated bio, order editable in the list) and appointments."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.http import HttpRequest
from modeltranslation.admin import TabbedTranslationAdmin

from features.booking.models import Appointment, Master


@admin.register(Master)
class MasterAdmin(TabbedTranslationAdmin):
    list_display = ("name", "slug", "work_start", "work_end", "slot_minutes", "is_active", "order")
    list_editable = ("order",)
    list_filter = ("is_active",)
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("created_at", "updated_at")


class OutOfRangeLookupsMixin:
    """Out-of-range dates in the changelist's query string are bad lookups, not server errors.

    Django turns most bad lookups into ``?e=1``, but not the dates of ``date_hierarchy`` at the
    edge of the calendar: ``?start__year=9999`` (``year 10000 is out of range``),
    ``?start__year__gte=0`` and ``?start__month=99999999999`` raise ``ValueError`` or
    ``OverflowError`` while the changelist is built (the count query runs in there too).
    """

    def get_changelist_instance(self, request: HttpRequest) -> ChangeList:
        try:
            return super().get_changelist_instance(request)  # type: ignore[misc]
        except (ValueError, OverflowError) as exc:
            raise IncorrectLookupParameters(exc) from exc


@admin.register(Appointment)
class AppointmentAdmin(OutOfRangeLookupsMixin, admin.ModelAdmin):
    list_display = ("start", "master", "client_name", "client_email", "status", "created_at")
    list_filter = ("status", "master")
    list_select_related = ("master",)
    search_fields = ("client_name", "client_email")
    date_hierarchy = "start"
    readonly_fields = ("created_at",)
