"""Admin for masters (translated bio, their services inline, order editable in the list) and appointments.

The translated fields are side by side, not in tabs: modeltranslation's tabbed admin loads
jQuery UI from a CDN, which the site's CSP (``script-src 'self'``) blocks, breaking the form.
"""

from __future__ import annotations

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from codex_core.mixins.admin import OutOfRangeDatesAdminMixin
from features.booking.models import Appointment, Master, Service


class ServiceInline(TranslationTabularInline):
    model = Service
    extra = 0
    fields = ("name", "price", "minutes", "order")


@admin.register(Master)
class MasterAdmin(TranslationAdmin):
    inlines = (ServiceInline,)
    list_display = ("name", "slug", "work_start", "work_end", "slot_minutes", "is_active", "order")
    list_editable = ("order",)
    list_filter = ("is_active",)
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("created_at", "updated_at")


@admin.register(Appointment)
class AppointmentAdmin(OutOfRangeDatesAdminMixin[Appointment]):
    list_display = ("start", "master", "client_name", "client_email", "status", "created_at")
    list_filter = ("status", "master")
    list_select_related = ("master",)
    search_fields = ("client_name", "client_email")
    date_hierarchy = "start"
    readonly_fields = ("created_at",)
