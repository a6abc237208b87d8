"""Language switching that follows per-language slugs, plus hreflang and canonical links.

Every URL here is rebuilt from what the request resolved to, never copied from the raw
request: a path such as ``//evil.example/en/about/`` does not resolve, so the page gets no
canonical or alternates and the switcher offers each language's home instead (Django's
:func:`~django.urls.translate_url` would split a host off that path and link to it).

Django's ``translate_url`` also re-reverses the current URL pattern with the same arguments,
so a detail page keeps its old slug in the other language. A view that shows an object
registers it with :func:`set_current_object`; the object's ``get_absolute_url()`` then decides
the URL in every language. A paginated view registers the page it shows with
:func:`set_current_page`.
"""

from __future__ import annotations

from typing import Protocol

from django.conf import settings
from django.http import HttpRequest
from django.urls import (
    LocalePrefixPattern,
    NoReverseMatch,
    Resolver404,
    ResolverMatch,
    get_resolver,
    get_script_prefix,
    get_urlconf,
    resolve,
    reverse,
)
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from codex_core.i18n.languages import active_language, default_language, language_codes, supported_language
from codex_core.urls import canonical_url

_CURRENT_OBJECT_ATTR = "_codex_current_object"
_CURRENT_PAGE_ATTR = "_codex_current_page"


class HasAbsoluteUrl(Protocol):
    """An object whose ``get_absolute_url()`` honours the active language."""

    def get_absolute_url(self) -> str: ...


def set_current_object(request: HttpRequest, obj: HasAbsoluteUrl) -> None:
    """Register ``obj`` as the object ``request`` shows, for language switching and hreflang.

    ``obj.get_absolute_url()`` is later called inside ``translation.override(lang)`` and
    must return the object's path in that language (e.g. with its per-language slug).
    """
    setattr(request, _CURRENT_OBJECT_ATTR, obj)


def set_current_page(request: HttpRequest, number: int, *, param: str = "page") -> None:
    """Register the page number ``request`` shows (``?page=last`` shows a real number).

    Canonical and alternate URLs carry ``?<param>=<number>`` when it is above 1, and the
    language switcher names the same page. Without it the ``param`` of the query string is
    left out of canonical and alternates: only the view knows which pages exist.
    Raises ``ValueError`` for a number below 1.
    """
    if number < 1:
        raise ValueError(f"set_current_page() needs a page number of 1 or more, got {number!r}.")
    setattr(request, _CURRENT_PAGE_ATTR, (param, number))


def translate_current_url(request: HttpRequest, lang_code: str, *, keep_query: bool = True) -> str:
    """Return the URL of the current page in ``lang_code``.

    Uses the object registered with :func:`set_current_object` when there is one, otherwise
    the route ``request`` resolves to, reversed in ``lang_code``. A path that does not resolve
    gives the home of ``lang_code`` (its language prefix). The query string is kept when
    ``keep_query`` is true, with the page registered by :func:`set_current_page`. Language
    variants are normalised (``"en-us"`` -> ``"en"``); raises ``ValueError`` for a code that
    matches nothing in ``settings.LANGUAGES``.
    """
    language = supported_language(lang_code)
    if language is None:
        allowed = ", ".join(language_codes())
        raise ValueError(f"Unknown language code {lang_code!r}; expected one of {allowed}.")
    path = _page_path(request, language)
    if path is None:
        return _language_root(language)
    query = _switcher_query(request) if keep_query else ""
    return f"{path}?{query}" if query else path


def alternate_links(request: HttpRequest) -> list[tuple[str, str]]:
    """Return ``(hreflang, absolute URL)`` for every language plus ``x-default``.

    URLs are :func:`~codex_core.urls.canonical_url` of each language's path; the query string
    is dropped except the page registered with :func:`set_current_page`. ``x-default`` points
    at ``SITEMAP_DEFAULT_LANGUAGE`` (or ``LANGUAGE_CODE``). Empty when the path does not
    resolve or under ``USE_I18N = False`` (one language, nothing to alternate with).
    """
    if not settings.USE_I18N:
        return []
    links: list[tuple[str, str]] = []
    for code in [*language_codes(), default_language()]:
        url = _canonical_in(request, code)
        if url is None:
            return []
        links.append((code, url))
    links[-1] = ("x-default", links[-1][1])
    return links


def current_canonical_url(request: HttpRequest) -> str:
    """The self-referencing canonical URL of the current page in its language; "" when it does not resolve."""
    return _canonical_in(request, active_language(request)) or ""


def _page_path(request: HttpRequest, language: str) -> str | None:
    """The current page's path in ``language``, or ``None`` when there is no such page on this site."""
    obj: HasAbsoluteUrl | None = getattr(request, _CURRENT_OBJECT_ATTR, None)
    if obj is not None:
        with translation.override(language):
            path = str(obj.get_absolute_url())
    else:
        match = _resolver_match(request)
        if match is None or not match.url_name:
            return None
        with translation.override(language):
            try:
                path = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
            except NoReverseMatch:
                return None
    return path if _is_local_path(path) else None


def _resolver_match(request: HttpRequest) -> ResolverMatch | None:
    if request.resolver_match is not None:
        return request.resolver_match
    # Rendered before URL resolution (a 404 of the resolver, a middleware): resolve in the
    # path's own language; a {% language %} block around the switcher may have changed it.
    path_language = translation.get_language_from_path(request.path_info)
    with translation.override(path_language or translation.get_language()):
        try:
            return resolve(request.path_info)
        except Resolver404:
            return None


def _is_local_path(path: str) -> bool:
    """A path on this host: starts with one ``/``, no scheme, no host, no ``/\\`` trick."""
    return (
        path.startswith("/")
        and not path.startswith(("//", "/\\"))
        and url_has_allowed_host_and_scheme(path, allowed_hosts=None)
    )


def _language_root(language: str) -> str:
    """The home of ``language``: the script prefix plus its ``i18n_patterns`` prefix, if any."""
    with translation.override(language):
        for pattern in get_resolver(get_urlconf()).url_patterns:
            if isinstance(pattern.pattern, LocalePrefixPattern):
                return f"{get_script_prefix()}{pattern.pattern.language_prefix}"
    return get_script_prefix()


def _switcher_query(request: HttpRequest) -> str:
    query = request.GET.copy()
    page: tuple[str, int] | None = getattr(request, _CURRENT_PAGE_ATTR, None)
    if page is not None:
        param, number = page
        if number > 1:
            query[param] = str(number)
        else:
            query.pop(param, None)
    return query.urlencode()


def _canonical_in(request: HttpRequest, language: str) -> str | None:
    path = _page_path(request, language)
    if path is None:
        return None
    url = canonical_url(path)
    page: tuple[str, int] | None = getattr(request, _CURRENT_PAGE_ATTR, None)
    if page is not None and page[1] > 1:
        return f"{url}?{urlencode({page[0]: page[1]})}"
    return url
