"""Admin for the settings singleton: one row, never added twice, never deleted; the tagline per language."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from features.site_settings.models import SiteSettings


@admin.register(SiteSettings)
# TranslationAdmin, not the tabbed one: that loads jQuery UI from a CDN, which the CSP blocks.
class SiteSettingsAdmin(TranslationAdmin):
    # Typed-in links without a scheme are https (Django 6.0's default, opted into now).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = (
        (None, {"fields": ("site_name", "tagline", "default_share_image", "maintenance_mode")}),
        (
            _("Contact details"),
            {
                "fields": (
                    "contact_email",
                    "phone",
                    "address",
                    "postal_code",
                    "locality",
                    "country",
                    "opening_hours",
                )
            },
        ),
        (_("Social"), {"fields": ("facebook_url", "instagram_url", "twitter_handle")}),
        (_("Integrations"), {"fields": ("api_key",), "classes": ("collapse",)}),
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) and not SiteSettings.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj: SiteSettings | None = None) -> bool:
        return False

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        """Skip the one-row list: go straight to the row (created on first visit)."""
        obj = SiteSettings.load()
        return HttpResponseRedirect(reverse("admin:site_settings_sitesettings_change", args=[obj.pk]))
