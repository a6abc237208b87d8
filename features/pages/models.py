"""Models of the pages feature: per-page SEO metadata for the static pages."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from codex_core.mixins.models import SeoMixin, TimestampMixin
from codex_core.seo.invalidation import SeoCacheQuerySet


class PageKey(models.TextChoices):
    """The static pages of the site; each value is the page's URL name in the ``pages`` namespace."""

    HOME = "home", _("Home")
    ABOUT = "about", _("About")
    CONTACTS = "contacts", _("Contacts")


class StaticPageSeo(TimestampMixin, SeoMixin, models.Model):
    """SEO title, description and share image of one static page (``CODEX_STATIC_PAGE_SEO_MODEL``).

    ``seo_title`` and ``seo_description`` are translated (see ``translation.py``); the
    context processor ``codex_core.context_processors.seo_settings`` exposes the row of the
    current page as ``seo`` in every template.
    """

    page_key = models.CharField(_("page"), max_length=64, unique=True, choices=PageKey.choices)

    objects: ClassVar[models.Manager[StaticPageSeo]] = SeoCacheQuerySet.as_manager()

    class Meta:
        verbose_name = _("static page SEO")
        verbose_name_plural = _("static pages SEO")
        ordering = ["page_key"]

    def __str__(self) -> str:
        return self.get_page_key_display()
