"""Translated fields of the pages feature (django-modeltranslation)."""

from __future__ import annotations

from modeltranslation.translator import TranslationOptions, register

from features.pages.models import StaticPageSeo


@register(StaticPageSeo)
class StaticPageSeoTranslationOptions(TranslationOptions):
    fields = ("seo_title", "seo_description")
