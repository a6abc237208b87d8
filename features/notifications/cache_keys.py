"""Cache keys of rendered-template sources, shared by the selector and the invalidation."""

from __future__ import annotations

from django.conf import settings


def template_cache_key(key: str, language: str) -> str:
    """Key of one template's (subject, body) in one language."""
    return f"template:{key}:{language}"


def language_codes() -> list[str]:
    """Every configured language code."""
    return [code for code, _name in settings.LANGUAGES]
