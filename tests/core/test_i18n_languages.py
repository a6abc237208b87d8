"""Language codes normalised to their LANGUAGES entry, as Django's LocaleMiddleware does."""

from __future__ import annotations

import pytest
from django.test import RequestFactory, override_settings
from django.utils import translation

from codex_core.i18n.languages import (
    active_language,
    default_language,
    language_codes,
    site_language,
    supported_language,
)

REGIONAL = [("en", "English"), ("pt-br", "Português (Brasil)"), ("zh-hans", "简体中文")]


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en", "en"),
        ("EN", "en"),
        ("en-us", "en"),
        ("en-GB", "en"),
        ("pt", "pt-br"),
        ("pt-BR", "pt-br"),
        ("pt-pt", "pt-br"),
        ("zh-hans", "zh-hans"),
        ("zh-cn", "zh-hans"),
        ("fr", None),
        ("en:home", None),
        ("x" * 1000, None),
        ("", None),
        (None, None),
    ],
)
def test_supported_language(code: str | None, expected: str | None) -> None:
    with override_settings(LANGUAGES=REGIONAL):
        assert supported_language(code) == expected


def test_site_language_is_the_entry_of_language_code_or_the_first_one() -> None:
    with override_settings(LANGUAGES=REGIONAL, LANGUAGE_CODE="pt-BR"):
        assert language_codes() == ["en", "pt-br", "zh-hans"]
        assert site_language() == "pt-br"
    with override_settings(LANGUAGES=REGIONAL, LANGUAGE_CODE="fr"):  # Django's translation.E004
        assert site_language() == "en"
    with override_settings(LANGUAGES=[], LANGUAGE_CODE="fr"):
        assert site_language() == "fr"


@pytest.mark.parametrize(
    ("sitemap_default", "language_code", "expected"),
    [("", "en-us", "en"), ("pt", "en", "pt-br"), ("fr", "pt-BR", "pt-br"), ("", "fr", "en")],
)
def test_default_language(sitemap_default: str, language_code: str, expected: str) -> None:
    with override_settings(
        LANGUAGES=REGIONAL, LANGUAGE_CODE=language_code, SITEMAP_DEFAULT_LANGUAGE=sitemap_default
    ):
        assert default_language() == expected


def test_active_language_prefers_the_request_then_the_active_one(rf: RequestFactory) -> None:
    request = rf.get("/")
    with override_settings(LANGUAGES=REGIONAL, LANGUAGE_CODE="en-us"), translation.override("pt-br"):
        assert active_language() == "pt-br"
        request.LANGUAGE_CODE = "zh-cn"
        assert active_language(request) == "zh-hans"
        request.LANGUAGE_CODE = "fr"
        assert active_language(request) == "en"


def test_under_use_i18n_false_only_listed_codes_match() -> None:
    from django.utils.translation import _trans

    with override_settings(USE_I18N=False, LANGUAGES=REGIONAL, LANGUAGE_CODE="en-us"):
        _trans.__dict__.clear()
        try:
            assert [supported_language(c) for c in ("PT-BR", "pt", "en-us")] == ["pt-br", None, None]
            assert site_language() == "en"
        finally:
            _trans.__dict__.clear()
