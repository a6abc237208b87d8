"""Admin building blocks matching :mod:`codex_core.mixins.models`.

Compose a model admin from the constants::

    @admin.register(Article)
    class ArticleAdmin(admin.ModelAdmin):
        fieldsets = [(None, {"fields": ("title",)}), STATUS_FIELDSET, SEO_FIELDSET, TIMESTAMP_FIELDSET]
        readonly_fields = TIMESTAMP_READONLY_FIELDS
        list_filter = STATUS_LIST_FILTER

``SlugMixin`` models add ``prepopulated_fields = {"slug": ("title",)}`` with their own source field.
"""

from __future__ import annotations

from datetime import MAXYEAR, MINYEAR, UTC, datetime
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from codex_core.mixins.models import set_deleted

if TYPE_CHECKING:
    from django.contrib.admin.options import _FieldOpts
    from django.utils.functional import _StrOrPromise

_M = TypeVar("_M", bound=models.Model)

#: A ``ModelAdmin.fieldsets`` entry: ``(title, {"fields": (...), ...})``.
Fieldset: TypeAlias = "tuple[_StrOrPromise | None, _FieldOpts]"

TIMESTAMP_FIELDSET: Fieldset = (
    _("Timestamps"),
    {"fields": ("created_at", "updated_at"), "classes": ("collapse",)},
)
TIMESTAMP_READONLY_FIELDS: tuple[str, ...] = ("created_at", "updated_at")

STATUS_FIELDSET: Fieldset = (_("Status"), {"fields": ("is_active",)})
STATUS_LIST_FILTER: tuple[str, ...] = ("is_active",)

SEO_FIELDSET: Fieldset = (
    _("SEO Settings"),
    {"fields": ("seo_title", "seo_description", "seo_image"), "classes": ("collapse",)},
)

ORDERING_FIELDSET: Fieldset = (_("Ordering"), {"fields": ("order",)})

SOFT_DELETE_FIELDSET: Fieldset = (
    _("Archive / Deletion"),
    {"fields": ("is_deleted",), "classes": ("collapse",)},
)
SOFT_DELETE_LIST_FILTER: tuple[str, ...] = ("is_deleted",)

IDENTIFIERS_FIELDSET: Fieldset = (_("Identifiers"), {"fields": ("id",), "classes": ("collapse",)})
IDENTIFIERS_READONLY_FIELDS: tuple[str, ...] = ("id",)

URL_FIELDSET: Fieldset = (_("URL"), {"fields": ("slug",)})


class SoftDeleteAdminMixin(admin.ModelAdmin[_M]):
    """Model admin for a ``SoftDeleteMixin`` model: list filter and soft-delete/restore actions.

    The changelist uses the default manager, which keeps soft-deleted rows, so they can be
    filtered and restored. Subclasses that set their own ``actions`` should include
    ``"soft_delete_selected"`` and ``"restore_selected"``.
    """

    actions = ["soft_delete_selected", "restore_selected"]
    list_filter = SOFT_DELETE_LIST_FILTER

    @admin.action(description=_("Soft-delete selected %(verbose_name_plural)s"))
    def soft_delete_selected(self, request: HttpRequest, queryset: QuerySet[_M]) -> None:
        """Mark the selected rows deleted (they stay in the database); ``updated_at`` moves."""
        count = set_deleted(queryset, True)
        message = ngettext("%(count)d object soft-deleted.", "%(count)d objects soft-deleted.", count)
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Restore selected %(verbose_name_plural)s"))
    def restore_selected(self, request: HttpRequest, queryset: QuerySet[_M]) -> None:
        """Clear the deleted flag of the selected rows; ``updated_at`` moves."""
        count = set_deleted(queryset, False)
        message = ngettext("%(count)d object restored.", "%(count)d objects restored.", count)
        self.message_user(request, message % {"count": count}, messages.SUCCESS)


#: The dates an admin form accepts: one day inside Python's calendar on either side, so that
#: converting to UTC (to store) or to local time (to show) cannot overflow.
FIRST_REPRESENTABLE = datetime(MINYEAR + 1, 1, 1, tzinfo=UTC)
LAST_REPRESENTABLE = datetime(MAXYEAR - 1, 12, 31, 23, 59, 59, tzinfo=UTC)


class OutOfRangeDatesAdminMixin(admin.ModelAdmin[_M]):
    """Model admin that answers dates at the edge of the calendar clearly instead of with a 500.

    - The changelist: Django turns most bad lookups into ``?e=1``, but
      ``?<date_hierarchy>__year=9999`` (``year 10000 is out of range``), ``__year__gte=0`` or
      ``__month=99999999999`` raise ``ValueError``/``OverflowError`` while it is built (its count
      query runs in there too). They become ``?e=1`` as well.
    - The change form: a ``DateTimeField`` accepts ``0001-01-01 00:30``, which overflows when
      converted to UTC on save. Its form field gets Django's min/max validators (their messages
      are translated by Django).
    """

    def get_changelist_instance(self, request: HttpRequest) -> ChangeList:
        try:
            return super().get_changelist_instance(request)
        except (ValueError, OverflowError) as exc:
            raise IncorrectLookupParameters(exc) from exc

    def formfield_for_dbfield(
        self, db_field: models.Field[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> forms.Field | None:
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if isinstance(db_field, models.DateTimeField) and formfield is not None:
            formfield.validators += [
                MinValueValidator(FIRST_REPRESENTABLE),
                MaxValueValidator(LAST_REPRESENTABLE),
            ]
        return formfield
