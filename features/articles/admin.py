"""Admin of the articles feature: translated fields, codex_core fieldsets, soft delete and restore."""

from __future__ import annotations

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from codex_core.mixins.admin import (
    IDENTIFIERS_FIELDSET,
    IDENTIFIERS_READONLY_FIELDS,
    ORDERING_FIELDSET,
    SEO_FIELDSET,
    SOFT_DELETE_FIELDSET,
    SOFT_DELETE_LIST_FILTER,
    STATUS_FIELDSET,
    STATUS_LIST_FILTER,
    TIMESTAMP_FIELDSET,
    TIMESTAMP_READONLY_FIELDS,
    URL_FIELDSET,
    OutOfRangeDatesAdminMixin,
    SoftDeleteAdminMixin,
)
from features.articles.models import Article


@admin.register(Article)
class ArticleAdmin(OutOfRangeDatesAdminMixin[Article], SoftDeleteAdminMixin[Article], TranslationAdmin):
    list_display = ("title", "published_at", "is_active", "is_deleted", "order", "updated_at")
    list_filter = (*STATUS_LIST_FILTER, *SOFT_DELETE_LIST_FILTER, "published_at")
    list_editable = ("order",)
    search_fields = ("title", "summary")
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = (*IDENTIFIERS_READONLY_FIELDS, *TIMESTAMP_READONLY_FIELDS)
    fieldsets = (
        (None, {"fields": ("title", "summary", "body", "published_at")}),
        URL_FIELDSET,
        STATUS_FIELDSET,
        ORDERING_FIELDSET,
        SEO_FIELDSET,
        SOFT_DELETE_FIELDSET,
        IDENTIFIERS_FIELDSET,
        TIMESTAMP_FIELDSET,
    )
