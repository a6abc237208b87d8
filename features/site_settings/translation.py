"""modeltranslation registration: the tagline exists per language."""

from __future__ import annotations

from modeltranslation.translator import TranslationOptions, register

from features.site_settings.models import SiteSettings


@register(SiteSettings)
class SiteSettingsTranslationOptions(TranslationOptions):
    fields = ("tagline",)
