"""Reusable abstract Django model mixins.

Combine several mixins in a project model::

    from django.db import models
    from codex_core.mixins.models import ActiveMixin, SeoMixin, TimestampMixin

    class Article(TimestampMixin, ActiveMixin, SeoMixin, models.Model):
        title = models.CharField(max_length=200)

Every mixin declares an abstract ``Meta``. Django gives a concrete model the ``Meta`` of its
*first* base only, so a model that combines :class:`OrderableMixin` with other mixins must
either list it first or declare ``class Meta(OrderableMixin.Meta): ...`` to keep its ordering.
The matching admin fieldsets live in :mod:`codex_core.mixins.admin`.
"""

from __future__ import annotations

import uuid
from typing import Any, Self, TypeVar

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from codex_core.invalidation.queryset import InvalidatingQuerySet

_M = TypeVar("_M", bound=models.Model)


class TimestampMixin(models.Model):
    """Add creation and update timestamps.

    ``created_at`` is written once on insert, ``updated_at`` on every save.
    """

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class ActiveMixin(models.Model):
    """Add an indexed ``is_active`` flag for publication and visibility control.

    The row stays queryable; public listings, navigation and APIs filter on it.
    """

    is_active = models.BooleanField(_("active"), default=True, db_index=True)

    class Meta:
        abstract = True


class SeoMixin(models.Model):
    """Add per-object SEO overrides: title, description and an Open Graph image.

    ``seo_image`` holds an image URL or a storage path as text rather than an
    ``ImageField``: an ``ImageField`` needs Pillow (which ``codex_core`` does not depend on)
    and an upload pipeline, while an OG image is usually an existing static or CDN asset.
    """

    seo_title = models.CharField(_("SEO title"), max_length=255, blank=True)
    seo_description = models.TextField(_("SEO description"), blank=True)
    seo_image = models.CharField(
        _("SEO image"),
        max_length=500,
        blank=True,
        help_text=_("URL or static path of the image shown when the page is shared."),
    )

    class Meta:
        abstract = True


class OrderableMixin(models.Model):
    """Add an indexed ``order`` field for manual sorting; ``Meta.ordering = ["order"]``."""

    order = models.PositiveIntegerField(_("order"), default=0, db_index=True)

    class Meta:
        abstract = True
        ordering = ["order"]


def _auto_now_fields(model: type[models.Model]) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]


def set_deleted(queryset: models.QuerySet[Any], value: bool) -> int:
    """Set ``is_deleted`` on every row of ``queryset`` in one ``UPDATE``; return the count.

    ``auto_now`` timestamps (``updated_at``) are set too, as a ``save()`` would, so the
    sitemap's ``lastmod`` moves. Through an :class:`~codex_core.invalidation.InvalidatingQuerySet`
    (every :class:`SoftDeleteQuerySet` is one) the rows' cache targets are dropped on commit.
    """
    now = timezone.now()
    return queryset.update(is_deleted=value, **dict.fromkeys(_auto_now_fields(queryset.model), now))


class SoftDeleteQuerySet(InvalidatingQuerySet[_M]):
    """Queryset of a :class:`SoftDeleteMixin` model; bulk writes go through the invalidation registry."""

    def soft_delete(self) -> int:
        """Mark every row deleted (and touch ``updated_at``); return the number of rows."""
        return set_deleted(self, True)

    def restore(self) -> int:
        """Undo :meth:`soft_delete` for every row; return the number of rows."""
        return set_deleted(self, False)

    def alive(self) -> Self:
        """Rows that are not soft-deleted."""
        return self.filter(is_deleted=False)

    def deleted(self) -> Self:
        """Rows that are soft-deleted."""
        return self.filter(is_deleted=True)


class AliveManager(models.Manager[_M]):
    """Manager that hides soft-deleted rows (``alive_objects``)."""

    def get_queryset(self) -> SoftDeleteQuerySet[_M]:
        return SoftDeleteQuerySet(self.model, using=self._db).alive()


class SoftDeleteMixin(models.Model):
    """Add an ``is_deleted`` flag for reversible deletion.

    Managers: ``objects`` (the default manager) keeps *every* row, so the admin can list
    and restore deleted objects and related lookups never lose rows; it offers
    ``.alive()`` and ``.deleted()``. ``alive_objects`` excludes soft-deleted rows and is
    the one public views should use.
    """

    is_deleted = models.BooleanField(_("deleted"), default=False, db_index=True)

    objects = SoftDeleteQuerySet.as_manager()
    alive_objects = AliveManager()

    class Meta:
        abstract = True

    def soft_delete(self) -> None:
        """Mark the object as deleted and save it; the row stays in the database.

        Only the flag and the ``auto_now`` timestamps are saved, so unsaved edits are not
        written; the save sends the usual signals (and so invalidates a registered model).
        An instance not saved yet is inserted (with every field), flagged deleted.
        """
        self._save_deleted_flag(True)

    def restore(self) -> None:
        """Undo :meth:`soft_delete`."""
        self._save_deleted_flag(False)

    def _save_deleted_flag(self, value: bool) -> None:
        self.is_deleted = value
        if self._state.adding:
            # Not in the database yet: an update of two fields would find no row (or, without
            # a primary key, refuse to run). Insert it, flag included, as the reference does.
            self.save()
            return
        self.save(update_fields=["is_deleted", *_auto_now_fields(type(self))])


class UUIDMixin(models.Model):
    """Use a random UUID4 primary key instead of a sequential integer (no enumerable ids)."""

    id = models.UUIDField(_("ID"), primary_key=True, default=uuid.uuid4, editable=False)

    class Meta:
        abstract = True


class SlugMixin(models.Model):
    """Add a unique slug for URL routing.

    ``blank=True`` lets the admin (``prepopulated_fields``), a model hook or a service
    fill it in; the unique constraint still applies, so fill it before saving a second
    row. ``allow_unicode=True`` because the site is multilingual (German ``über-uns``, Cyrillic slugs);
    Django percent-encodes such slugs in reversed URLs.
    """

    slug = models.SlugField(_("slug"), max_length=255, unique=True, blank=True, allow_unicode=True)

    class Meta:
        abstract = True
