"""Middleware that reads a request's cache entries in one Redis round trip.

A page typically reads its static-page SEO hash and the site settings hash. Placed after
``LocaleMiddleware`` (so the language is active), :class:`CodexPrefetchMiddleware` resolves
the URL name, prefetches both hashes with one pipeline and lets the managers serve the
request's reads from that memo (see :mod:`codex_core.redis.batch`).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase
from django.urls import Resolver404, resolve

from codex_core.i18n.languages import supported_language
from codex_core.redis.batch import prefetched
from codex_core.redis.managers.seo import current_language


class CodexPrefetchMiddleware:
    """Prefetch the SEO entry of the resolved page and the site settings for the request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        try:
            page_key: str | None = resolve(request.path_info).url_name
        except Resolver404:
            page_key = None
        # The selector's language: "en-us" under LANGUAGES ("en", …) reads the "en" entry.
        language = supported_language(current_language())
        with prefetched(seo_page_key=page_key, language=language, settings=True):
            return self.get_response(request)
