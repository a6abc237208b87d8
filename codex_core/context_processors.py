"""Context processors for cross-project core concerns."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import Resolver404, resolve

from codex_core.seo.selectors import get_static_page_seo


def seo_settings(request: HttpRequest) -> dict[str, Any]:
    """Expose the SEO metadata of the current page to templates as ``seo``.

    The page key is the URL name of the resolved route (``request.resolver_match``, or
    ``request.path_info`` resolved when a middleware or error handler rendered before URL
    resolution). ``seo`` is ``{}`` when the route does not resolve, has no name, or the page
    has no SEO row; see :func:`codex_core.seo.selectors.get_static_page_seo`.
    """
    match = request.resolver_match
    if match is None:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return {"seo": {}}
    if not match.url_name:
        return {"seo": {}}
    return {"seo": get_static_page_seo(match.url_name)}
