"""Whether a request is looked up in the page cache, and under which key.

One function for both doors: :class:`~codex_core.pagecache.middleware.PageCacheMiddleware`
and the WSGI front (:mod:`codex_core.pagecache.wsgi`) build the same key from the same
request, so a page the middleware stored is the page the front finds.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest

from codex_core.pagecache.keys import PageOptions, cache_key
from codex_core.pagecache.language import request_language
from codex_core.pagecache.policy import request_refusal
from codex_core.pagecache.routes import view_options


@dataclass(frozen=True)
class PageLookup:
    """``options`` is ``None`` when the view is not cached; ``key`` is ``""`` when the request
    bypasses the cache, for ``reason``."""

    options: PageOptions | None
    key: str = ""
    reason: str = ""


NOT_CACHED = PageLookup(None)


def page_lookup(request: HttpRequest) -> PageLookup:
    """The request's lookup; raises ``DisallowedHost`` (through ``get_host()``) for a host
    outside ``ALLOWED_HOSTS``, as Django's request handling does."""
    language = request_language(request)
    options = view_options(request.path_info, language)
    if options is None:
        return NOT_CACHED
    refusal = request_refusal(request)
    if refusal:
        return PageLookup(options, reason=refusal)
    key = cache_key(request, options, language)
    return PageLookup(options, key or "", "" if key else "query")
