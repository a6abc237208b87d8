"""Plausible-but-unusual i18n and domain settings: every page of the demo answers, none is a 500.

Each layout serves the whole demo (pages, articles, masters, sitemaps, robots.txt, a 404) through
the real middleware and templates; the test client re-raises whatever a view lets escape. The
head's canonical and hreflang links and the language switcher are compared whole.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import lxml.html
import pytest
import redis
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from codex_core.i18n import alternate_links, current_canonical_url, translate_current_url
from codex_core.seo.selectors import get_static_page_seo
from features.articles.models import Article
from features.pages.models import StaticPageSeo
from tests.resilience.demo import seed_all

pytestmark = pytest.mark.django_db

UNPREFIXED = "tests.core.support_i18n.urls_unprefixed"
PLAIN = "tests.core.support_i18n.urls_plain"
ORIGIN = "https://example.com"
LANGUAGES = ("en", "de", "ru", "ar")


def arabic_about() -> str:
    """``/ar/<the catalogue's Arabic word for about>/``, percent-encoded as reverse() gives it."""
    with translation.override("ar"):
        return reverse("pages:about")


EN_DE_RU = {"en": "/en/about/", "de": "/de/ueber-uns/", "ru": "/ru/o-nas/"}


def about_paths() -> dict[str, str]:
    """The about page in every language (the Arabic path an encoded IRI once its catalogue is in)."""
    return {**EN_DE_RU, "ar": arabic_about()}


@pytest.fixture(autouse=True)
def _site(settings: Any) -> None:
    seed_all()
    settings.CANONICAL_DOMAIN = "example.com"
    settings.CODEX_CANONICAL_SCHEME = "https"
    settings.STATIC_ROOT = None
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def client() -> Client:
    return Client(raise_request_exception=True)


@pytest.fixture
def no_i18n() -> Iterator[None]:
    """``USE_I18N = False`` as a fresh process sees it (Django caches the choice of trans_real)."""
    from django.utils.translation import _trans

    with override_settings(USE_I18N=False, ROOT_URLCONF=PLAIN):
        _trans.__dict__.clear()
        try:
            yield
        finally:
            _trans.__dict__.clear()
    _trans.__dict__.clear()


def head_and_switcher(response: Any) -> dict[str, Any]:
    doc = lxml.html.fromstring(response.content)
    return {
        "canonical": doc.xpath("//link[@rel='canonical']/@href"),
        "alternates": [
            (link.get("hreflang"), link.get("href")) for link in doc.xpath("//link[@rel='alternate']")
        ],
        "switcher": doc.xpath("//nav[@class='language-switcher']//a/@href"),
        "og:locale": doc.xpath("//meta[@property='og:locale' or @property='og:locale:alternate']/@content"),
    }


def statuses(client: Client, paths: list[str]) -> dict[str, int]:
    return {path: client.get(path).status_code for path in paths}


def article_path(language: str) -> str:
    with translation.override(language):
        return Article.objects.order_by("pk").first().get_absolute_url()  # type: ignore[union-attr]


PREFIXED_PAGES = {
    "/en/": 200,
    "/en/about/": 200,
    "/de/ueber-uns/": 200,
    "/en/articles/?page=last": 200,
    "/en/masters/anna-schmidt/": 200,
    "/sitemap.xml": 200,
    "/sitemap-static.xml": 200,
    "/sitemap-articles.xml": 200,
    "/sitemap-masters.xml": 200,
    "/robots.txt": 200,
    "/en/no-such-page/": 404,
    "/": 302,
}


@pytest.mark.parametrize("code", ["en-us", "en-US", "en-gb"])
@pytest.mark.parametrize("sitemap_default", ["", "en", "en-us"])
def test_a_region_variant_of_language_code_serves_every_page(
    client: Client, settings: Any, code: str, sitemap_default: str
) -> None:
    # Django accepts LANGUAGE_CODE = "en-us" with LANGUAGES ("en", …); it used to be a 500 on
    # every page (x-default asked for "en-us", which is not in LANGUAGES).
    settings.LANGUAGE_CODE = code
    settings.SITEMAP_DEFAULT_LANGUAGE = sitemap_default
    assert statuses(client, list(PREFIXED_PAGES)) == PREFIXED_PAGES
    assert head_and_switcher(client.get("/de/ueber-uns/")) == {
        "canonical": [f"{ORIGIN}/de/ueber-uns/"],
        "alternates": [
            *((lang, ORIGIN + path) for lang, path in about_paths().items()),
            ("x-default", f"{ORIGIN}/en/about/"),
        ],
        "switcher": list(about_paths().values()),
        "og:locale": ["de_DE", "en_US", "ru_RU", "ar_AR"],
    }
    sitemap = client.get("/sitemap-static.xml").content.decode()
    assert sitemap.count(f'hreflang="x-default" href="{ORIGIN}/en/about/"') == len(LANGUAGES)


@pytest.mark.parametrize("value", ["fr", "en_GB"])
def test_a_sitemap_default_language_outside_languages_falls_back_to_language_code(
    client: Client, settings: Any, value: str
) -> None:
    # System check codex_core.E009 reports it; pages served without checks must not 500.
    settings.SITEMAP_DEFAULT_LANGUAGE = value
    assert statuses(client, list(PREFIXED_PAGES)) == PREFIXED_PAGES
    assert head_and_switcher(client.get("/ru/o-nas/"))["alternates"][-1] == (
        "x-default",
        f"{ORIGIN}/en/about/",
    )
    sitemap = client.get("/sitemap-static.xml").content.decode()
    assert sitemap.count(f'hreflang="x-default" href="{ORIGIN}/en/about/"') == len(LANGUAGES)


def test_the_default_language_unprefixed(client: Client, settings: Any) -> None:
    settings.ROOT_URLCONF = UNPREFIXED
    assert statuses(
        client, ["/", "/about/", "/de/ueber-uns/", "/articles/?page=last", "/sitemap-static.xml"]
    ) == {
        "/": 200,
        "/about/": 200,
        "/de/ueber-uns/": 200,
        "/articles/?page=last": 200,
        "/sitemap-static.xml": 200,
    }
    paths = {**about_paths(), "en": "/about/"}
    assert head_and_switcher(client.get("/ru/o-nas/")) == {
        "canonical": [f"{ORIGIN}/ru/o-nas/"],
        "alternates": [
            *((lang, ORIGIN + path) for lang, path in paths.items()),
            ("x-default", f"{ORIGIN}/about/"),
        ],
        "switcher": list(paths.values()),
        "og:locale": ["ru_RU", "en_US", "de_DE", "ar_AR"],
    }


def test_the_default_language_unprefixed_with_a_region_variant(client: Client, settings: Any) -> None:
    # Django activates "en-us" itself on unprefixed URLs; links name the LANGUAGES entry "en",
    # whose URLs Django prefixes (its LocalePrefixPattern compares with LANGUAGE_CODE as written).
    settings.ROOT_URLCONF = UNPREFIXED
    settings.LANGUAGE_CODE = "en-us"
    settings.SITEMAP_DEFAULT_LANGUAGE = ""
    response = client.get("/about/")
    assert response.status_code == 200
    assert head_and_switcher(response) == {
        "canonical": [f"{ORIGIN}/en/about/"],
        "alternates": [
            *((lang, ORIGIN + path) for lang, path in about_paths().items()),
            ("x-default", f"{ORIGIN}/en/about/"),
        ],
        "switcher": list(about_paths().values()),
        "og:locale": ["en_US", "de_DE", "ru_RU", "ar_AR"],
    }
    assert client.get("/en/about/").status_code == 200


def test_a_single_language(client: Client, settings: Any) -> None:
    settings.LANGUAGES = [("en", "English")]
    assert statuses(client, ["/en/", "/en/about/", "/de/ueber-uns/", "/sitemap-articles.xml"]) == {
        "/en/": 200,
        "/en/about/": 200,
        "/de/ueber-uns/": 404,
        "/sitemap-articles.xml": 200,
    }
    assert head_and_switcher(client.get("/en/about/")) == {
        "canonical": [f"{ORIGIN}/en/about/"],
        "alternates": [("en", f"{ORIGIN}/en/about/"), ("x-default", f"{ORIGIN}/en/about/")],
        "switcher": ["/en/about/"],
        "og:locale": ["en_US"],
    }


@pytest.mark.parametrize("code", ["pt-br", "pt-BR", "pt"])
def test_a_language_with_a_region(client: Client, settings: Any, code: str) -> None:
    settings.LANGUAGES = [("en", "English"), ("pt-br", "Português (Brasil)")]
    settings.LANGUAGE_CODE = code
    settings.SITEMAP_DEFAULT_LANGUAGE = ""
    assert statuses(client, ["/", "/pt-br/about/", "/en/about/", "/sitemap-static.xml"]) == {
        "/": 302,
        "/pt-br/about/": 200,
        "/en/about/": 200,
        "/sitemap-static.xml": 200,
    }
    assert client.get("/")["Location"] == "/pt-br/"
    assert head_and_switcher(client.get("/en/about/")) == {
        "canonical": [f"{ORIGIN}/en/about/"],
        "alternates": [
            ("en", f"{ORIGIN}/en/about/"),
            ("pt-br", f"{ORIGIN}/pt-br/about/"),
            ("x-default", f"{ORIGIN}/pt-br/about/"),
        ],
        "switcher": ["/en/about/", "/pt-br/about/"],
        "og:locale": ["en_US", "pt_BR"],
    }


@pytest.mark.usefixtures("no_i18n")
def test_use_i18n_false(client: Client) -> None:
    assert statuses(
        client, ["/", "/about/", "/articles/?page=last", "/sitemap-static.xml", "/robots.txt"]
    ) == {
        "/": 200,
        "/about/": 200,
        "/articles/?page=last": 200,
        "/sitemap-static.xml": 200,
        "/robots.txt": 200,
    }
    # One language: no hreflang alternates; every switcher entry is this page.
    assert head_and_switcher(client.get("/about/")) == {
        "canonical": [f"{ORIGIN}/about/"],
        "alternates": [],
        "switcher": ["/about/"] * len(LANGUAGES),
        "og:locale": ["en_US", "de_DE", "ru_RU", "ar_AR"],
    }
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404
    assert head_and_switcher(missing)["switcher"] == ["/"] * len(LANGUAGES)


def test_empty_canonical_domain_under_debug_renders_root_relative_links(
    client: Client, settings: Any
) -> None:
    # It was a 500 on every page; the browser resolves these against the host it is on.
    settings.DEBUG = True
    settings.CANONICAL_DOMAIN = ""
    assert statuses(client, list(PREFIXED_PAGES)) == PREFIXED_PAGES
    assert head_and_switcher(client.get("/en/about/")) == {
        "canonical": ["/en/about/"],
        "alternates": [*about_paths().items(), ("x-default", "/en/about/")],
        "switcher": list(about_paths().values()),
        "og:locale": ["en_US", "de_DE", "ru_RU", "ar_AR"],
    }
    # Sitemaps must be absolute: Django's own choice, the request's (ALLOWED_HOSTS-checked) host.
    index = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://testserver/sitemap-static.xml</loc>" in index
    section = client.get("/sitemap-static.xml").content.decode()
    assert "<loc>http://testserver/en/about/</loc>" in section
    assert 'hreflang="x-default" href="http://testserver/en/about/"' in section
    assert client.get("/sitemap.xml", HTTP_HOST="evil.example").status_code == 400


def test_empty_canonical_domain_in_production_stays_an_error(client: Client, settings: Any) -> None:
    settings.DEBUG = False
    settings.CANONICAL_DOMAIN = ""
    with pytest.raises(ValueError, match="CANONICAL_DOMAIN is empty"):
        client.get("/en/about/")


def test_no_static_page_seo_model(client: Client, settings: Any) -> None:
    settings.CODEX_STATIC_PAGE_SEO_MODEL = ""
    assert statuses(client, list(PREFIXED_PAGES)) == PREFIXED_PAGES


def test_a_region_variant_caches_one_seo_entry_that_invalidation_clears(
    settings: Any, redis_client: redis.Redis, django_capture_on_commit_callbacks: Any
) -> None:
    settings.LANGUAGE_CODE = "en-us"
    translation.deactivate()  # outside a request: the active language is LANGUAGE_CODE as written
    seo = get_static_page_seo("about")
    assert seo["seo_title"]
    assert redis_client.exists("codex_demo:seo:en:{about}")
    assert not redis_client.exists("codex_demo:seo:en-us:{about}")
    with django_capture_on_commit_callbacks(execute=True):
        StaticPageSeo.objects.get(page_key="about").save()
    assert not redis_client.exists("codex_demo:seo:en:{about}")


def test_helpers_accept_a_variant_and_refuse_an_unknown_code(rf: Any, settings: Any) -> None:
    settings.LANGUAGE_CODE = "en-us"
    request = rf.get("/en/about/")
    assert translate_current_url(request, "en-us") == "/en/about/"
    assert translate_current_url(request, "de-at") == "/de/ueber-uns/"
    assert translate_current_url(request, "ar-eg") == arabic_about()
    with pytest.raises(ValueError, match=r"^Unknown language code 'fr'; expected one of en, de, ru, ar\.$"):
        translate_current_url(request, "fr")
    translation.activate("en-us")
    assert current_canonical_url(request) == f"{ORIGIN}/en/about/"
    assert alternate_links(request)[-1] == ("x-default", f"{ORIGIN}/en/about/")
