"""codex_core.sitemaps.index: section URLs on CANONICAL_DOMAIN, paging, lastmod header."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.contrib.sitemaps import views as django_views
from django.test import Client, override_settings
from django.urls import path
from django.utils import timezone
from lxml import etree

from codex_core import sitemaps
from codex_core.sitemaps import BaseSitemap, StaticPagesSitemap
from features.pages.models import StaticPageSeo
from tests.core.support_i18n.urls import ARTICLES, Article
from tests.core.support_i18n.urls import urlpatterns as i18n_urlpatterns


class ArticleSitemap(BaseSitemap):
    limit = 4  # 2 articles x 4 languages = 8 entries: two pages

    def items(self) -> list[Article]:
        return ARTICLES


class DatedByDay(BaseSitemap):
    def items(self) -> list[str]:
        return ["about"]

    def lastmod(self, item: str) -> date:
        return date(2024, 6, 3)


SECTIONS = {"articles": ArticleSitemap, "static": StaticPagesSitemap()}

urlpatterns = [
    *i18n_urlpatterns,
    path("sitemap.xml", sitemaps.index, {"sitemaps": SECTIONS, "sitemap_url_name": "section"}),
    path(
        "dated.xml",
        sitemaps.index,
        {"sitemaps": {"articles": ArticleSitemap()}, "sitemap_url_name": "section"},
    ),
    path(
        "by-day.xml",
        sitemaps.index,
        {"sitemaps": {"articles": ArticleSitemap(), "day": DatedByDay()}, "sitemap_url_name": "section"},
    ),
    path("sitemap-<section>.xml", django_views.sitemap, {"sitemaps": SECTIONS}, name="section"),
]

pytestmark = [
    pytest.mark.urls(__name__),
    pytest.mark.django_db,  # the XML templates render with the project's context processors
]
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
NEWER = datetime(2030, 1, 1, tzinfo=UTC)


@override_settings(
    CANONICAL_DOMAIN="example.com",
    CODEX_CANONICAL_SCHEME="https",
    SITEMAP_STATIC_PAGES=["about"],
    ALLOWED_HOSTS=["other.host"],
)
def test_index_uses_the_canonical_domain_and_lists_every_page(client: Client) -> None:
    response = client.get("/sitemap.xml", HTTP_HOST="other.host")
    assert response.status_code == 200
    root = etree.fromstring(response.content)
    entries = [
        (e.findtext("sm:loc", namespaces=NS), e.findtext("sm:lastmod", namespaces=NS))
        for e in root.findall("sm:sitemap", NS)
    ]
    assert entries == [
        ("https://example.com/sitemap-articles.xml", "2024-06-02T08:30:00"),
        ("https://example.com/sitemap-articles.xml?p=2", "2024-06-02T08:30:00"),
        ("https://example.com/sitemap-static.xml", None),
    ]
    assert "Last-Modified" not in response  # one section has no lastmod
    assert response["Content-Type"] == "application/xml"


@override_settings(CANONICAL_DOMAIN="example.com", ALLOWED_HOSTS=["testserver"])
def test_last_modified_header_when_every_section_has_a_lastmod(client: Client) -> None:
    response = client.get("/dated.xml")
    assert response.status_code == 200
    assert response["Last-Modified"] == "Sun, 02 Jun 2024 08:30:00 GMT"


@override_settings(
    CANONICAL_DOMAIN="example.com",
    CODEX_CANONICAL_SCHEME="https",
    CODEX_STATIC_PAGE_SEO_MODEL="pages.StaticPageSeo",
    SITEMAP_STATIC_PAGES=["about", "pages:contacts"],
    SITEMAP_LOOKUP_NAMESPACES=["pages"],
    ALLOWED_HOSTS=["testserver"],
)
def test_static_section_is_dated_by_its_newest_seo_row(client: Client) -> None:
    for key, updated_at in (("about", datetime(2024, 7, 1, 9, 0, tzinfo=UTC)), ("home", NEWER)):
        row = StaticPageSeo.objects.create(page_key=key)
        StaticPageSeo.objects.filter(pk=row.pk).update(updated_at=updated_at)  # home is not listed
    root = etree.fromstring(client.get("/sitemap.xml").content)
    entries = [
        (e.findtext("sm:loc", namespaces=NS), e.findtext("sm:lastmod", namespaces=NS))
        for e in root.findall("sm:sitemap", NS)
    ]
    # lastmod is written in the site's TIME_ZONE (Django's ``date:"c"``); the instant is 09:00 UTC.
    local = timezone.localtime(datetime(2024, 7, 1, 9, 0, tzinfo=UTC)).isoformat()
    assert entries[-1] == ("https://example.com/sitemap-static.xml", local)
    # Both sections are dated now, so the index carries the newer date as Last-Modified.
    assert client.get("/sitemap.xml")["Last-Modified"] == "Mon, 01 Jul 2024 09:00:00 GMT"


@override_settings(CANONICAL_DOMAIN="example.com", ALLOWED_HOSTS=["testserver"])
def test_a_section_dated_by_day_counts_from_midnight(client: Client) -> None:
    # As Django's index: a date is midnight UTC, later than the naive 2024-06-02T08:30 (UTC) above.
    response = client.get("/by-day.xml")
    assert response.status_code == 200
    assert response["Last-Modified"] == "Mon, 03 Jun 2024 00:00:00 GMT"
