"""Admin for notification templates, a subject and body field per language.

Side by side, not in tabs: modeltranslation's tabbed admin loads jQuery UI from a CDN, which
the site's CSP (``script-src 'self'``) blocks, breaking the form.
"""

from __future__ import annotations

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from features.notifications.models import NotificationTemplate


@admin.register(NotificationTemplate)
class NotificationTemplateAdmin(TranslationAdmin):
    list_display = ("key", "subject", "updated_at")
    search_fields = ("key", "subject")
    readonly_fields = ("updated_at",)
