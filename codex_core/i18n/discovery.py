"""Helpers for discovering Django locale directories, and the reference's URL translator.

Resolve locale paths for a project root::

    from pathlib import Path
    from codex_core.i18n import discover_locale_paths

    LOCALE_PATHS = discover_locale_paths(Path(BASE_DIR))
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from django.http import HttpRequest

from codex_core.i18n.urls import translate_current_url as _translate

#: Top-level directories never scanned for an app's ``locale/``.
_NOT_APPS = frozenset({"locale", "features", "node_modules", "static", "media", "venv", "__pycache__"})


def discover_locale_paths(base_dir: Path | str, include_features: bool = True) -> list[str]:
    """Discover locale directories that should be added to ``LOCALE_PATHS``.

    Supports a centralised ``locale/<domain>/<lang>/LC_MESSAGES`` layout (each domain
    directory is a locale path of its own), a flat ``locale/<lang>/LC_MESSAGES`` layout,
    per-app ``<app>/locale`` directories at the top level of ``base_dir`` (hidden
    directories, ``venv``, ``node_modules``, ``static`` and ``media`` skipped) and
    per-feature ``features/<feature>/locale`` directories (unless ``include_features`` is
    false). A directory counts when it holds a ``<lang>/LC_MESSAGES`` subdirectory. Paths are
    absolute, sorted and de-duplicated.
    """
    base = Path(base_dir).resolve()
    found: list[Path] = []
    root = base / "locale"
    if root.is_dir():
        if _is_locale_dir(root):
            found.append(root)
        found.extend(d for d in sorted(root.iterdir()) if d.is_dir() and _is_locale_dir(d))
    if base.is_dir():
        found.extend(
            app / "locale"
            for app in sorted(base.iterdir())
            if app.is_dir()
            and not app.name.startswith(".")
            and app.name not in _NOT_APPS
            and _is_locale_dir(app / "locale")
        )
    if include_features:
        features = base / "features"
        if features.is_dir():
            found.extend(d / "locale" for d in sorted(features.iterdir()) if _is_locale_dir(d / "locale"))
    # resolve() folds symlinked duplicates (a feature's locale linked into locale/).
    return sorted({str(path.resolve()) for path in found})


def _is_locale_dir(path: Path) -> bool:
    """A locale dir holds ``<lang>/LC_MESSAGES`` subdirectories."""
    if not path.is_dir():
        return False
    return any((child / "LC_MESSAGES").is_dir() for child in path.iterdir() if child.is_dir())


def translate_current_url(
    context: Mapping[str, Any] | HttpRequest | Any, lang_code: str, *, keep_query: bool = True
) -> str:
    """The current page's URL in ``lang_code``; ``""`` when there is no request.

    ``context`` is a template context (a dict, or Django's ``Context``) holding ``request``,
    as in the reference, or the request itself. The URL is built as
    :func:`codex_core.i18n.urls.translate_current_url` builds it: from the resolved route or
    the object the view registered (per-language slugs), never from the raw path; the query string is kept
    unless ``keep_query`` is false. ``ValueError`` for a code that matches no ``LANGUAGES`` entry.
    """
    request = context if isinstance(context, HttpRequest) else context.get("request")
    if not isinstance(request, HttpRequest) or not request.path:
        return ""
    return _translate(request, lang_code, keep_query=keep_query)
