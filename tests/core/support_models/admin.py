from django.contrib import admin

from codex_core.mixins.admin import (
    ORDERING_FIELDSET,
    SEO_FIELDSET,
    SOFT_DELETE_FIELDSET,
    TIMESTAMP_FIELDSET,
    TIMESTAMP_READONLY_FIELDS,
    URL_FIELDSET,
    SoftDeleteAdminMixin,
)
from tests.core.support_models.models import Entry


@admin.register(Entry)
class EntryAdmin(SoftDeleteAdminMixin[Entry]):
    fieldsets = (
        (None, {"fields": ("title",)}),
        URL_FIELDSET,
        ORDERING_FIELDSET,
        SEO_FIELDSET,
        SOFT_DELETE_FIELDSET,
        TIMESTAMP_FIELDSET,
    )
    readonly_fields = TIMESTAMP_READONLY_FIELDS
    prepopulated_fields = {"slug": ("title",)}
