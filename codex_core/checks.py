"""System checks for codex_core settings (ids ``codex_core.E001`` …, ``W001`` …, tag ``codex``).

The checks read the raw settings (with the defaults of :mod:`codex_core.conf`) rather than
:func:`codex_core.conf.get_config`, which coerces values and would itself fail on the very
misconfigurations reported here.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import redis
from django.apps import AppConfig, apps
from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.urls import NoReverseMatch

from codex_core.conf import DEFAULTS, REDIS_MODES, parse_address
from codex_core.i18n.languages import language_codes, supported_language
from codex_core.invalidation import InvalidatingQuerySet, registry
from codex_core.redis.client import parse_url
from codex_core.urls import reverse_with_namespaces

TAG = "codex"

#: Settings that must be positive numbers; the int ones are TTLs in whole seconds.
FLOAT_SETTINGS = ("CODEX_REDIS_SOCKET_TIMEOUT", "CODEX_REDIS_CONNECT_TIMEOUT", "CODEX_REDIS_BREAKER_COOLDOWN")
INT_SETTINGS = (
    "CODEX_STATIC_PAGE_SEO_CACHE_TIMEOUT",
    "CODEX_STATIC_PAGE_SEO_MISS_TIMEOUT",
    "CODEX_SITE_SETTINGS_CACHE_TIMEOUT",
    "CODEX_PAGE_CACHE_TIMEOUT",
)


#: What reads CODEX_STATIC_PAGE_SEO_MODEL on every request.
SEO_CONTEXT_PROCESSOR = "codex_core.context_processors.seo_settings"
PREFETCH_MIDDLEWARE = "codex_core.middleware.CodexPrefetchMiddleware"
CONTROLS_MIDDLEWARE = "codex_core.controls.ControlCharactersMiddleware"
DJANGO_TEMPLATES = "django.template.backends.django.DjangoTemplates"


def _setting(name: str) -> Any:
    return getattr(settings, name, DEFAULTS[name])


def _django_template_engines() -> list[dict[str, Any]]:
    return [engine for engine in settings.TEMPLATES if engine.get("BACKEND") == DJANGO_TEMPLATES]


def _seo_readers() -> list[str]:
    """The installed parts of codex_core that read the static-page SEO model."""
    processors = {
        str(name)
        for engine in _django_template_engines()
        for name in engine.get("OPTIONS", {}).get("context_processors", ())
    }
    readers = [SEO_CONTEXT_PROCESSOR] if SEO_CONTEXT_PROCESSOR in processors else []
    if PREFETCH_MIDDLEWARE in settings.MIDDLEWARE:
        readers.append(PREFETCH_MIDDLEWARE)
    return readers


def _renders_canonical_urls() -> bool:
    """Whether the codex_i18n tags (loadable in any Django template engine) or sitemaps can render URLs."""
    return bool(_django_template_engines()) or apps.is_installed("django.contrib.sitemaps")


@register(TAG)
def check_seo_model(app_configs: Sequence[AppConfig] | None = None, **kwargs: Any) -> list[CheckMessage]:
    """E001: the SEO model setting names an installed model (if set or read); E002: it has the key field."""
    path = _setting("CODEX_STATIC_PAGE_SEO_MODEL")
    hint = "Set CODEX_STATIC_PAGE_SEO_MODEL to 'app_label.ModelName' of an installed model."
    if not path:
        # Static-page SEO is optional: empty is an error only where something reads it.
        readers = _seo_readers()
        if not readers:
            return []
        verb = "reads" if len(readers) == 1 else "read"
        return [
            Error(
                f"CODEX_STATIC_PAGE_SEO_MODEL is empty, but {' and '.join(readers)} {verb} it.",
                hint="Set CODEX_STATIC_PAGE_SEO_MODEL to 'app_label.ModelName' of an installed model, "
                "or remove what reads it if the project has no static-page SEO.",
                id="codex_core.E001",
            )
        ]
    try:
        model = apps.get_model(str(path))
    except ValueError:
        message = f"CODEX_STATIC_PAGE_SEO_MODEL {path!r} is not of the form 'app_label.ModelName'."
        return [Error(message, hint=hint, id="codex_core.E001")]
    except LookupError:
        message = f"CODEX_STATIC_PAGE_SEO_MODEL {path!r} is not an installed model."
        return [Error(message, hint=hint, id="codex_core.E001")]
    field = str(_setting("CODEX_STATIC_PAGE_SEO_KEY_FIELD") or "page_key")
    try:
        model._meta.get_field(field)
    except FieldDoesNotExist:
        message = f"{model._meta.label} has no field {field!r} (CODEX_STATIC_PAGE_SEO_KEY_FIELD)."
        hint = "Set CODEX_STATIC_PAGE_SEO_KEY_FIELD to the field that holds the page's URL name."
        return [Error(message, hint=hint, id="codex_core.E002")]
    return []


@register(TAG, Tags.urls)
def check_sitemap_static_pages(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    """E003: every name in SITEMAP_STATIC_PAGES reverses (directly or in a lookup namespace)."""
    errors: list[CheckMessage] = []
    namespaces = tuple(_setting("SITEMAP_LOOKUP_NAMESPACES") or ())
    for name in _setting("SITEMAP_STATIC_PAGES") or ():
        try:
            reverse_with_namespaces(str(name), namespaces=namespaces)
        except NoReverseMatch:
            errors.append(
                Error(
                    f"SITEMAP_STATIC_PAGES entry {name!r} does not reverse.",
                    hint=f"Add a URL pattern named {name!r} or its namespace to SITEMAP_LOOKUP_NAMESPACES "
                    f"(now {list(namespaces)!r}).",
                    id="codex_core.E003",
                )
            )
    return errors


@register(TAG)
def check_canonical_url(app_configs: Sequence[AppConfig] | None = None, **kwargs: Any) -> list[CheckMessage]:
    """E004 (W001 under DEBUG): CANONICAL_DOMAIN is a bare host, set where URLs render; E008: http(s)."""
    errors: list[CheckMessage] = []
    domain = str(_setting("CANONICAL_DOMAIN") or "")
    hint = "Set CANONICAL_DOMAIN to the public host name, optionally with a port, e.g. 'example.com'."
    if not domain and _renders_canonical_urls():
        if settings.DEBUG:
            message = (
                "CANONICAL_DOMAIN is empty: under DEBUG, canonical and hreflang links are root-relative "
                "and sitemaps use the request's host."
            )
            errors.append(Warning(message, hint=hint, id="codex_core.W001"))
        else:
            message = "CANONICAL_DOMAIN is empty while DEBUG is False."
            errors.append(Error(message, hint=hint, id="codex_core.E004"))
    elif "://" in domain or "/" in domain:
        message = f"CANONICAL_DOMAIN {domain!r} must be a host name without a scheme or a path."
        errors.append(Error(message, hint=hint, id="codex_core.E004"))
    elif not domain.isascii():
        # A URI's host is ASCII: an internationalised name is written in its IDNA (punycode) form.
        message = f"CANONICAL_DOMAIN {domain!r} is not ASCII; URLs need the host's IDNA (punycode) form."
        errors.append(Error(message, hint=f"Set CANONICAL_DOMAIN = {_idna(domain)!r}.", id="codex_core.E004"))
    scheme = _setting("CODEX_CANONICAL_SCHEME") or "https"
    if scheme not in ("http", "https"):
        errors.append(
            Error(
                f"CODEX_CANONICAL_SCHEME {scheme!r} is not 'http' or 'https'.",
                hint="Use 'https' in production and 'http' only for local development.",
                id="codex_core.E008",
            )
        )
    return errors


@register(TAG)
def check_redis_url(app_configs: Sequence[AppConfig] | None = None, **kwargs: Any) -> list[CheckMessage]:
    """E005: REDIS_URL parses (without connecting) while CODEX_REDIS_ENABLED."""
    if not _setting("CODEX_REDIS_ENABLED"):
        return []
    url = _setting("REDIS_URL")
    try:
        redis.ConnectionPool.from_url(str(url or ""))
    except (ValueError, TypeError) as exc:
        return [
            Error(
                f"REDIS_URL {url!r} cannot be parsed: {exc}",
                hint="Use e.g. 'redis://127.0.0.1:6379/0', 'rediss://…' or 'unix:///path/to/redis.sock', "
                "or set CODEX_REDIS_ENABLED = False.",
                id="codex_core.E005",
            )
        ]
    return []


def _idna(domain: str) -> str:
    """``domain`` (``host`` or ``host:port``) with its host in IDNA form; a placeholder when it has none."""
    host, colon, port = domain.partition(":")
    try:
        return host.encode("idna").decode("ascii") + colon + port
    except UnicodeError:
        return "<the host name in punycode, e.g. 'xn--…'>"


def _redis_db(url: str) -> int:
    try:
        return int(parse_url(url).get("db", 0) or 0)
    except (ValueError, TypeError):
        return 0  # E005 reports an unparsable URL


@register(TAG)
def check_redis_mode(app_configs: Sequence[AppConfig] | None = None, **kwargs: Any) -> list[CheckMessage]:
    """E020: CODEX_REDIS_MODE is known; Sentinel names its sentinels and service; a cluster uses db 0."""
    if not _setting("CODEX_REDIS_ENABLED"):
        return []
    mode = _setting("CODEX_REDIS_MODE")
    if mode not in REDIS_MODES:
        return [
            Error(
                f"CODEX_REDIS_MODE {mode!r} is not one of {', '.join(map(repr, REDIS_MODES))}.",
                hint="Remove CODEX_REDIS_MODE for one Redis server, or set it to 'sentinel' or 'cluster'.",
                id="codex_core.E020",
            )
        ]
    if mode == "sentinel":
        return _sentinel_errors()
    url = str(_setting("REDIS_URL") or "")
    if mode == "cluster" and _redis_db(url) != 0:
        return [
            Error(
                f"REDIS_URL {url!r} selects database {_redis_db(url)}; a Redis Cluster has only database 0.",
                hint="End REDIS_URL with /0 (or no database) in cluster mode; it may name any node.",
                id="codex_core.E020",
            )
        ]
    return []


def _sentinel_errors() -> list[CheckMessage]:
    errors: list[CheckMessage] = []
    sentinels = _setting("CODEX_REDIS_SENTINELS")
    entries = list(sentinels) if isinstance(sentinels, list | tuple) else None
    bad = [] if entries is None else [entry for entry in entries if parse_address(entry) is None]
    if not entries or bad:
        what = f"has malformed entries {bad!r}" if bad else f"is {sentinels!r}"
        errors.append(
            Error(
                f"CODEX_REDIS_MODE is 'sentinel' but CODEX_REDIS_SENTINELS {what}.",
                hint="List every sentinel as 'host:port', e.g. ['10.0.0.1:26379', '10.0.0.2:26379'].",
                id="codex_core.E020",
            )
        )
    if not str(_setting("CODEX_REDIS_SENTINEL_SERVICE") or "").strip():
        errors.append(
            Error(
                "CODEX_REDIS_MODE is 'sentinel' but CODEX_REDIS_SENTINEL_SERVICE is empty.",
                hint="Set it to the name the sentinels monitor (the 'sentinel monitor <name> …' line).",
                id="codex_core.E020",
            )
        )
    return errors


@register(TAG)
def check_project_name(app_configs: Sequence[AppConfig] | None = None, **kwargs: Any) -> list[CheckMessage]:
    """E006: PROJECT_NAME, the Redis key namespace, is set."""
    if str(_setting("PROJECT_NAME") or "").strip():
        return []
    return [
        Error(
            "PROJECT_NAME is empty.",
            hint="Set PROJECT_NAME to a short identifier; it namespaces this project's Redis keys.",
            id="codex_core.E006",
        )
    ]


def _is_positive(value: object, *, whole: bool) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    if whole and not isinstance(value, int):
        return False
    return math.isfinite(value) and value > 0


@register(TAG)
def check_numeric_settings(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    """E007: timeouts and cool-downs are positive numbers (TTLs whole seconds)."""
    errors: list[CheckMessage] = []
    for names, whole, kind in ((FLOAT_SETTINGS, False, "number"), (INT_SETTINGS, True, "integer")):
        for name in names:
            value = _setting(name)
            if not _is_positive(value, whole=whole):
                errors.append(
                    Error(
                        f"{name} must be a positive {kind}, got {value!r}.",
                        hint=f"Remove {name} to use the default ({DEFAULTS[name]!r}).",
                        id="codex_core.E007",
                    )
                )
    return errors


@register(TAG, Tags.translation)
def check_languages(app_configs: Sequence[AppConfig] | None = None, **kwargs: Any) -> list[CheckMessage]:
    """E009: SITEMAP_DEFAULT_LANGUAGE is a code of LANGUAGES or a variant of one ("en-us" for "en").

    A LANGUAGE_CODE that matches no entry is Django's own ``translation.E004``.
    """
    value = str(_setting("SITEMAP_DEFAULT_LANGUAGE") or "")
    if not value or not settings.USE_I18N or supported_language(value) is not None:
        return []
    codes = ", ".join(language_codes())
    return [
        Error(
            f"SITEMAP_DEFAULT_LANGUAGE {value!r} matches no entry of LANGUAGES ({codes}).",
            hint=f"Use one of {codes}, or leave SITEMAP_DEFAULT_LANGUAGE empty to use LANGUAGE_CODE.",
            id="codex_core.E009",
        )
    ]


def _managers(model: type[models.Model]) -> list[models.Manager[Any]]:
    """The default manager and ``objects`` (when that is another one)."""
    candidates = (model._default_manager, getattr(model, "objects", None))
    return list({id(m): m for m in candidates if isinstance(m, models.Manager)}.values())


@register(TAG)
def check_invalidating_managers(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    """W010: the default and ``objects`` managers of a registered model use the registry's queryset."""
    labels = None if app_configs is None else {config.label for config in app_configs}
    warnings: list[CheckMessage] = []
    for model in registry.models():
        if labels is not None and model._meta.app_label not in labels:
            continue
        for manager in _managers(model):
            queryset = manager.get_queryset()
            if isinstance(queryset, InvalidatingQuerySet):
                continue
            warnings.append(
                Warning(
                    f"{model._meta.label}.{manager.name} returns a {type(queryset).__name__}, which does not "
                    "derive from InvalidatingQuerySet: its update(), bulk_update() and bulk_create() leave "
                    "the cache stale.",
                    hint="Build the manager from the invalidation registry's queryset: "
                    "objects = InvalidatingQuerySet.as_manager() (codex_core.invalidation), or from a "
                    "subclass such as SoftDeleteQuerySet.",
                    obj=model,
                    id="codex_core.W010",
                )
            )
    return warnings


@register(TAG, Tags.security)
def check_control_characters_middleware(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    """W011: ControlCharactersMiddleware is installed, so no form echoes a raw control character."""
    if CONTROLS_MIDDLEWARE in settings.MIDDLEWARE:
        return []
    return [
        Warning(
            f"{CONTROLS_MIDDLEWARE} is not in MIDDLEWARE: a form re-renders submitted control characters "
            'raw into value="…" (an HTML parse error), the admin login form included.',
            hint=f'Add "{CONTROLS_MIDDLEWARE}" to MIDDLEWARE before any middleware that reads '
            "request.GET or request.POST, or silence codex_core.W011 if you clean request data yourself.",
            id="codex_core.W011",
        )
    ]
