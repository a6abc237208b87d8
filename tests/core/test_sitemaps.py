"""BaseSitemap / StaticPagesSitemap: whole XML against plain Django, resolution counts, config errors."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.sitemaps import Sitemap
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory, override_settings
from django.urls import NoReverseMatch

from codex_core.sitemaps import BaseSitemap, StaticPagesSitemap
from tests.core.sitemap_xml import sitemap_xml
from tests.core.support_i18n.urls import ARTICLES, Article

pytestmark = pytest.mark.urls("tests.core.support_i18n.urls")

CANONICAL = {"CANONICAL_DOMAIN": "example.com", "CODEX_CANONICAL_SCHEME": "https"}
LANGUAGES = ("en", "de", "ru", "ar")


class CountingMixin:
    calls: int = 0

    def location(self, item: Any) -> str:
        self.calls += 1
        return super().location(item)  # type: ignore[misc]


class ArticleSitemap(CountingMixin, BaseSitemap):
    def items(self) -> list[Article]:
        return ARTICLES


class PlainArticleSitemap(CountingMixin, Sitemap):
    """What a project would write with Django alone."""

    i18n = True
    alternates = True
    x_default = True

    def items(self) -> list[Article]:
        return ARTICLES

    def lastmod(self, item: Article):
        return item.updated_at


@pytest.mark.django_db  # the sitemap template renders with the project's context processors
@override_settings(ALLOWED_HOSTS=["example.com"], **CANONICAL)
def test_xml_equals_plain_django_with_one_resolution_per_item_and_language(rf: RequestFactory) -> None:
    ours, plain = ArticleSitemap(), PlainArticleSitemap()
    # Identical but for x-default, which ours points at the prefixed default-language URL
    # (the same as the page head) where Django strips the prefix.
    prefixed = sitemap_xml(ours, rf)
    languages = len(LANGUAGES)
    assert prefixed.count('hreflang="x-default" href="https://example.com/en/') == len(ARTICLES) * languages
    assert prefixed.replace(
        'x-default" href="https://example.com/en/', 'x-default" href="https://example.com/'
    ) == (sitemap_xml(plain, rf))
    assert ours.calls == len(ARTICLES) * languages
    assert plain.calls == len(ARTICLES) * languages * (languages + 2)


@pytest.mark.django_db  # the sitemap template renders with the project's context processors
@override_settings(ALLOWED_HOSTS=["example.com"], **CANONICAL)
def test_whole_entry_of_an_object(rf: RequestFactory) -> None:
    xml = sitemap_xml(ArticleSitemap(), rf)
    assert (
        "<url><loc>https://example.com/de/articles/hallo/</loc><lastmod>2024-05-01</lastmod>"
        '<xhtml:link rel="alternate" hreflang="en" href="https://example.com/en/articles/hello/"/>'
        '<xhtml:link rel="alternate" hreflang="de" href="https://example.com/de/articles/hallo/"/>'
        '<xhtml:link rel="alternate" hreflang="ru" href="https://example.com/ru/articles/privet/"/>'
        '<xhtml:link rel="alternate" hreflang="ar" href="https://example.com/ar/articles/%D9%85%D8%B1%D8%AD%D8%A8%D8%A7/"/>'
        '<xhtml:link rel="alternate" hreflang="x-default" href="https://example.com/en/articles/hello/"/>'
        "</url>"
    ) in xml.replace("\n", "").replace("  ", "")
    assert xml.count("<url>") == len(ARTICLES) * len(LANGUAGES)


@pytest.mark.django_db  # their lastmod comes from the SEO rows (none here; see test_sitemap_static.py)
@override_settings(
    SITEMAP_STATIC_PAGES=["about", "contacts"], SITEMAP_LOOKUP_NAMESPACES=["pages"], **CANONICAL
)
def test_static_pages_reverse_with_namespace_fallback() -> None:
    urls = StaticPagesSitemap().get_urls()
    assert [
        (u["location"], u["lastmod"], [(a["lang_code"], a["location"]) for a in u["alternates"]])
        for u in urls
    ] == [
        (
            f"https://example.com/{lang}/{path}",
            None,
            [
                ("en", f"https://example.com/en/{path}"),
                ("de", f"https://example.com/de/{path}"),
                ("ru", f"https://example.com/ru/{path}"),
                ("ar", f"https://example.com/ar/{path}"),
                ("x-default", f"https://example.com/en/{path}"),
            ],
        )
        for path in ("about/", "pages/contacts/")
        for lang in LANGUAGES
    ]


@pytest.mark.django_db
@override_settings(SITEMAP_STATIC_PAGES=["nowhere"], SITEMAP_LOOKUP_NAMESPACES=["pages"], **CANONICAL)
def test_unknown_static_page_names_every_candidate() -> None:
    with pytest.raises(NoReverseMatch, match=r"None of \['nowhere', 'pages:nowhere'\] reverses\."):
        StaticPagesSitemap().get_urls()


@override_settings(CANONICAL_DOMAIN="example.com", CODEX_CANONICAL_SCHEME="http")
def test_scheme_and_domain_come_from_settings_not_the_request() -> None:
    urls = ArticleSitemap().get_urls(protocol="https")
    assert urls[0]["location"] == "http://example.com/en/articles/hello/"


@override_settings(CANONICAL_DOMAIN="example.com")
def test_protocol_attribute_still_wins() -> None:
    class HttpOnly(ArticleSitemap):
        protocol = "ftp"

    assert HttpOnly().get_urls()[0]["location"] == "ftp://example.com/en/articles/hello/"


@override_settings(CANONICAL_DOMAIN="")
def test_empty_canonical_domain_is_improperly_configured() -> None:
    with pytest.raises(
        ImproperlyConfigured,
        match=r"^ArticleSitemap needs CANONICAL_DOMAIN \(the public host name, e\.g\. 'example\.com'\) "
        r"to build absolute sitemap URLs; it is empty\.$",
    ):
        ArticleSitemap().get_urls()


@override_settings(SITEMAP_DEFAULT_LANGUAGE="de", **CANONICAL)
def test_x_default_in_sitemap_default_language() -> None:
    sitemap_ = ArticleSitemap()
    urls = sitemap_.get_urls()
    assert [a for a in urls[0]["alternates"] if a["lang_code"] == "x-default"] == [
        {"location": "https://example.com/de/articles/hallo/", "lang_code": "x-default"}
    ]
    assert all(sum(a["lang_code"] == "x-default" for a in u["alternates"]) == 1 for u in urls)
    assert sitemap_.calls == len(ARTICLES) * len(LANGUAGES)


@override_settings(SITEMAP_DEFAULT_LANGUAGE="de", **CANONICAL)
def test_no_x_default_for_items_missing_the_default_language() -> None:
    class EnglishAndRussian(ArticleSitemap):
        def get_languages_for_item(self, item: Article) -> list[str]:
            return ["en", "ru"]

    urls = EnglishAndRussian().get_urls()
    assert [[a["lang_code"] for a in u["alternates"]] for u in urls] == [["en", "ru"]] * 2 * len(ARTICLES)


@override_settings(**CANONICAL)
def test_lastmod_is_updated_at_or_none() -> None:
    class Undated:
        def get_absolute_url(self) -> str:
            return "/en/about/"

    site = ArticleSitemap()
    assert site.lastmod(ARTICLES[1]) == ARTICLES[1].updated_at
    assert site.lastmod(Undated()) is None
    assert site.get_latest_lastmod() == ARTICLES[1].updated_at
