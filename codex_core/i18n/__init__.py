"""Locale discovery and language-switching helpers."""

from codex_core.i18n.discovery import discover_locale_paths

__all__ = ["discover_locale_paths"]
