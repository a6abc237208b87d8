"""Language switching that follows per-language slugs, plus hreflang and canonical links.

Django's :func:`django.urls.translate_url` re-reverses the current URL pattern with the
same arguments, so a detail page keeps its old slug in the other language. A view that
shows an object registers it with :func:`set_current_object`; the object's
``get_absolute_url()`` then decides the URL in every language.
"""

from __future__ import annotations

from typing import Protocol

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils import translation

from codex_core.conf import get_config
from codex_core.urls import canonical_url

_CURRENT_OBJECT_ATTR = "_codex_current_object"


class HasAbsoluteUrl(Protocol):
    """An object whose ``get_absolute_url()`` honours the active language."""

    def get_absolute_url(self) -> str: ...


def set_current_object(request: HttpRequest, obj: HasAbsoluteUrl) -> None:
    """Register ``obj`` as the object ``request`` shows, for language switching and hreflang.

    ``obj.get_absolute_url()`` is later called inside ``translation.override(lang)`` and
    must return the object's URL in that language (e.g. with its per-language slug).
    """
    setattr(request, _CURRENT_OBJECT_ATTR, obj)


def translate_current_url(request: HttpRequest, lang_code: str, *, keep_query: bool = True) -> str:
    """Return the URL of the current page in ``lang_code``.

    Uses the object registered with :func:`set_current_object` when there is one,
    otherwise Django's ``translate_url`` on ``request.path``. The query string is kept
    when ``keep_query`` is true. Raises ``ValueError`` for a language code that is not
    in ``settings.LANGUAGES``.
    """
    allowed = [code for code, _name in settings.LANGUAGES]
    if lang_code not in allowed:
        raise ValueError(f"Unknown language code {lang_code!r}; expected one of {', '.join(allowed)}.")
    obj: HasAbsoluteUrl | None = getattr(request, _CURRENT_OBJECT_ATTR, None)
    if obj is not None:
        with translation.override(lang_code):
            path = obj.get_absolute_url()
    else:
        # translate_url resolves the path in the active language; a {% language %} block
        # around the switcher would otherwise make "/en/..." unresolvable under "de".
        path_language = translation.get_language_from_path(request.path_info)
        with translation.override(path_language or translation.get_language()):
            path = translate_url(request.path, lang_code)
    query = request.META.get("QUERY_STRING", "")
    if keep_query and query:
        return f"{path}?{query}"
    return path


def alternate_links(request: HttpRequest) -> list[tuple[str, str]]:
    """Return ``(hreflang, absolute URL)`` for every language plus ``x-default``.

    URLs are on ``CANONICAL_DOMAIN``; the query string is dropped except a ``page``
    number above 1, so each page of a paginated list has its own alternates.
    ``x-default`` points at ``SITEMAP_DEFAULT_LANGUAGE`` (or ``LANGUAGE_CODE``).
    """
    links = [(code, _canonical_in(request, code)) for code, _name in settings.LANGUAGES]
    links.append(("x-default", _canonical_in(request, default_language())))
    return links


def current_canonical_url(request: HttpRequest) -> str:
    """Return the self-referencing canonical URL of the current page in the current language."""
    language = getattr(request, "LANGUAGE_CODE", None) or translation.get_language() or settings.LANGUAGE_CODE
    return _canonical_in(request, language)


def default_language() -> str:
    """The language of ``x-default`` links: ``SITEMAP_DEFAULT_LANGUAGE`` or ``LANGUAGE_CODE``."""
    return get_config().sitemap_default_language or settings.LANGUAGE_CODE


def _canonical_in(request: HttpRequest, lang_code: str) -> str:
    url = canonical_url(translate_current_url(request, lang_code, keep_query=False))
    page = request.GET.get("page", "")
    if page.isascii() and page.isdigit() and int(page) > 1:
        return f"{url}?page={int(page)}"
    return url
