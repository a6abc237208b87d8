"""What ``templates/base.html`` puts in the ``<head>`` of every page.

A view may pass ``meta`` (title, description, image with image_width, image_height and
image_alt, type, json_ld, published); static
pages rely on ``seo`` (their ``StaticPageSeo`` row); the site settings fill whatever is
still missing. Everything here returns plain data: the template escapes it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import to_locale

from codex_core.conf import get_config
from codex_core.i18n.languages import supported_language
from codex_core.urls import canonical_url
from features.pages.structured_data import postal_address

#: Open Graph wants language_TERRITORY; a bare language code is not a valid og:locale.
#: Arabic is "ar_AR" in Facebook's list of Open Graph locales (no single territory).
OG_LOCALES = {"en": "en_US", "de": "de_DE", "ru": "ru_RU", "ar": "ar_AR"}

#: Characters that could end a ``<script>`` element or start an entity, as JSON escapes.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@dataclass(frozen=True)
class PageHead:
    """Resolved head data of one page."""

    title: str
    description: str
    image: str
    type: str
    locale: str
    alternate_locales: list[str]
    site_name: str
    twitter_site: str
    published: str
    image_width: str = ""
    image_height: str = ""
    image_alt: str = ""
    json_ld: list[dict[str, Any]] = field(default_factory=list)


def og_locale(language: str) -> str:
    """The Open Graph locale of a Django language code (``"de"`` -> ``"de_DE"``)."""
    return OG_LOCALES.get(language) or to_locale(language)


def absolute_url(url: str) -> str:
    """``url`` as an absolute URL: paths are placed on ``CANONICAL_DOMAIN``; ``""`` stays ``""``."""
    if not url or url.startswith(("http://", "https://")):
        return url
    if url.startswith("//"):
        return f"{get_config().canonical_scheme}:{url}"
    return canonical_url(url if url.startswith("/") else f"/{url}")


def json_ld(value: Mapping[str, Any]) -> SafeString:
    """Serialise ``value`` for a ``<script type="application/ld+json">`` element.

    ``<``, ``>`` and ``&`` become JSON escapes, so no string inside can close the element.
    """
    text = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=True)
    return mark_safe(text.translate(_JSON_SCRIPT_ESCAPES))  # noqa: S308 - escaped above


def organization_json_ld(site: Mapping[str, Any]) -> dict[str, Any]:
    """schema.org ``Organization`` of the site, from the site settings; empty values are left out."""
    handle = twitter_handle(site)
    same_as = [
        url
        for url in (
            str(site.get("facebook_url") or ""),
            str(site.get("instagram_url") or ""),
            f"https://twitter.com/{handle[1:]}" if handle else "",
        )
        if url
    ]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": str(site.get("site_name") or ""),
        "url": canonical_url("/"),
        "email": str(site.get("contact_email") or ""),
        "telephone": str(site.get("phone") or ""),
        "address": postal_address(site),
        "sameAs": same_as,
    }
    return {key: value for key, value in data.items() if value}


def twitter_handle(site: Mapping[str, Any]) -> str:
    """The site's Twitter handle with exactly one leading ``@``, or ``""``."""
    handle = str(site.get("twitter_handle") or "").strip().lstrip("@")
    return f"@{handle}" if handle else ""


def build_head(
    *,
    meta: Mapping[str, Any] | None,
    seo: Mapping[str, Any] | None,
    site: Mapping[str, Any],
    language: str,
) -> PageHead:
    """Resolve the head of a page: ``meta`` first, then ``seo``, then the site settings.

    ``language`` may be a variant of a ``LANGUAGES`` entry (``"en-us"``); the head uses the entry.
    """
    language = supported_language(language) or language
    meta = meta or {}
    seo = seo or {}
    site_name = str(site.get("site_name") or "")
    title = str(meta.get("title") or seo.get("seo_title") or site_name)
    description = str(meta.get("description") or seo.get("seo_description") or site.get("tagline") or "")
    image = str(meta.get("image") or seo.get("seo_image") or site.get("default_share_image") or "")
    # Width, height and alt describe the view's own image only, not a fallback.
    own_image = bool(meta.get("image"))
    extra_ld = meta.get("json_ld")
    return PageHead(
        title=title,
        description=description,
        image=absolute_url(image),
        type=str(meta.get("type") or "website"),
        locale=og_locale(language),
        alternate_locales=[og_locale(code) for code, _name in settings.LANGUAGES if code != language],
        site_name=site_name,
        twitter_site=twitter_handle(site),
        published=str(meta.get("published") or ""),
        image_width=str(meta.get("image_width") or "") if own_image else "",
        image_height=str(meta.get("image_height") or "") if own_image else "",
        image_alt=str(meta.get("image_alt") or "") if own_image else "",
        json_ld=[organization_json_ld(site), *([extra_ld] if extra_ld else [])],
    )
