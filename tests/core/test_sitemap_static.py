"""StaticPagesSitemap: lastmod from each page's SEO row, read in one query however many pages."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from django.test import RequestFactory, override_settings

from codex_core.sitemaps import StaticPagesSitemap
from features.pages.models import StaticPageSeo
from tests.core.sitemap_xml import sitemap_xml
from tests.core.support_models.models import StaticSeo

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.core.support_i18n.urls")]

PAGES = {
    "SITEMAP_STATIC_PAGES": ["about", "pages:contacts"],
    "SITEMAP_LOOKUP_NAMESPACES": ["pages"],
    "CODEX_STATIC_PAGE_SEO_MODEL": "pages.StaticPageSeo",
    "CANONICAL_DOMAIN": "example.com",
    "CODEX_CANONICAL_SCHEME": "https",
    "ALLOWED_HOSTS": ["example.com"],
}
LANGUAGES = ("en", "de", "ru", "ar")
ABOUT_UPDATED = datetime(2024, 3, 4, 5, 6, tzinfo=UTC)
CONTACTS_UPDATED = datetime(2024, 7, 8, 9, 10, tzinfo=UTC)


def seo_row(page_key: str, updated_at: datetime) -> None:
    row = StaticPageSeo.objects.create(page_key=page_key)
    StaticPageSeo.objects.filter(pk=row.pk).update(updated_at=updated_at)  # auto_now ignores a set value


def entry(path: str, lang: str, lastmod: str | None) -> str:
    """The whole ``<url>`` element Django renders for a static page in ``lang``."""
    links = "".join(
        f'<xhtml:link rel="alternate" hreflang="{code}" href="https://example.com/{target}/{path}"/>'
        for code, target in (*((code, code) for code in LANGUAGES), ("x-default", "en"))
    )
    dated = f"<lastmod>{lastmod}</lastmod>" if lastmod else ""
    return f"<url><loc>https://example.com/{lang}/{path}</loc>{dated}{links}</url>"


def url_elements(rf: RequestFactory, site: StaticPagesSitemap) -> list[str]:
    body = sitemap_xml(site, rf, section="static").replace("\n", "").replace("  ", "")
    return ["<url>" + chunk.split("</url>")[0] + "</url>" for chunk in body.split("<url>")[1:]]


@override_settings(**PAGES)
def test_each_entry_carries_its_pages_seo_row_date_or_none(
    rf: RequestFactory, django_assert_num_queries: Any
) -> None:
    seo_row("about", ABOUT_UPDATED)  # "pages:contacts" has no row: no lastmod
    assert url_elements(rf, StaticPagesSitemap()) == [
        *(entry("about/", lang, "2024-03-04") for lang in LANGUAGES),
        *(entry("pages/contacts/", lang, None) for lang in LANGUAGES),
    ]
    with django_assert_num_queries(1):  # every page's row in one query, not one per entry
        urls = StaticPagesSitemap().get_urls()
    assert [u["lastmod"] for u in urls] == [ABOUT_UPDATED] * len(LANGUAGES) + [None] * len(LANGUAGES)


@override_settings(**PAGES)
def test_namespaced_names_look_up_the_row_of_their_url_name(django_assert_num_queries: Any) -> None:
    seo_row("about", ABOUT_UPDATED)
    seo_row("contacts", CONTACTS_UPDATED)  # the context processor's key: the URL name, no namespace
    seo_row("home", datetime(2025, 1, 1, tzinfo=UTC))  # not a listed page
    site = StaticPagesSitemap()
    with django_assert_num_queries(1):
        assert site.lastmods() == {"about": ABOUT_UPDATED, "pages:contacts": CONTACTS_UPDATED}
    with django_assert_num_queries(1):
        assert site.get_latest_lastmod() == CONTACTS_UPDATED
    assert site.lastmod("pages:contacts") == CONTACTS_UPDATED


@override_settings(**PAGES)
def test_latest_lastmod_ignores_pages_without_a_row() -> None:
    # Django's default max() over [date, None] raises TypeError and reports no lastmod at all.
    seo_row("about", ABOUT_UPDATED)
    assert StaticPagesSitemap().get_latest_lastmod() == ABOUT_UPDATED


@override_settings(**PAGES)
def test_no_rows_no_lastmod() -> None:
    site = StaticPagesSitemap()
    assert site.get_latest_lastmod() is None
    assert [u["lastmod"] for u in site.get_urls()] == [None] * 2 * len(LANGUAGES)


@pytest.mark.parametrize(
    "model",
    [
        "",  # no SEO model configured
        "pages.NoSuchModel",  # misconfigured (a system check reports it)
        "support_models.StaticSeo",  # a model without updated_at
    ],
)
def test_without_a_dated_seo_model_there_is_no_lastmod_and_no_query(
    model: str, django_assert_num_queries: Any
) -> None:
    StaticSeo.objects.create(page_key="about")
    with override_settings(**{**PAGES, "CODEX_STATIC_PAGE_SEO_MODEL": model}):
        site = StaticPagesSitemap()
        with django_assert_num_queries(0):
            assert [u["lastmod"] for u in site.get_urls()] == [None] * 2 * len(LANGUAGES)
            assert site.get_latest_lastmod() is None


@override_settings(**{**PAGES, "SITEMAP_STATIC_PAGES": []})
def test_no_pages_no_query(django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(0):
        assert StaticPagesSitemap().get_urls() == []
        assert StaticPagesSitemap().get_latest_lastmod() is None
