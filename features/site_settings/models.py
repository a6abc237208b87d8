"""The site-wide settings singleton (one row, ``pk=1``), cached as one Redis hash."""

from __future__ import annotations

from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from codex_core.invalidation import InvalidatingQuerySet
from features.site_settings.opening_hours import validate_opening_hours

SINGLETON_PK = 1


class SiteSettings(models.Model):
    """Contact details, social links and switches shown on every page.

    ``api_key`` is a secret: it is listed in :attr:`secret_fields`, left out of
    :meth:`to_dict` and therefore never reaches Redis or a template.
    """

    site_name = models.CharField(_("site name"), max_length=100, default="Codex Demo")
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True, help_text=_("Street and number."))
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    locality = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(
        _("country"), max_length=2, blank=True, help_text=_("Two-letter ISO 3166 code, e.g. DE.")
    )
    opening_hours = models.TextField(
        _("opening hours"),
        blank=True,
        validators=[validate_opening_hours],
        help_text=_("One rule a line, like Mo-Fr 09:00-19:00 or Sa 10:00-16:00."),
    )
    facebook_url = models.URLField(_("Facebook URL"), blank=True)
    instagram_url = models.URLField(_("Instagram URL"), blank=True)
    twitter_handle = models.CharField(_("Twitter handle"), max_length=50, blank=True)
    default_share_image = models.CharField(
        _("default share image"),
        max_length=255,
        blank=True,
        help_text=_("URL path of the image used when a page has none, e.g. /static/img/share.png"),
    )
    maintenance_mode = models.BooleanField(_("maintenance mode"), default=False)
    api_key = models.CharField(_("API key"), max_length=128, blank=True)

    objects: ClassVar[models.Manager[SiteSettings]] = InvalidatingQuerySet.as_manager()

    #: Fields that must never leave the database (cache, templates, JSON).
    secret_fields: ClassVar[tuple[str, ...]] = ("api_key",)

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")

    def __str__(self) -> str:
        return str(_("Site settings"))

    def save(self, *args: Any, **kwargs: Any) -> None:
        # A singleton: whatever the caller built, it is row 1.
        self.pk = SINGLETON_PK
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.pk is not None and self.pk != SINGLETON_PK:
            raise ValidationError(_("There is only one site settings row."))

    @classmethod
    def load(cls) -> SiteSettings:
        """Return the settings row, creating it with defaults on first use."""
        obj, _created = cls.objects.get_or_create(pk=SINGLETON_PK)
        return obj

    def to_dict(self) -> dict[str, Any]:
        """JSON-able values of every public field (secrets excluded), keyed by field name."""
        return {
            field.name: field.value_from_object(self)
            for field in self._meta.concrete_fields
            if field.name not in self.secret_fields and not field.primary_key
        }
