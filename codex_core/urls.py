"""URL helpers shared by sitemaps, checks and templates: namespace-aware reversing and
canonical URLs on ``CANONICAL_DOMAIN``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.encoding import iri_to_uri

from codex_core.conf import get_config


def reverse_with_namespaces(
    name: str, *, namespaces: Iterable[str] | None = None, kwargs: dict[str, Any] | None = None
) -> str:
    """Reverse ``name`` directly, then as ``<namespace>:<name>`` for each namespace.

    ``namespaces`` defaults to ``SITEMAP_LOOKUP_NAMESPACES``. Raises ``NoReverseMatch``
    naming every candidate tried when none reverses.
    """
    tried = [name]
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        pass
    if namespaces is None:
        namespaces = get_config().sitemap_lookup_namespaces
    for namespace in namespaces:
        candidate = f"{namespace}:{name}"
        tried.append(candidate)
        try:
            return reverse(candidate, kwargs=kwargs)
        except NoReverseMatch:
            continue
    raise NoReverseMatch(f"None of {tried!r} reverses.")


def canonical_url(path: str) -> str:
    """Return ``path`` as an absolute URL on ``CANONICAL_DOMAIN`` (``CODEX_CANONICAL_SCHEME``).

    The path may be an IRI (``/ar/مقالات/``, as ``request.path`` or a hand-built
    ``get_absolute_url()`` gives it) or already a URI (as ``reverse()`` gives it): the result
    is a URI either way, non-ASCII characters UTF-8 percent-encoded once and existing ``%XX``
    escapes kept (Django's ``iri_to_uri``, RFC 3987 section 3.1).

    Under ``DEBUG`` without a canonical domain the path is returned as it is: a root-relative
    URL the browser resolves against the host it is on (system check ``codex_core.W001``).
    Raises ``ValueError`` when no canonical domain is configured in production (system check
    ``codex_core.E004``) or when ``path`` is not absolute.
    """
    config = get_config()
    if not path.startswith("/"):
        raise ValueError(f"canonical_url() needs an absolute path starting with '/', got {path!r}.")
    uri = iri_to_uri(path)
    if not config.canonical_domain:
        if settings.DEBUG:
            return uri
        raise ValueError("CANONICAL_DOMAIN is empty; set it to the public host name, e.g. 'example.com'.")
    return f"{config.canonical_scheme}://{config.canonical_domain}{uri}"
