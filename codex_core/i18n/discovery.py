"""Helpers for discovering Django locale directories."""

from __future__ import annotations

from pathlib import Path


def discover_locale_paths(base_dir: Path | str, include_features: bool = True) -> list[str]:
    """Discover locale directories that should be added to ``LOCALE_PATHS``.

    Supports a centralised ``locale/<domain>/<lang>/LC_MESSAGES`` layout (each domain
    directory is a locale path of its own), a flat ``locale/<lang>/LC_MESSAGES`` layout,
    and per-feature ``features/<feature>/locale`` directories (unless
    ``include_features`` is false). Paths are absolute, sorted and de-duplicated.
    """
    base = Path(base_dir).resolve()
    found: list[Path] = []
    root = base / "locale"
    if root.is_dir():
        if _is_locale_dir(root):
            found.append(root)
        found.extend(d for d in sorted(root.iterdir()) if d.is_dir() and _is_locale_dir(d))
    if include_features:
        features = base / "features"
        if features.is_dir():
            found.extend(
                d / "locale"
                for d in sorted(features.iterdir())
                if (d / "locale").is_dir() and _is_locale_dir(d / "locale")
            )
    # resolve() folds symlinked duplicates (a feature's locale linked into locale/).
    return sorted({str(path.resolve()) for path in found})


def _is_locale_dir(path: Path) -> bool:
    """A locale dir holds ``<lang>/LC_MESSAGES`` subdirectories."""
    return any((child / "LC_MESSAGES").is_dir() for child in path.iterdir() if child.is_dir())
