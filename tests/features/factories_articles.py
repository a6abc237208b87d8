"""Plain factory functions for the pages and articles tests, plus the site they run on."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from typing import Any

from django.utils.text import slugify
from pytest_django.fixtures import Settings

from features.articles.models import Article
from features.pages.models import StaticPageSeo
from features.site_settings.models import SiteSettings

CANONICAL_DOMAIN = "example.com"
ORIGIN = f"https://{CANONICAL_DOMAIN}"
LANGUAGES = ("en", "de", "ru", "ar")
#: Arabic slugs are written in Arabic script, so every test URL of an article carries a real IRI.
ARABIC_SLUG_PREFIX = "مقال"

_sequence = itertools.count(1)


def use_test_site(settings: Settings) -> None:
    """A fixed canonical origin, and static files without ``collectstatic`` (no manifest, no STATIC_ROOT)."""
    settings.STATIC_ROOT = None
    settings.CANONICAL_DOMAIN = CANONICAL_DOMAIN
    settings.CODEX_CANONICAL_SCHEME = "https"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def make_site_settings(**overrides: Any) -> SiteSettings:
    """The settings singleton with every public field filled."""
    values: dict[str, Any] = {
        "site_name": "Codex Test",
        "tagline": "Tests that catch regressions",
        "contact_email": "hello@example.com",
        "phone": "+49 30 1234567",
        "address": "Musterstraße 1",
        "postal_code": "10115",
        "locality": "Berlin",
        "country": "DE",
        "opening_hours": "Mo-Fr 09:00-19:00\nSa 10:00-16:00",
        "facebook_url": "https://www.facebook.com/codextest",
        "instagram_url": "https://www.instagram.com/codextest",
        "twitter_handle": "@codextest",
        "default_share_image": "/static/img/share.png",
        "api_key": "secret-api-key-never-rendered",
        **overrides,
    }
    obj = SiteSettings(**values)
    obj.save()
    return obj


def make_article(title: str | None = None, **overrides: Any) -> Article:
    """A public article with distinct title, slug, summary and body in every language."""
    n = next(_sequence)
    title = title or f"Article {n}"
    base_slug = slugify(title) or f"article-{n}"
    values: dict[str, Any] = {
        "published_at": datetime(2025, 1, 1, tzinfo=UTC) + timedelta(days=n),
    }
    for language in LANGUAGES:
        suffix = "" if language == "en" else f" [{language}]"
        values[f"title_{language}"] = f"{title}{suffix}"
        values[f"slug_{language}"] = _slug(base_slug, language)
        values[f"summary_{language}"] = f"Summary of {title}{suffix}"
        values[f"body_{language}"] = f"Body of {title}{suffix}"
    values.update(overrides)
    article = Article(**values)
    article.full_clean()
    article.save()
    return article


def _slug(base_slug: str, language: str) -> str:
    """``base``, ``base-de``, ``base-ru``, ``مقال-base``: distinct per language, Arabic in Arabic script."""
    if language == "en":
        return base_slug
    return f"{ARABIC_SLUG_PREFIX}-{base_slug}" if language == "ar" else f"{base_slug}-{language}"


def make_page_seo(page_key: str, **overrides: Any) -> StaticPageSeo:
    """A static page's SEO row with a title and description in every language."""
    values: dict[str, Any] = {"page_key": page_key, "seo_image": ""}
    for language in LANGUAGES:
        values[f"seo_title_{language}"] = f"{page_key} title {language}"
        values[f"seo_description_{language}"] = f"{page_key} description {language}"
    values.update(overrides)
    page = StaticPageSeo(**values)
    page.full_clean()
    page.save()
    return page
