"""codex_core system checks: each id fires with its exact message, demo settings are clean."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.checks import Error, Tags, Warning, run_checks
from django.test import override_settings

from codex_core import checks

SEO_HINT = "Set CODEX_STATIC_PAGE_SEO_MODEL to 'app_label.ModelName' of an installed model."
DOMAIN_HINT = "Set CANONICAL_DOMAIN to the public host name, optionally with a port, e.g. 'example.com'."
REDIS_HINT = (
    "Use e.g. 'redis://127.0.0.1:6379/0', 'rediss://…' or 'unix:///path/to/redis.sock', "
    "or set CODEX_REDIS_ENABLED = False."
)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("StaticSeo", "CODEX_STATIC_PAGE_SEO_MODEL 'StaticSeo' is not of the form 'app_label.ModelName'."),
        (
            "codex_test_models.Nope",
            "CODEX_STATIC_PAGE_SEO_MODEL 'codex_test_models.Nope' is not an installed model.",
        ),
        ("nope.StaticSeo", "CODEX_STATIC_PAGE_SEO_MODEL 'nope.StaticSeo' is not an installed model."),
    ],
)
def test_e001_seo_model(value: str, message: str) -> None:
    with override_settings(CODEX_STATIC_PAGE_SEO_MODEL=value):
        assert checks.check_seo_model() == [Error(message, hint=SEO_HINT, id="codex_core.E001")]


SEO_READERS = "codex_core.context_processors.seo_settings and codex_core.middleware.CodexPrefetchMiddleware"


def without_seo_readers(**extra: object) -> override_settings:
    """The demo's settings without the SEO context processor and the prefetch middleware."""
    templates = [
        {
            **engine,
            "OPTIONS": {
                **engine["OPTIONS"],
                "context_processors": [
                    cp
                    for cp in engine["OPTIONS"]["context_processors"]
                    if cp != "codex_core.context_processors.seo_settings"
                ],
            },
        }
        for engine in settings.TEMPLATES
    ]
    middleware = [m for m in settings.MIDDLEWARE if m != "codex_core.middleware.CodexPrefetchMiddleware"]
    return override_settings(TEMPLATES=templates, MIDDLEWARE=middleware, **extra)


def test_e001_empty_seo_model_when_something_reads_it() -> None:
    with override_settings(CODEX_STATIC_PAGE_SEO_MODEL=""):
        assert checks.check_seo_model() == [
            Error(
                f"CODEX_STATIC_PAGE_SEO_MODEL is empty, but {SEO_READERS} read it.",
                hint="Set CODEX_STATIC_PAGE_SEO_MODEL to 'app_label.ModelName' of an installed model, "
                "or remove what reads it if the project has no static-page SEO.",
                id="codex_core.E001",
            )
        ]
    middleware = [m for m in settings.MIDDLEWARE if m != "codex_core.middleware.CodexPrefetchMiddleware"]
    with override_settings(CODEX_STATIC_PAGE_SEO_MODEL="", MIDDLEWARE=middleware):
        assert [e.msg for e in checks.check_seo_model()] == [
            "CODEX_STATIC_PAGE_SEO_MODEL is empty, but codex_core.context_processors.seo_settings reads it."
        ]


def test_static_page_seo_is_optional_without_its_readers() -> None:
    # A project that uses codex_core without static-page SEO failed `check` with E001.
    with without_seo_readers(CODEX_STATIC_PAGE_SEO_MODEL=""):
        assert checks.check_seo_model() == []
        assert run_checks(tags=[checks.TAG]) == []
    with without_seo_readers(CODEX_STATIC_PAGE_SEO_MODEL="nope.Missing"):
        assert [e.id for e in checks.check_seo_model()] == ["codex_core.E001"]  # set but wrong: always


def test_e002_seo_key_field() -> None:
    with override_settings(
        CODEX_STATIC_PAGE_SEO_MODEL="codex_test_models.StaticSeo", CODEX_STATIC_PAGE_SEO_KEY_FIELD="slug"
    ):
        assert checks.check_seo_model() == [
            Error(
                "codex_test_models.StaticSeo has no field 'slug' (CODEX_STATIC_PAGE_SEO_KEY_FIELD).",
                hint="Set CODEX_STATIC_PAGE_SEO_KEY_FIELD to the field that holds the page's URL name.",
                id="codex_core.E002",
            )
        ]
    with override_settings(
        CODEX_STATIC_PAGE_SEO_MODEL="codex_test_models.CustomSeo", CODEX_STATIC_PAGE_SEO_KEY_FIELD="code"
    ):
        assert checks.check_seo_model() == []


@override_settings(
    ROOT_URLCONF="tests.core.support_models.urls",
    SITEMAP_LOOKUP_NAMESPACES=["pages"],
    SITEMAP_STATIC_PAGES=["home", "about", "missing"],
)
def test_e003_static_pages_must_reverse() -> None:
    assert checks.check_sitemap_static_pages() == [
        Error(
            "SITEMAP_STATIC_PAGES entry 'missing' does not reverse.",
            hint="Add a URL pattern named 'missing' or its namespace to SITEMAP_LOOKUP_NAMESPACES "
            "(now ['pages']).",
            id="codex_core.E003",
        )
    ]
    with override_settings(SITEMAP_LOOKUP_NAMESPACES=[]):
        assert [e.msg for e in checks.check_sitemap_static_pages()] == [
            "SITEMAP_STATIC_PAGES entry 'about' does not reverse.",
            "SITEMAP_STATIC_PAGES entry 'missing' does not reverse.",
        ]


def test_e003_is_a_url_check() -> None:
    with override_settings(ROOT_URLCONF="tests.core.support_models.urls", SITEMAP_STATIC_PAGES=["missing"]):
        assert "codex_core.E003" in {e.id for e in run_checks(tags=[Tags.urls])}


@pytest.mark.parametrize(
    ("debug", "domain", "message"),
    [
        (False, "", "CANONICAL_DOMAIN is empty while DEBUG is False."),
        (
            True,
            "https://example.com",
            "CANONICAL_DOMAIN 'https://example.com' must be a host name without a scheme or a path.",
        ),
        (
            False,
            "example.com/",
            "CANONICAL_DOMAIN 'example.com/' must be a host name without a scheme or a path.",
        ),
    ],
)
def test_e004_canonical_domain(debug: bool, domain: str, message: str) -> None:
    with override_settings(DEBUG=debug, CANONICAL_DOMAIN=domain, CODEX_CANONICAL_SCHEME="https"):
        assert checks.check_canonical_url() == [Error(message, hint=DOMAIN_HINT, id="codex_core.E004")]


@pytest.mark.parametrize(
    ("debug", "domain"),
    [(True, "example.com"), (False, "example.com"), (False, "127.0.0.1:8000"), (False, "[::1]:8000")],
)
def test_e004_accepts_hosts(debug: bool, domain: str) -> None:
    with override_settings(DEBUG=debug, CANONICAL_DOMAIN=domain):
        assert checks.check_canonical_url() == []


def test_w001_empty_canonical_domain_under_debug() -> None:
    with override_settings(DEBUG=True, CANONICAL_DOMAIN=""):
        assert checks.check_canonical_url() == [
            Warning(
                "CANONICAL_DOMAIN is empty: under DEBUG, canonical and hreflang links are root-relative "
                "and sitemaps use the request's host.",
                hint=DOMAIN_HINT,
                id="codex_core.W001",
            )
        ]


@pytest.mark.parametrize("debug", [True, False])
def test_an_empty_canonical_domain_is_fine_when_nothing_renders_urls(debug: bool) -> None:
    # No Django template engine (no codex_i18n tags) and no django.contrib.sitemaps.
    apps_ = [a for a in settings.INSTALLED_APPS if a != "django.contrib.sitemaps"]
    with override_settings(DEBUG=debug, CANONICAL_DOMAIN="", TEMPLATES=[], INSTALLED_APPS=apps_):
        assert checks.check_canonical_url() == []
    with override_settings(DEBUG=False, CANONICAL_DOMAIN="", TEMPLATES=[]):
        assert [e.id for e in checks.check_canonical_url()] == ["codex_core.E004"]  # the sitemaps need it


@pytest.mark.parametrize("value", ["fr", "xx", "en_GB"])
def test_e009_sitemap_default_language_not_in_languages(value: str) -> None:
    with override_settings(SITEMAP_DEFAULT_LANGUAGE=value):
        assert checks.check_languages() == [
            Error(
                f"SITEMAP_DEFAULT_LANGUAGE {value!r} matches no entry of LANGUAGES (en, de, ru, ar).",
                hint="Use one of en, de, ru, ar, or leave SITEMAP_DEFAULT_LANGUAGE empty "
                "to use LANGUAGE_CODE.",
                id="codex_core.E009",
            )
        ]


@pytest.mark.parametrize("value", ["", "en", "de", "en-us", "de-AT", "RU"])
def test_e009_accepts_codes_and_their_variants(value: str) -> None:
    with override_settings(SITEMAP_DEFAULT_LANGUAGE=value):
        assert checks.check_languages() == []


def test_language_code_outside_languages_is_djangos_translation_e004() -> None:
    # codex_core follows LANGUAGE_CODE through its LANGUAGES variant; one that matches no entry
    # at all is already Django's own error, so it is not reported twice.
    with override_settings(LANGUAGE_CODE="en-us", SITEMAP_DEFAULT_LANGUAGE=""):
        assert run_checks() == []
    with override_settings(LANGUAGE_CODE="fr", SITEMAP_DEFAULT_LANGUAGE=""):
        assert [e.id for e in run_checks()] == ["translation.E004"]


@pytest.mark.parametrize("url", ["localhost:6379", "http://127.0.0.1:6379", "redis://127.0.0.1:port/0", ""])
def test_e005_redis_url(url: str) -> None:
    with override_settings(REDIS_URL=url, CODEX_REDIS_ENABLED=True):
        [error] = checks.check_redis_url()
    assert error.id == "codex_core.E005"
    assert error.msg.startswith(f"REDIS_URL {url!r} cannot be parsed: ")
    assert error.hint == REDIS_HINT


def test_e005_exact_message() -> None:
    with override_settings(REDIS_URL="http://127.0.0.1:6379"):
        assert checks.check_redis_url() == [
            Error(
                "REDIS_URL 'http://127.0.0.1:6379' cannot be parsed: "
                "Redis URL must specify one of the following schemes (redis://, rediss://, unix://)",
                hint=REDIS_HINT,
                id="codex_core.E005",
            )
        ]


@pytest.mark.parametrize(
    ("url", "enabled"),
    [("http://bad", False), ("redis://10.255.255.1:6379/3", True), ("unix:///tmp/redis.sock", True)],
)
def test_e005_valid_or_disabled(url: str, enabled: bool) -> None:
    # 10.255.255.1 is unroutable: the check must parse, never connect.
    with override_settings(REDIS_URL=url, CODEX_REDIS_ENABLED=enabled):
        assert checks.check_redis_url() == []


@pytest.mark.parametrize("name", ["", "   ", None])
def test_e006_project_name(name: str | None) -> None:
    with override_settings(PROJECT_NAME=name):
        assert checks.check_project_name() == [
            Error(
                "PROJECT_NAME is empty.",
                hint="Set PROJECT_NAME to a short identifier; it namespaces this project's Redis keys.",
                id="codex_core.E006",
            )
        ]


@pytest.mark.parametrize(
    ("setting", "value", "kind", "default"),
    [
        ("CODEX_REDIS_SOCKET_TIMEOUT", 0, "number", "0.5"),
        ("CODEX_REDIS_CONNECT_TIMEOUT", "1", "number", "0.5"),
        ("CODEX_REDIS_BREAKER_COOLDOWN", float("nan"), "number", "5.0"),
        ("CODEX_REDIS_BREAKER_COOLDOWN", True, "number", "5.0"),
        ("CODEX_STATIC_PAGE_SEO_CACHE_TIMEOUT", -5, "integer", "86400"),
        ("CODEX_STATIC_PAGE_SEO_MISS_TIMEOUT", 0.5, "integer", "60"),
        ("CODEX_STATIC_PAGE_SEO_MISS_TIMEOUT", None, "integer", "60"),
    ],
)
def test_e007_numeric_settings(setting: str, value: object, kind: str, default: str) -> None:
    with override_settings(**{setting: value}):
        assert checks.check_numeric_settings() == [
            Error(
                f"{setting} must be a positive {kind}, got {value!r}.",
                hint=f"Remove {setting} to use the default ({default}).",
                id="codex_core.E007",
            )
        ]


def test_e007_accepts_positive_numbers() -> None:
    with override_settings(
        CODEX_REDIS_SOCKET_TIMEOUT=2,
        CODEX_REDIS_CONNECT_TIMEOUT=0.1,
        CODEX_STATIC_PAGE_SEO_CACHE_TIMEOUT=1,
        CODEX_STATIC_PAGE_SEO_MISS_TIMEOUT=3600,
    ):
        assert checks.check_numeric_settings() == []


@pytest.mark.parametrize("scheme", ["ftp", "HTTPS", "https://"])
def test_e008_canonical_scheme(scheme: str) -> None:
    with override_settings(CODEX_CANONICAL_SCHEME=scheme, CANONICAL_DOMAIN="example.com"):
        assert checks.check_canonical_url() == [
            Error(
                f"CODEX_CANONICAL_SCHEME {scheme!r} is not 'http' or 'https'.",
                hint="Use 'https' in production and 'http' only for local development.",
                id="codex_core.E008",
            )
        ]


def test_all_checks_are_registered_under_the_codex_tag() -> None:
    with override_settings(
        CODEX_STATIC_PAGE_SEO_MODEL="",
        ROOT_URLCONF="tests.core.support_models.urls",
        SITEMAP_STATIC_PAGES=["nope"],
        DEBUG=False,
        CANONICAL_DOMAIN="",
        REDIS_URL="nope",
        PROJECT_NAME="",
        CODEX_REDIS_SOCKET_TIMEOUT=0,
        CODEX_CANONICAL_SCHEME="gopher",
        SITEMAP_DEFAULT_LANGUAGE="fr",
    ):
        ids = sorted(e.id for e in run_checks(tags=[checks.TAG]))
    assert ids == [f"codex_core.E00{n}" for n in (1, 3, 4, 5, 6, 7, 8, 9)]
    with override_settings(DEBUG=True, CANONICAL_DOMAIN=""):
        assert [e.id for e in run_checks(tags=[checks.TAG])] == ["codex_core.W001"]


def test_demo_settings_pass_clean() -> None:
    assert run_checks(tags=[checks.TAG]) == []


def test_each_check_id_belongs_to_one_module() -> None:
    """Two modules emitting the same ``codex_core.<id>`` would make a silenced or documented
    check ambiguous (the page cache and the control-character middleware both once took W011)."""
    import re
    from collections import defaultdict
    from pathlib import Path

    import codex_core

    owners: dict[str, set[str]] = defaultdict(set)
    root = Path(codex_core.__file__).parent
    for path in root.rglob("*.py"):
        for check_id in re.findall(r"""id=["'](codex_core\.[EW]\d{3})["']""", path.read_text()):
            owners[check_id].add(str(path.relative_to(root)))
    assert owners, "no check ids found"
    assert {check_id: files for check_id, files in owners.items() if len(files) > 1} == {}
