"""Test-only models combining the codex_core mixins, and static-page SEO models."""

from __future__ import annotations

from typing import Any

from django.db import models

from codex_core.mixins.models import (
    ActiveMixin,
    OrderableMixin,
    SeoMixin,
    SlugMixin,
    SoftDeleteMixin,
    TimestampMixin,
    UUIDMixin,
)
from codex_core.seo.invalidation import SeoCacheQuerySet
from tests.core.support_models.gates import pass_gate


class Stamped(TimestampMixin, ActiveMixin, models.Model):
    name = models.CharField(max_length=50)

    def __str__(self) -> str:
        return self.name


class Entry(OrderableMixin, TimestampMixin, SeoMixin, SlugMixin, SoftDeleteMixin, models.Model):
    title = models.CharField(max_length=100)

    def __str__(self) -> str:
        return self.title


class Token(UUIDMixin, models.Model):
    label = models.CharField(max_length=50)

    def __str__(self) -> str:
        return self.label


class StaticSeo(models.Model):
    """Static-page SEO row; ``seo_title`` and ``seo_description`` are translated (translation.py)."""

    page_key = models.CharField(max_length=64, unique=True)
    seo_title = models.CharField(max_length=255, blank=True)
    seo_description = models.TextField(blank=True)
    robots = models.CharField(max_length=50, null=True, blank=True)  # noqa: DJ001  (None must flatten to "")
    priority = models.PositiveIntegerField(default=5)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL)

    objects = SeoCacheQuerySet.as_manager()

    def __str__(self) -> str:
        return self.page_key


class CustomSeo(models.Model):
    """SEO model keyed by ``code`` that flattens itself with ``to_seo_dict()``."""

    code = models.CharField(max_length=64, unique=True)
    headline = models.CharField(max_length=255)

    def __str__(self) -> str:
        return self.code

    def to_seo_dict(self) -> dict[str, Any]:
        pass_gate("CustomSeo.to_seo_dict")  # after the row was read, before it is cached
        return {"title": self.headline, "length": len(self.headline), "image": None}


class TypedSettings(models.Model):
    """A settings row with values JSON has no type for (the cache must give them back typed)."""

    site_name = models.CharField(max_length=50)
    opened = models.DateField()
    updated = models.DateTimeField()
    opens_at = models.TimeField()
    price = models.DecimalField(max_digits=8, decimal_places=2)
    uid = models.UUIDField()
    slot = models.DurationField(null=True, blank=True)

    def __str__(self) -> str:
        return self.site_name
