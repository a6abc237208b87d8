"""Sitemaps on the live server: schema-valid, whole entries as the DB implies, each <loc> loads."""

from __future__ import annotations

import urllib.request
from functools import cache
from pathlib import Path

import lxml.etree
import lxml.html
import pytest
from django.urls import reverse

from demo_site.urls import SITEMAPS
from features.articles.models import Article
from features.booking.models import Master
from features.pages.models import StaticPageSeo
from tests.e2e.helpers import (
    LANGUAGES,
    SitemapEntry,
    alternates,
    canonicals,
    page_entries,
    paths_of,
    sitemap_entry,
    url_paths,
)

pytestmark = pytest.mark.django_db(transaction=True)

DATA = Path(__file__).parent / "data"
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


@cache
def schema(name: str) -> lxml.etree.XMLSchema:
    return lxml.etree.XMLSchema(lxml.etree.parse(str(DATA / name)))


def fetch(url: str) -> tuple[int, str, bytes]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.headers.get("Content-Type", ""), response.read()


def valid_xml(url: str, schema_name: str) -> lxml.etree._Element:
    status, content_type, body = fetch(url)
    assert status == 200, url
    assert content_type.startswith("application/xml"), (url, content_type)
    doc = lxml.etree.fromstring(body)
    xsd = schema(schema_name)
    assert xsd.validate(doc), f"{url}: {xsd.error_log}"
    return doc


def expected_entries(origin: str) -> dict[str, SitemapEntry]:
    """Every public page in every language with its whole entry, from the database."""
    static = {row.page_key: row.updated_at for row in StaticPageSeo.objects.all()}
    articles = list(Article.objects.public())
    masters = list(Master.objects.filter(is_active=True))
    found: dict[str, SitemapEntry] = {}
    for key in ("home", "about", "contacts"):
        found |= page_entries(origin, url_paths(f"pages:{key}"), updated=[static.get(key)])
    found |= page_entries(
        origin,
        url_paths("articles:list"),
        updated=[a.updated_at for a in articles],
        changefreq="daily",
        priority="0.7",
    )
    for article in articles:
        paths = paths_of(article.get_absolute_url)
        cover = (f"{origin}/static/img/covers/{article.cover}-960.webp",) if article.cover else ()
        found |= page_entries(
            origin, paths, updated=[article.updated_at], changefreq="weekly", priority="0.6", images=cover
        )
    found |= page_entries(
        origin,
        url_paths("booking:master_list"),
        updated=[m.updated_at for m in masters],
        changefreq="weekly",
        priority="0.7",
    )
    for master in masters:
        paths = paths_of(master.get_absolute_url)
        found |= page_entries(origin, paths, updated=[master.updated_at], changefreq="weekly", priority="0.6")
    return found


def test_sitemaps_are_valid_complete_and_agree_with_every_page_head(demo: str) -> None:
    origin = demo
    index = valid_xml(f"{origin}{reverse('sitemap_index')}", "siteindex.xsd")
    sections = {
        el.findtext("sm:loc", namespaces=NS): el.findtext("sm:lastmod", namespaces=NS)
        for el in index.xpath("//sm:sitemap", namespaces=NS)
    }
    assert list(sections) == [f"{origin}{reverse('sitemap_section', args=[name])}" for name in SITEMAPS]

    entries: dict[str, SitemapEntry] = {}
    for section, section_lastmod in sections.items():
        doc = valid_xml(section, "sitemap-hreflang.xsd")
        dates = set()
        for url in doc.xpath("//sm:url", namespaces=NS):
            loc = url.findtext("sm:loc", namespaces=NS)
            assert loc not in entries, f"{loc} listed twice"
            entries[loc] = sitemap_entry(url)
            dates.add(entries[loc].lastmod)
        # Every demo page is dated; the index dates each section by its newest entry.
        assert None not in dates, section
        assert section_lastmod[:10] == max(dates), section
    expected = expected_entries(origin)
    # 3 static pages, the article list, the master list, the articles, the masters: in every language.
    assert len(LANGUAGES) == 4
    assert len(expected) == len(LANGUAGES) * (
        5 + Article.objects.public().count() + Master.objects.filter(is_active=True).count()
    )
    assert entries == expected

    for loc, entry in entries.items():
        status, _content_type, body = fetch(loc)
        assert status == 200, loc
        assert loc.isascii(), f"{loc}: a sitemap URL is a URI"
        assert "%25" not in loc, f"{loc}: encoded once"
        head = lxml.html.fromstring(body)
        assert canonicals(head) == [loc]
        assert alternates(head) == entry.alternates, loc
        assert {code for code, _href in entry.alternates} == {*LANGUAGES, "x-default"}
        assert loc in {href for _code, href in entry.alternates}


def test_robots_txt_points_at_the_sitemap_index(demo: str) -> None:
    status, content_type, body = fetch(f"{demo}/robots.txt")
    assert status == 200
    assert content_type == "text/plain; charset=utf-8"
    assert f"Sitemap: {demo}{reverse('sitemap_index')}" in body.decode().splitlines()


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ("<loc>http://example.com/a/</loc><priority>1.5</priority>", "priority above 1.0"),
        ("<loc>http://example.com/a/</loc><changefreq>sometimes</changefreq>", "unknown changefreq"),
        ("<lastmod>2025-01-01</lastmod>", "no loc"),
        ("<loc>http://example.com/a/</loc><lastmod>yesterday</lastmod>", "lastmod not a W3C date"),
        (
            '<loc>http://example.com/a/</loc><xhtml:link rel="alternate" href="http://example.com/"/>',
            "no hreflang",
        ),
        ('<loc>http://example.com/a/</loc><xhtml:meta name="x"/>', "undeclared xhtml element"),
    ],
)
def test_the_schema_rejects_broken_sitemaps(entry: str, problem: str) -> None:
    document = f'<urlset xmlns="{NS["sm"]}" xmlns:xhtml="{NS["xhtml"]}"><url>{entry}</url></urlset>'
    assert not schema("sitemap-hreflang.xsd").validate(lxml.etree.fromstring(document)), problem
