"""Sitemap index and sections: locations, hreflang alternates, x-default, lastmod; hidden articles absent."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from lxml import etree

from demo_site.urls import SITEMAPS
from features.articles.models import Article
from features.booking.models import Master
from features.pages.models import StaticPageSeo
from tests.features.factories_articles import LANGUAGES, ORIGIN, make_article, make_page_seo, use_test_site
from tests.features.factories_booking import make_master

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


@pytest.fixture(autouse=True)
def _site(settings):
    use_test_site(settings)


def parse(response) -> etree._Element:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    return etree.fromstring(response.content)


def entries(root) -> dict[str, dict]:
    """loc -> {"lastmod", "changefreq", "priority": str | None, "alternates": {lang: href}} per <url>."""
    result = {}
    for url in root.findall("sm:url", NS):
        result[url.findtext("sm:loc", namespaces=NS)] = {
            "lastmod": url.findtext("sm:lastmod", namespaces=NS),
            "changefreq": url.findtext("sm:changefreq", namespaces=NS),
            "priority": url.findtext("sm:priority", namespaces=NS),
            "alternates": {
                link.get("hreflang"): link.get("href")
                for link in url.findall("xhtml:link", NS)
                if link.get("rel") == "alternate"
            },
        }
    return result


def article_urls(article: Article) -> dict[str, str]:
    urls = {}
    for code in LANGUAGES:
        with translation.override(code):
            urls[code] = ORIGIN + article.get_absolute_url()
    urls["x-default"] = urls["en"]  # as in the page head: every URL carries its language prefix
    return urls


def dated(model: type[Any], obj: Any, updated_at: datetime) -> None:
    """Give a row a known ``updated_at`` (``auto_now`` overrides a value passed to ``save()``)."""
    model.objects.filter(pk=obj.pk).update(updated_at=updated_at)


def page_urls(name: str) -> dict[str, str]:
    urls = {}
    for code in LANGUAGES:
        with translation.override(code):
            urls[code] = ORIGIN + reverse(name)
    urls["x-default"] = urls["en"]
    return urls


def page_entries(name: str, lastmod: str | None, changefreq: str | None = None, priority: str | None = None):
    """The entries of a page listed by URL name: one per language, each with every alternate."""
    urls = page_urls(name)
    entry = {"lastmod": lastmod, "changefreq": changefreq, "priority": priority, "alternates": urls}
    return {urls[code]: entry for code in LANGUAGES}


def test_index_lists_every_section_with_its_latest_change(client):
    dated(StaticPageSeo, make_page_seo("home"), datetime(2025, 1, 1, tzinfo=UTC))
    dated(StaticPageSeo, make_page_seo("about"), datetime(2025, 4, 5, 6, 7, tzinfo=UTC))
    first, second = make_article("First"), make_article("Second")
    dated(Article, first, datetime(2025, 3, 1, tzinfo=UTC))
    dated(Article, second, datetime(2025, 2, 1, tzinfo=UTC))
    make_article("Hidden newest", is_active=False)
    dated(Master, make_master(), datetime(2025, 1, 2, 3, 4, tzinfo=UTC))
    response = client.get("/sitemap.xml")
    root = parse(response)
    found = [
        (el.findtext("sm:loc", namespaces=NS), el.findtext("sm:lastmod", namespaces=NS))
        for el in root.findall("sm:sitemap", NS)
    ]

    def local(*moment: int) -> str:  # lastmod is written in the site's TIME_ZONE (Django's date:"c")
        return timezone.localtime(datetime(*moment, tzinfo=UTC)).isoformat()

    assert found == [
        (f"{ORIGIN}/sitemap-static.xml", local(2025, 4, 5, 6, 7)),
        (f"{ORIGIN}/sitemap-article-list.xml", local(2025, 3, 1)),
        (f"{ORIGIN}/sitemap-articles.xml", local(2025, 3, 1)),
        (f"{ORIGIN}/sitemap-master-list.xml", local(2025, 1, 2, 3, 4)),
        (f"{ORIGIN}/sitemap-masters.xml", local(2025, 1, 2, 3, 4)),
    ]
    assert response["Last-Modified"] == "Sat, 05 Apr 2025 06:07:00 GMT"
    assert response["X-Robots-Tag"] == "noindex, noodp, noarchive"


def test_articles_section_has_every_public_article_in_every_language(client):
    public = [make_article("First"), make_article("Second")]
    make_article("Inactive", is_active=False)
    make_article("Deleted", is_deleted=True)
    found = entries(parse(client.get("/sitemap-articles.xml")))
    expected = {}
    for article in public:
        article.refresh_from_db()
        urls = article_urls(article)
        lastmod = article.updated_at.date().isoformat()
        for code in LANGUAGES:
            expected[urls[code]] = {
                "lastmod": lastmod,
                "changefreq": "weekly",
                "priority": "0.6",
                "alternates": urls,
            }
    assert found == expected


def test_soft_deleted_article_leaves_the_sitemap(client):
    article = make_article("Soon gone")
    assert len(entries(parse(client.get("/sitemap-articles.xml")))) == len(LANGUAGES)
    article.soft_delete()
    assert entries(parse(client.get("/sitemap-articles.xml"))) == {}


def test_static_section_dates_each_page_by_its_seo_row(client):
    dated(StaticPageSeo, make_page_seo("home"), datetime(2025, 5, 6, tzinfo=UTC))
    dated(StaticPageSeo, make_page_seo("contacts"), datetime(2025, 6, 7, tzinfo=UTC))
    found = entries(parse(client.get("/sitemap-static.xml")))
    assert found == {
        **page_entries("pages:home", "2025-05-06"),
        **page_entries("pages:about", None),  # no SEO row, no date
        **page_entries("pages:contacts", "2025-06-07"),
    }


def test_list_sections_are_dated_by_the_newest_item_they_list(client):
    old, new = make_article("Old"), make_article("New")
    dated(Article, old, datetime(2025, 1, 1, tzinfo=UTC))
    dated(Article, new, datetime(2025, 2, 3, tzinfo=UTC))
    hidden = make_article("Hidden", is_active=False)
    dated(Article, hidden, datetime(2025, 9, 9, tzinfo=UTC))  # not on the list: does not date it
    retired = make_master(slug="retired", is_active=False)
    dated(Master, make_master(), datetime(2025, 3, 4, tzinfo=UTC))
    dated(Master, retired, datetime(2025, 9, 9, tzinfo=UTC))
    assert entries(parse(client.get("/sitemap-article-list.xml"))) == page_entries(
        "articles:list", "2025-02-03", "daily", "0.7"
    )
    assert entries(parse(client.get("/sitemap-master-list.xml"))) == page_entries(
        "booking:master_list", "2025-03-04", "weekly", "0.7"
    )


def test_empty_lists_are_listed_undated(client):
    assert entries(parse(client.get("/sitemap-article-list.xml"))) == page_entries(
        "articles:list", None, "daily", "0.7"
    )
    assert entries(parse(client.get("/sitemap-master-list.xml"))) == page_entries(
        "booking:master_list", None, "weekly", "0.7"
    )


@pytest.mark.parametrize(
    ("section", "queries"),
    [
        ("static", 1),  # every page's SEO row at once
        ("article-list", 1),  # MAX(updated_at)
        ("articles", 2),  # COUNT, then the rows of the page
        ("master-list", 1),
        ("masters", 2),
    ],
)
def test_query_count_of_a_section_does_not_grow_with_its_items(section, queries, django_assert_num_queries):
    for n in range(4):
        make_article(f"Counted {n}")
        make_master(slug=f"master-{n}")
    for key in ("home", "about", "contacts"):
        make_page_seo(key)
    sitemap = SITEMAPS[section]()
    with django_assert_num_queries(queries):
        urls = sitemap.get_urls()
    assert len(urls) == len(LANGUAGES) * {"static": 3, "articles": 4, "masters": 4}.get(section, 1)
    with django_assert_num_queries(1):
        sitemap.get_latest_lastmod()


def test_masters_section_is_served(client):
    root = parse(client.get("/sitemap-masters.xml"))
    assert root.tag == f"{{{NS['sm']}}}urlset"


def test_unknown_section_is_a_404(client):
    assert client.get("/sitemap-nope.xml").status_code == 404
