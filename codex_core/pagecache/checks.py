"""System checks of the page cache (``codex_core.E011``, ``E012``, ``W012``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Error, Warning, register
from django.utils.module_loading import import_string

from codex_core.conf import DEFAULTS
from codex_core.pagecache.paths import BEFORE, MIDDLEWARE, MIDDLEWARE_PATHS

TAG = "codex"


def _setting(name: str) -> Any:
    return getattr(settings, name, DEFAULTS[name])


@register(TAG)
def check_page_cache(app_configs: Sequence[AppConfig] | None = None, **kwargs: Any) -> list[CheckMessage]:
    """E011: the purge hook imports as a callable; E012: the middleware's place; W012: enabled
    without the middleware."""
    errors: list[CheckMessage] = []
    hook = _setting("CODEX_PAGE_CACHE_PURGE_HOOK")
    if hook:
        try:
            ok = callable(import_string(str(hook)))
        except ImportError:
            ok = False
        if not ok:
            errors.append(
                Error(
                    f"CODEX_PAGE_CACHE_PURGE_HOOK {hook!r} does not import as a callable.",
                    hint="Set it to the dotted path of a function taking a list of tags, or to ''.",
                    id="codex_core.E011",
                )
            )
    middleware = list(settings.MIDDLEWARE)
    mine = [i for i, path in enumerate(middleware) if path in MIDDLEWARE_PATHS]
    if not mine:
        if _setting("CODEX_PAGE_CACHE_ENABLED"):
            errors.append(
                Warning(
                    "CODEX_PAGE_CACHE_ENABLED is on but the page cache middleware is not installed.",
                    hint=f"Add {MIDDLEWARE!r} first in MIDDLEWARE.",
                    id="codex_core.W012",
                )
            )
        return errors
    place = mine[0]
    wrong = [p for p in BEFORE if p in middleware and middleware.index(p) < place]
    if wrong:
        errors.append(
            Error(
                f"The page cache middleware is misplaced after {', '.join(wrong)}.",
                hint=f"Put {MIDDLEWARE!r} first in MIDDLEWARE (at least before {', '.join(BEFORE)}).",
                id="codex_core.E012",
            )
        )
    return errors
