"""Template tags for multilingual navigation: language switcher URLs, hreflang and canonical links.

Each tag is a one-line wrapper around :mod:`codex_core.i18n.urls`; all of them render
nothing when the context has no ``request``.
"""

from __future__ import annotations

from typing import Any

from django import template

from codex_core.i18n import urls
from codex_core.i18n.discovery import translate_current_url

register = template.Library()


@register.simple_tag(takes_context=True)
def translate_url(context: dict[str, Any], lang_code: str) -> str:
    """Translate the current request's URL into ``lang_code`` (query string kept); "" without a request."""
    return translate_current_url(context, lang_code)


@register.simple_tag(takes_context=True)
def alternate_links(context: dict[str, Any]) -> list[tuple[str, str]]:
    """``(hreflang, absolute URL)`` pairs for ``<link rel="alternate">``; [] without a request."""
    request = context.get("request")
    return urls.alternate_links(request) if request is not None else []


@register.simple_tag(takes_context=True)
def canonical_url(context: dict[str, Any]) -> str:
    """The absolute canonical URL of the current page; "" without a request."""
    request = context.get("request")
    return urls.current_canonical_url(request) if request is not None else ""
