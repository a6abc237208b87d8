"""The page cache's WSGI front: answer a cached page before Django's request handling runs.

A hit through :class:`~codex_core.pagecache.middleware.PageCacheMiddleware` still pays for
Django's handler: building the request, the ``request_started``/``request_finished`` signals,
the middleware chain and the response conversion; on a 2-core machine that is most of a hit.
:class:`PageCacheFront` wraps the WSGI application and, for a request the middleware would
look up, builds the same key (:func:`~codex_core.pagecache.lookup.page_lookup`, remembered
per request inputs by :mod:`~codex_core.pagecache.frontkeys`) and answers the stored page
itself. It serves only entries marked *complete*, stored by a middleware that
is first in ``MIDDLEWARE`` (so the stored headers are every header Django would send); every
other request (a miss, a disallowed host or too many query fields: Django answers 400, Redis
being unusable) goes to the wrapped application unchanged, where the middleware renders and
stores. Hits skip the request signals: they touch no database connection.

In ``wsgi.py``::

    from codex_core.pagecache.wsgi import get_wsgi_application

    application = get_wsgi_application()
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from codex_core.conf import get_config
from codex_core.pagecache.frontkeys import front_key
from codex_core.pagecache.store import get_page_cache_manager

Environ = dict[str, Any]
StartResponse = Callable[..., Any]
Application = Callable[[Environ, StartResponse], Iterable[bytes]]


class PageCacheFront:
    """A WSGI application that answers complete cached pages and hands the rest to ``application``."""

    def __init__(self, application: Application) -> None:
        self.application = application

    def __call__(self, environ: Environ, start_response: StartResponse) -> Iterable[bytes]:
        found = cached_page(environ)
        if found is None:
            return self.application(environ, start_response)
        status, headers, body = found
        start_response(status, headers)
        return [body]


def cached_page(environ: Environ) -> tuple[str, list[tuple[str, str]], bytes] | None:
    """Status line, headers and body of the complete cached page ``environ`` asks for, or ``None``."""
    if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
        return None
    config = get_config()
    if not config.page_cache_enabled:
        return None
    key = front_key(environ)
    if not key:
        return None
    entry = get_page_cache_manager().lookup(key)
    if entry is None or not entry.complete:
        return None
    return entry.reply(head=environ["REQUEST_METHOD"] == "HEAD", x_cache=config.page_cache_x_cache)


def get_wsgi_application() -> PageCacheFront:
    """Django's WSGI application (``django.setup()`` included) behind the page cache's front."""
    from django.core.wsgi import get_wsgi_application as django_application

    return PageCacheFront(django_application())
