"""The cache key of a request: its URL (validated host, path, allowed query), language, vary set."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest

from codex_core.controls import cleaned_querydict

#: Attribute of a view function that holds its :class:`PageOptions`.
OPTIONS_ATTR = "codex_page_cache_options"


@dataclass(frozen=True)
class PageOptions:
    """What a view opted into with :func:`codex_core.pagecache.page_cache`."""

    #: Query parameters that select a different page (``page``); any other parameter bypasses.
    query: tuple[str, ...] = ()
    #: Request headers whose value selects a different page.
    vary: tuple[str, ...] = ()


def cache_key(request: HttpRequest, options: PageOptions, language: str) -> str | None:
    """The request's cache key in ``language``; ``None`` when its query string is outside
    ``options.query`` (a parameter not listed, or one listed parameter given twice)."""
    params = []
    # No query string, no QueryDict to build (most hits). Otherwise the parameters as
    # ControlCharactersMiddleware cleans them for the view (which may run after the page
    # cache): a stray control character selects no page of its own.
    query = cleaned_querydict(request.GET) if request.META.get("QUERY_STRING") else None
    for name, values in query.lists() if query is not None else ():
        if name not in options.query or len(values) != 1:
            return None
        params.append(f"{name}={values[0]}")
    # get_host() is checked against ALLOWED_HOSTS: no key is built from an unvalidated host.
    parts = [
        f"{request.scheme}://{request.get_host()}{request.path}?{'&'.join(sorted(params))}",
        f"lang={language}",
        *(f"{name.lower()}={request.headers.get(name, '')}" for name in options.vary),
    ]
    return "\n".join(parts)
