"""Locale discovery, language normalisation and language-switching helpers."""

from codex_core.i18n.discovery import discover_locale_paths, translate_current_url
from codex_core.i18n.languages import default_language
from codex_core.i18n.urls import (
    alternate_links,
    current_canonical_url,
    set_current_object,
    set_current_page,
)

__all__ = [
    "alternate_links",
    "current_canonical_url",
    "default_language",
    "discover_locale_paths",
    "set_current_object",
    "set_current_page",
    "translate_current_url",
]
