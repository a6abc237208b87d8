"""Sitemap index and sections: locations, hreflang alternates, x-default, lastmod; hidden articles absent."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation
from lxml import etree

from features.articles.models import Article
from tests.features.factories_articles import LANGUAGES, ORIGIN, make_article, use_test_site

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
    """loc -> {"lastmod": str | None, "alternates": {hreflang: href}} of every <url>."""
    result = {}
    for url in root.findall("sm:url", NS):
        result[url.findtext("sm:loc", namespaces=NS)] = {
            "lastmod": url.findtext("sm:lastmod", namespaces=NS),
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


def test_index_lists_every_section_on_the_canonical_domain(client):
    make_article("First")
    response = client.get("/sitemap.xml")
    root = parse(response)
    locs = [el.text for el in root.findall("sm:sitemap/sm:loc", NS)]
    assert locs == [
        f"{ORIGIN}/sitemap-static.xml",
        f"{ORIGIN}/sitemap-articles.xml",
        f"{ORIGIN}/sitemap-masters.xml",
    ]
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
            expected[urls[code]] = {"lastmod": lastmod, "alternates": urls}
    assert found == expected


def test_soft_deleted_article_leaves_the_sitemap(client):
    article = make_article("Soon gone")
    assert len(entries(parse(client.get("/sitemap-articles.xml")))) == 3
    article.soft_delete()
    assert entries(parse(client.get("/sitemap-articles.xml"))) == {}


def test_static_section_has_the_three_pages_in_every_language(client):
    found = entries(parse(client.get("/sitemap-static.xml")))
    expected = {}
    for name in ("home", "about", "contacts"):
        urls = {}
        for code in LANGUAGES:
            with translation.override(code):
                urls[code] = ORIGIN + reverse(f"pages:{name}")
        urls["x-default"] = urls["en"]
        for code in LANGUAGES:
            expected[urls[code]] = {"lastmod": None, "alternates": urls}
    assert found == expected


def test_masters_section_is_served(client):
    root = parse(client.get("/sitemap-masters.xml"))
    assert root.tag == f"{{{NS['sm']}}}urlset"


def test_unknown_section_is_a_404(client):
    assert client.get("/sitemap-nope.xml").status_code == 404
