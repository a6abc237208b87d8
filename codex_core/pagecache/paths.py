"""Dotted paths of the page cache's middleware and of the middleware it is placed against."""

from __future__ import annotations

MIDDLEWARE = "codex_core.pagecache.PageCacheMiddleware"
MIDDLEWARE_PATHS = (MIDDLEWARE, "codex_core.pagecache.middleware.PageCacheMiddleware")
#: Middleware that may sit outside the page cache without adding to the pages it stores: the
#: debug toolbar's (the page cache bypasses every request the toolbar shows on).
OUTSIDE = ("debug_toolbar.middleware.DebugToolbarMiddleware",)
#: Middleware the page cache must precede: a hit skips them, a miss is stored after them.
BEFORE = (
    "codex_core.middleware.CodexPrefetchMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
)
