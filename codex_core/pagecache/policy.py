"""Which requests may be answered from the page cache and which responses may be stored.

Only anonymous ``GET``/``HEAD`` requests without a session or messages cookie are looked up.
A rendered response is stored only if it is a plain 200 that sets no cookie, does not vary
on ``Cookie``, did not touch the session, holds no CSRF token, carries no messages and was
not rendered for a logged-in user, and the debug toolbar is not showing on it. Each function
returns the reason it refuses (shown in ``X-Cache`` and in the debug panel), or ``""``.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import has_vary_header

#: Cookie of :mod:`django.contrib.messages`' cookie storage (``CookieStorage.cookie_name``; no
#: setting changes it).
MESSAGES_COOKIE = "messages"


def request_refusal(request: HttpRequest) -> str:
    """Why ``request`` must bypass the page cache, or ``""``."""
    if request.method not in ("GET", "HEAD"):
        return "method"
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return "session cookie"
    if MESSAGES_COOKIE in request.COOKIES:
        return "messages cookie"
    if _toolbar_shows(request):
        return "debug toolbar"
    return ""


def response_refusal(request: HttpRequest, response: HttpResponseBase) -> str:
    """Why the rendered ``response`` must not be stored, or ``""``."""
    if response.status_code != 200:
        return "status"
    if response.streaming:
        return "streaming"
    user = request.__dict__.get("_cached_user")
    if user is not None and user.is_authenticated:
        return "logged in"
    storage = getattr(request, "_messages", None)
    if storage is not None and (
        getattr(storage, "_queued_messages", None) or getattr(storage, "used", False)
    ):
        return "messages"
    # get_token() (the {% csrf_token %} tag) sets this flag; CsrfViewMiddleware resets it to
    # False once it has set the cookie, so its presence is what tells a token was rendered.
    if "CSRF_COOKIE_NEEDS_UPDATE" in request.META:
        return "csrf token"
    session = getattr(request, "session", None)
    if session is not None and (getattr(session, "accessed", False) or getattr(session, "modified", False)):
        return "session used"
    if has_vary_header(response, "Cookie"):
        return "varies on cookie"
    if response.cookies:
        return "sets cookie"
    return ""


def _toolbar_shows(request: HttpRequest) -> bool:
    """Whether django-debug-toolbar will inject itself into this request's response."""
    if not settings.DEBUG or "debug_toolbar.middleware.DebugToolbarMiddleware" not in settings.MIDDLEWARE:
        return False
    from debug_toolbar.middleware import get_show_toolbar

    return bool(get_show_toolbar(async_mode=False)(request))
