"""Admin for notification templates, with one tab per language."""

from __future__ import annotations

from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from features.notifications.models import NotificationTemplate


@admin.register(NotificationTemplate)
class NotificationTemplateAdmin(TabbedTranslationAdmin):
    list_display = ("key", "subject", "updated_at")
    search_fields = ("key", "subject")
    readonly_fields = ("updated_at",)
