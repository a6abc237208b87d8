"""A :class:`SiteSpec` from the running project's settings (languages, x-default, canonical origin)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from django.utils.translation import get_language_info

from codex_core.conf import get_config
from codex_core.i18n.languages import default_language, language_codes
from codex_core.testing.crawler import SiteSpec
from codex_core.testing.fetch import Origins


def canonical_origin(base_url: str, canonical_host: str | None = None, scheme: str | None = None) -> str:
    """``scheme://host`` of canonical URLs: the arguments, else the settings, else the base URL's own."""
    config = get_config()
    host = canonical_host or config.canonical_domain or urlsplit(base_url).netloc
    chosen = scheme or (config.canonical_scheme if (canonical_host or config.canonical_domain) else None)
    return f"{chosen or urlsplit(base_url).scheme}://{host}".lower()


def site_spec(
    base_url: str,
    *,
    canonical_host: str | None = None,
    scheme: str | None = None,
    lastmod: Callable[[str], str | None] | None = None,
    ld_types: Callable[[str], Iterable[str]] | None = None,
) -> SiteSpec:
    """What the project declares about itself, crawled through ``base_url``."""
    codes = tuple(language_codes())
    rtl = frozenset(code.split("-")[0].lower() for code in codes if _bidi(code))
    parts = urlsplit(base_url)
    return SiteSpec(
        origins=Origins(
            canonical_origin(base_url, canonical_host, scheme), f"{parts.scheme}://{parts.netloc}".lower()
        ),
        languages=codes,
        default_language=default_language(),
        rtl_languages=rtl,
        lastmod=lastmod,
        ld_types=ld_types,
    )


def _bidi(code: str) -> bool:
    try:
        return bool(get_language_info(code)["bidi"])
    except KeyError:
        return False
