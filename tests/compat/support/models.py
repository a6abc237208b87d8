"""Models written as the codex-django 0.7.0 docstrings write them, imports renamed."""

from __future__ import annotations

from typing import Any

from django.db import models

from codex_core.mixins import ActiveMixin, SeoMixin, SlugMixin, SoftDeleteMixin, TimestampMixin, UUIDMixin
from codex_core.mixins.models import OrderableMixin


class Article(TimestampMixin, ActiveMixin, SeoMixin, models.Model):
    """The ``codex_django.core.mixins.models`` module docstring's example."""

    title = models.CharField(max_length=200)

    def __str__(self) -> str:
        return str(self.title)


class Post(TimestampMixin, ActiveMixin, SlugMixin, models.Model):
    """The ``codex_django.core.mixins`` package docstring's example."""

    title = models.CharField(max_length=200)

    def __str__(self) -> str:
        return str(self.title)


class Note(OrderableMixin, SoftDeleteMixin, models.Model):
    text = models.CharField(max_length=50)

    class Meta(OrderableMixin.Meta):
        pass

    def __str__(self) -> str:
        return str(self.text)


class Ticket(SoftDeleteMixin, UUIDMixin, models.Model):
    text = models.CharField(max_length=50)

    def __str__(self) -> str:
        return str(self.text)


class StaticContent(models.Model):
    """What ``StaticContentManager.load_cached`` reads: ``key`` and ``content``."""

    key = models.CharField(max_length=100, unique=True)
    content = models.TextField()

    def __str__(self) -> str:
        return str(self.key)


class PageSeo(models.Model):
    """A static-page SEO model with ``to_dict()``, as the reference's selector serialises it."""

    page_key = models.CharField(max_length=100, unique=True)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    internal_note = models.CharField(max_length=100, blank=True)

    def __str__(self) -> str:
        return str(self.page_key)

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "description": self.description, "robots": None}


class SiteConfig(models.Model):
    """A site settings model with ``to_dict()``, as ``DjangoSiteSettingsManager`` expects."""

    phone = models.CharField(max_length=30, blank=True)
    is_open = models.BooleanField(default=True)
    opened_on = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return str(self.phone)

    def to_dict(self) -> dict[str, Any]:
        return {"phone": self.phone, "is_open": self.is_open, "opened_on": self.opened_on}
