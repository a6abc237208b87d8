"""A full-page cache for anonymous pages, dropped by the tags of the data each page shows.

Install :class:`~codex_core.pagecache.middleware.PageCacheMiddleware` first in ``MIDDLEWARE``,
set ``CODEX_PAGE_CACHE_ENABLED = True``, optionally serve through the WSGI front
(:func:`codex_core.pagecache.wsgi.get_wsgi_application` in ``wsgi.py``: hits skip Django's
handler) and opt views in::

    from codex_core.pagecache import page_cache

    @page_cache(query=("page",))
    def article_list(request): ...

While a page renders, selectors and managers call :func:`add_tag` with the invalidation
targets they read (``add_tag("article", article.pk)``); the stored page carries those tags,
and the committed invalidation of a target (:mod:`codex_core.invalidation`) drops every page
carrying its tag. A kind of target becomes a page tag with :func:`register_page_tag_kind`
(the core kinds ``seo``, ``site_settings`` and ``busy`` are registered by the app).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, overload

from codex_core.pagecache.handlers import register_page_tag_kind
from codex_core.pagecache.keys import OPTIONS_ATTR, PageOptions
from codex_core.pagecache.middleware import PageCacheMiddleware
from codex_core.pagecache.tags import add_tag, collect_tags, tag_of

__all__ = [
    "PageCacheMiddleware",
    "PageOptions",
    "add_tag",
    "collect_tags",
    "page_cache",
    "register_page_tag_kind",
    "tag_of",
]

V = TypeVar("V", bound=Callable[..., Any])


@overload
def page_cache(view: V, /) -> V: ...
@overload
def page_cache(*, query: tuple[str, ...] = (), vary: tuple[str, ...] = ()) -> Callable[[V], V]: ...
def page_cache(
    view: V | None = None, /, *, query: tuple[str, ...] = (), vary: tuple[str, ...] = ()
) -> V | Callable[[V], V]:
    """Opt ``view`` into the page cache.

    ``query`` names the query parameters that select another page (any other parameter
    bypasses the cache: no key per arbitrary query string); ``vary`` names request headers
    whose value selects another page. Works on function views and on ``as_view()`` results.
    """
    options = PageOptions(query=tuple(query), vary=tuple(vary))

    def decorate(func: V) -> V:
        @wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            return func(*args, **kwargs)

        setattr(wrapper, OPTIONS_ATTR, options)
        return wrapper  # type: ignore[return-value]

    return decorate(view) if view is not None else decorate
