"""The one accessor for every setting ``codex_core`` reads.

Settings keep the reference API's names. They are read inside functions, merged with
defaults once, and the cached result is dropped whenever a setting changes (tests use
``override_settings``). Validation lives in :mod:`codex_core.checks`, not here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

DEFAULTS: dict[str, Any] = {
    "PROJECT_NAME": "",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "CODEX_REDIS_ENABLED": True,
    "CODEX_REDIS_MODE": "standalone",
    "CODEX_REDIS_SENTINELS": (),
    "CODEX_REDIS_SENTINEL_SERVICE": "",
    "CODEX_REDIS_SOCKET_TIMEOUT": 0.5,
    "CODEX_REDIS_CONNECT_TIMEOUT": 0.5,
    "CODEX_REDIS_BREAKER_COOLDOWN": 5.0,
    "CODEX_STATIC_PAGE_SEO_MODEL": "",
    "CODEX_STATIC_PAGE_SEO_KEY_FIELD": "page_key",
    "CODEX_STATIC_PAGE_SEO_CACHE_TIMEOUT": 60 * 60 * 24,
    "CODEX_STATIC_PAGE_SEO_MISS_TIMEOUT": 60,
    "CODEX_SITE_SETTINGS_CACHE_TIMEOUT": 60 * 60,
    "CANONICAL_DOMAIN": "",
    "CODEX_CANONICAL_SCHEME": "https",
    "SITEMAP_LOOKUP_NAMESPACES": (),
    "SITEMAP_STATIC_PAGES": (),
    "SITEMAP_DEFAULT_LANGUAGE": "",
    "CODEX_PAGE_CACHE_ENABLED": False,
    "CODEX_PAGE_CACHE_TIMEOUT": 600,
    "CODEX_PAGE_CACHE_PURGE_HOOK": "",
    "CODEX_PAGE_CACHE_X_CACHE": False,
}


@dataclass(frozen=True)
class CodexConfig:
    """Resolved ``codex_core`` settings; build it with :func:`get_config`."""

    project_name: str
    redis_url: str
    redis_enabled: bool
    redis_mode: str
    redis_sentinels: tuple[tuple[str, int], ...]
    redis_sentinel_service: str
    redis_socket_timeout: float
    redis_connect_timeout: float
    redis_breaker_cooldown: float
    static_page_seo_model: str
    static_page_seo_key_field: str
    static_page_seo_cache_timeout: int
    static_page_seo_miss_timeout: int
    site_settings_cache_timeout: int
    canonical_domain: str
    canonical_scheme: str
    sitemap_lookup_namespaces: tuple[str, ...]
    sitemap_static_pages: tuple[str, ...]
    sitemap_default_language: str
    page_cache_enabled: bool
    page_cache_timeout: int
    page_cache_purge_hook: str
    page_cache_x_cache: bool


#: The values of ``CODEX_REDIS_MODE``.
REDIS_MODES = ("standalone", "sentinel", "cluster")


def parse_address(value: object) -> tuple[str, int] | None:
    """``"host:port"`` (``"[::1]:26379"`` for IPv6) as ``(host, port)``; ``None`` if malformed."""
    if not isinstance(value, str):
        return None
    host, sep, port = value.rpartition(":")
    host = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        return None
    return host, int(port)


def _read(name: str) -> Any:
    return getattr(settings, name, DEFAULTS[name])


@lru_cache(maxsize=1)
def get_config() -> CodexConfig:
    """Return the current ``codex_core`` settings, defaults applied.

    The result is cached; it is rebuilt after any ``setting_changed`` signal.
    """
    return CodexConfig(
        project_name=str(_read("PROJECT_NAME") or ""),
        redis_url=str(_read("REDIS_URL") or ""),
        redis_enabled=bool(_read("CODEX_REDIS_ENABLED")),
        redis_mode=str(_read("CODEX_REDIS_MODE") or "standalone"),
        redis_sentinels=tuple(
            address for address in map(parse_address, _read("CODEX_REDIS_SENTINELS") or ()) if address
        ),
        redis_sentinel_service=str(_read("CODEX_REDIS_SENTINEL_SERVICE") or ""),
        redis_socket_timeout=float(_read("CODEX_REDIS_SOCKET_TIMEOUT")),
        redis_connect_timeout=float(_read("CODEX_REDIS_CONNECT_TIMEOUT")),
        redis_breaker_cooldown=float(_read("CODEX_REDIS_BREAKER_COOLDOWN")),
        static_page_seo_model=str(_read("CODEX_STATIC_PAGE_SEO_MODEL") or ""),
        static_page_seo_key_field=str(_read("CODEX_STATIC_PAGE_SEO_KEY_FIELD") or "page_key"),
        static_page_seo_cache_timeout=int(_read("CODEX_STATIC_PAGE_SEO_CACHE_TIMEOUT")),
        static_page_seo_miss_timeout=int(_read("CODEX_STATIC_PAGE_SEO_MISS_TIMEOUT")),
        site_settings_cache_timeout=int(_read("CODEX_SITE_SETTINGS_CACHE_TIMEOUT")),
        canonical_domain=str(_read("CANONICAL_DOMAIN") or ""),
        canonical_scheme=str(_read("CODEX_CANONICAL_SCHEME") or "https"),
        sitemap_lookup_namespaces=tuple(_read("SITEMAP_LOOKUP_NAMESPACES") or ()),
        sitemap_static_pages=tuple(_read("SITEMAP_STATIC_PAGES") or ()),
        sitemap_default_language=str(_read("SITEMAP_DEFAULT_LANGUAGE") or ""),
        page_cache_enabled=bool(_read("CODEX_PAGE_CACHE_ENABLED")),
        page_cache_timeout=int(_read("CODEX_PAGE_CACHE_TIMEOUT")),
        page_cache_purge_hook=str(_read("CODEX_PAGE_CACHE_PURGE_HOOK") or ""),
        page_cache_x_cache=bool(_read("CODEX_PAGE_CACHE_X_CACHE")),
    )


@receiver(setting_changed)
def _clear_config(*, setting: str, **kwargs: Any) -> None:
    if setting in DEFAULTS:
        get_config.cache_clear()
