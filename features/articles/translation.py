"""Translated fields of the articles feature (django-modeltranslation)."""

from __future__ import annotations

from modeltranslation.translator import TranslationOptions, register

from features.articles.models import Article


@register(Article)
class ArticleTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body", "slug", "seo_title", "seo_description", "cover_alt")
    # English is the fallback language, so its title, summary and body are required.
    required_languages = {"en": ("title", "summary", "body")}
    # Store a missing slug as NULL: each language's slug column is unique and many rows may lack one.
    empty_values = {"slug": None}
