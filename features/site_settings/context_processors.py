"""Expose the cached site settings to every template as ``site_settings``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language
from modeltranslation.utils import build_localized_fieldname

from codex_core.i18n.languages import supported_language
from codex_core.pagecache import add_tag
from codex_core.redis.managers.settings import SettingsProxy, get_site_settings_manager
from features.site_settings.models import SiteSettings

#: Fields stored once per language (``translation.py``); the cached hash holds every language.
TRANSLATED_FIELDS = ("tagline",)


def localized(data: Mapping[str, Any], language: str) -> dict[str, Any]:
    """``data`` with each translated field set to ``language``'s value (English when that is empty).

    The plain ``tagline`` column of the hash holds whichever language filled the cache; the
    per-language columns (``tagline_de``) do not depend on it.
    """
    result = dict(data)
    if not result:  # no settings row yet: nothing to localise
        return result
    for name in TRANSLATED_FIELDS:
        fallback = data.get(build_localized_fieldname(name, settings.MODELTRANSLATION_DEFAULT_LANGUAGE))
        result[name] = data.get(build_localized_fieldname(name, language)) or fallback or ""
    return result


def site_settings(request: HttpRequest) -> dict[str, Any]:
    """Return ``{"site_settings": SettingsProxy}`` read from Redis (database on a miss)."""
    add_tag("site_settings")
    data = get_site_settings_manager().load_cached(SiteSettings)
    language = supported_language(get_language() or settings.LANGUAGE_CODE) or settings.LANGUAGE_CODE
    return {"site_settings": SettingsProxy(localized(data, language))}
