"""Admin-edited e-mail templates, one per key, with subject and body per language."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from codex_core.invalidation import InvalidatingQuerySet


class NotificationTemplate(models.Model):
    """An e-mail template: ``subject`` and ``body`` are Django template strings.

    Both are translated (``subject_en``, ``subject_de``, … via modeltranslation) and
    rendered in plain-text mode by :mod:`features.notifications.rendering`.
    """

    key = models.SlugField(_("key"), max_length=100, unique=True)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("body"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    # Declared so django-stubs can type it; modeltranslation swaps in its multilingual manager.
    objects: ClassVar[models.Manager[NotificationTemplate]] = InvalidatingQuerySet.as_manager()

    class Meta:
        ordering = ["key"]
        verbose_name = _("notification template")
        verbose_name_plural = _("notification templates")

    def __str__(self) -> str:
        return self.key
