"""Models of the articles feature."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from codex_core.mixins.models import (
    ActiveMixin,
    OrderableMixin,
    SeoMixin,
    SlugMixin,
    SoftDeleteMixin,
    SoftDeleteQuerySet,
    TimestampMixin,
    UUIDMixin,
)
from features.articles.covers import validate_cover


class ArticleQuerySet(SoftDeleteQuerySet["Article"]):
    """Article queries shared by selectors, views and sitemaps."""

    def public(self) -> ArticleQuerySet:
        """Articles a visitor may see: active and not soft-deleted."""
        return self.alive().filter(is_active=True)


ArticleManager = models.Manager.from_queryset(ArticleQuerySet)


class Article(
    TimestampMixin,
    ActiveMixin,
    SeoMixin,
    OrderableMixin,
    SoftDeleteMixin,
    UUIDMixin,
    SlugMixin,
    models.Model,
):
    """A translated article. ``title``, ``summary``, ``body``, ``slug``, ``seo_title`` and
    ``seo_description`` exist once per language (see ``translation.py``); each language's
    slug is unique and required, so every language has its own URL."""

    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=500)
    body = models.TextField(_("body"))
    published_at = models.DateTimeField(_("published at"), default=timezone.now, db_index=True)
    cover = models.CharField(
        _("cover"),
        max_length=50,
        blank=True,
        validators=[validate_cover],
        help_text=_("Name of a cover image set under static/img/covers/, e.g. beard-care."),
    )
    cover_alt = models.CharField(_("cover description (alt text)"), max_length=200, blank=True)

    objects: ClassVar[ArticleManager[Article]] = ArticleManager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["order", "-published_at", "id"]
        # The lists, the home page and the sitemaps read articles in this order: with the index
        # the database walks it and stops at the page's LIMIT instead of sorting every row.
        indexes = [models.Index(fields=["order", "-published_at", "id"], name="article_list_order")]

    def __str__(self) -> str:
        return str(self.title)

    def get_absolute_url(self) -> str:
        """The detail URL in the active language, built from that language's slug."""
        return reverse("articles:detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        """Every language needs its own slug: the detail URL of a language is looked up by it."""
        super().clean()
        errors = {}
        for code, name in settings.LANGUAGES:
            field = build_localized_fieldname("slug", code)
            if not getattr(self, field, None):
                errors[field] = ValidationError(
                    _("Enter a slug for %(language)s.") % {"language": name}, code="required"
                )
        if errors:
            raise ValidationError(errors)
