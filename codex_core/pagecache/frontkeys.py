"""The Redis key the WSGI front looks up for a request, remembered per request inputs.

Deriving a key (:func:`~codex_core.pagecache.lookup.page_lookup`: a request object, the
language, the route, the validated host, the query) is most of a hit's own work, yet it is a
pure function of a few environ entries, the settings and the URLconf. The front remembers
the answer per *fingerprint*, the tuple of those entries (:func:`inputs`), in a bounded
table cleared on every ``setting_changed``. A request that differs in any of them (another
host, cookie, ``Accept-Language``, query …) is derived again.

Only keys are remembered: a request that is not looked up (a view not cached, a session
cookie) or that Django refuses (a disallowed host, too many query fields) is derived each
time, as it goes to Django anyway. Also derived on every request: views with a ``vary`` set
(their key reads request headers the fingerprint does not hold), fingerprints longer than
:data:`FINGERPRINT_CHARS` (the table's memory stays bounded whatever clients send) and, under
``DEBUG`` with the debug toolbar installed, every request (whether the toolbar shows is the
project's own callback).
"""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.core.exceptions import BadRequest, SuspiciousOperation
from django.core.handlers.wsgi import WSGIRequest
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_urlconf

from codex_core.pagecache.lookup import page_lookup
from codex_core.pagecache.store import get_page_cache_manager

#: Fingerprints remembered per process (a flood of distinct requests only evicts older ones).
KEYS_REMEMBERED = 4096

#: Fingerprints longer than this (in characters) are not remembered.
FINGERPRINT_CHARS = 2048

#: The environ entries :func:`page_lookup` reads: method, path (``SCRIPT_URL`` and
#: ``REDIRECT_URL`` feed Django's script name), query, scheme, host and port (forwarded ones
#: included: the settings decide whether they count), cookies (session, messages, language)
#: and ``Accept-Language``.
INPUTS = (
    "REQUEST_METHOD",
    "PATH_INFO",
    "SCRIPT_NAME",
    "SCRIPT_URL",
    "REDIRECT_URL",
    "QUERY_STRING",
    "wsgi.url_scheme",
    "HTTP_HOST",
    "SERVER_NAME",
    "SERVER_PORT",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "HTTP_COOKIE",
    "HTTP_ACCEPT_LANGUAGE",
)

Fingerprint = tuple[Any, ...]
_remembered: dict[Fingerprint, str] = {}
_adding = threading.Lock()


def front_key(environ: dict[str, Any]) -> str:
    """The Redis key of the page to answer ``environ`` with; ``""`` when the request is not
    looked up (not a cached view, a bypass, a request Django refuses)."""
    names = inputs()
    if names is None:
        return _derive(environ)[0]
    fingerprint = (get_urlconf(), *map(environ.get, names))
    key = _remembered.get(fingerprint)
    if key is not None:
        return key
    key, rememberable = _derive(environ)
    if rememberable and sum(len(p) for p in fingerprint if isinstance(p, str)) <= FINGERPRINT_CHARS:
        _remember(fingerprint, key)
    return key


@lru_cache(maxsize=1)
def inputs() -> tuple[str, ...] | None:
    """The environ entries of a fingerprint under the current settings (the header of
    ``SECURE_PROXY_SSL_HEADER`` included); ``None`` when keys are not remembered."""
    if settings.DEBUG and "debug_toolbar.middleware.DebugToolbarMiddleware" in settings.MIDDLEWARE:
        return None
    proxy_ssl = getattr(settings, "SECURE_PROXY_SSL_HEADER", None)
    return INPUTS + ((str(proxy_ssl[0]),) if proxy_ssl else ())


def _derive(environ: dict[str, Any]) -> tuple[str, bool]:
    """The key (``""``: not looked up) and whether it may be remembered."""
    # A copy: WSGIRequest rewrites PATH_INFO and SCRIPT_NAME as text in the environ it is given,
    # which the wrapped application must still receive as WSGI's latin-1 strings.
    request = WSGIRequest(dict(environ))
    try:
        lookup = page_lookup(request)
    except (SuspiciousOperation, BadRequest):
        # A disallowed host, too many query fields …: Django answers them (400), with its
        # error handling and logging, which an exception escaping here would skip.
        return "", False
    if not lookup.key or lookup.options is None:
        return "", False
    return get_page_cache_manager().page_key(lookup.key), not lookup.options.vary


def _remember(fingerprint: Fingerprint, key: str) -> None:
    with _adding:
        if len(_remembered) >= KEYS_REMEMBERED:
            del _remembered[next(iter(_remembered))]
        _remembered[fingerprint] = key


def forget() -> None:
    """Forget every remembered key."""
    with _adding:
        _remembered.clear()
    inputs.cache_clear()


@receiver(setting_changed)
def _forget_on_change(**kwargs: Any) -> None:
    forget()
