"""Admin of the pages feature: SEO metadata per static page (a field per language)."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from codex_core.mixins.admin import TIMESTAMP_FIELDSET, TIMESTAMP_READONLY_FIELDS
from features.pages.models import StaticPageSeo


@admin.register(StaticPageSeo)
class StaticPageSeoAdmin(TranslationAdmin):
    list_display = ("page_key", "seo_title", "updated_at")
    search_fields = ("page_key", "seo_title", "seo_description")
    readonly_fields = TIMESTAMP_READONLY_FIELDS
    fieldsets = (
        (None, {"fields": ("page_key",)}),
        (_("SEO"), {"fields": ("seo_title", "seo_description", "seo_image")}),
        TIMESTAMP_FIELDSET,
    )
