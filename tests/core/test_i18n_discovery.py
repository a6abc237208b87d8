"""discover_locale_paths on real directory trees."""

from __future__ import annotations

from pathlib import Path

from codex_core.i18n import discover_locale_paths


def _lc(path: Path) -> None:
    (path / "LC_MESSAGES").mkdir(parents=True)


def test_centralised_flat_and_feature_layouts(tmp_path: Path) -> None:
    _lc(tmp_path / "locale" / "de")  # flat: locale/ itself is a locale path
    _lc(tmp_path / "locale" / "common" / "de")
    _lc(tmp_path / "locale" / "articles" / "ru")
    (tmp_path / "locale" / "empty").mkdir()  # no <lang>/LC_MESSAGES below: ignored
    (tmp_path / "locale" / "README").write_text("notes")
    _lc(tmp_path / "features" / "pages" / "locale" / "en")
    (tmp_path / "features" / "booking" / "locale").mkdir(parents=True)  # empty: ignored
    (tmp_path / "features" / "nolocale").mkdir()
    (tmp_path / "features" / "__init__.py").write_text("")

    base = str(tmp_path.resolve())
    assert discover_locale_paths(tmp_path) == [
        f"{base}/features/pages/locale",
        f"{base}/locale",
        f"{base}/locale/articles",
        f"{base}/locale/common",
    ]
    assert discover_locale_paths(tmp_path, include_features=False) == [
        f"{base}/locale",
        f"{base}/locale/articles",
        f"{base}/locale/common",
    ]


def test_paths_are_absolute_and_symlinked_duplicates_fold(tmp_path: Path, monkeypatch) -> None:
    _lc(tmp_path / "locale" / "pages" / "de")
    (tmp_path / "features" / "pages").mkdir(parents=True)
    (tmp_path / "features" / "pages" / "locale").symlink_to(tmp_path / "locale" / "pages")
    monkeypatch.chdir(tmp_path)
    assert discover_locale_paths(".") == [str((tmp_path / "locale" / "pages").resolve())]


def test_missing_directories_give_an_empty_list(tmp_path: Path) -> None:
    assert discover_locale_paths(tmp_path / "nowhere") == []
    (tmp_path / "locale").mkdir()
    (tmp_path / "features").mkdir()
    assert discover_locale_paths(tmp_path) == []
