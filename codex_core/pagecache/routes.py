"""Which page cache options a path's view opted into, remembered per URLconf, language and path.

Every request through :class:`~codex_core.pagecache.middleware.PageCacheMiddleware` needs to
know whether its view is cached before the view runs (and before ``LocaleMiddleware``
activates the language, so the language is passed in); resolving the path again for each hit
costs more than the Redis read. The answer depends only on the URLconf, the active language
(``i18n_patterns`` and translated patterns match per language) and the path, so it is kept
in a bounded LRU, cleared when ``ROOT_URLCONF`` changes.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import Resolver404, get_urlconf, resolve
from django.utils import translation

from codex_core.pagecache.keys import OPTIONS_ATTR, PageOptions

#: Paths remembered per process (a flood of distinct paths only evicts older ones).
ROUTES_REMEMBERED = 4096


def view_options(path: str, language: str) -> PageOptions | None:
    """The options of the view ``path`` resolves to in the current URLconf and ``language``;
    ``None`` when the view is not cached or nothing matches."""
    return _options(get_urlconf(), language, path)


@lru_cache(maxsize=ROUTES_REMEMBERED)
def _options(urlconf: str | None, language: str, path: str) -> PageOptions | None:
    try:
        with translation.override(language):
            match = resolve(path, urlconf)
    except Resolver404:
        return None
    options = getattr(match.func, OPTIONS_ATTR, None)
    return options if isinstance(options, PageOptions) else None


@receiver(setting_changed)
def _forget_routes(*, setting: str, **kwargs: Any) -> None:
    if setting == "ROOT_URLCONF":
        _options.cache_clear()
