"""Sitemaps against the live server: schema-valid, complete, every <loc> loads, alternates match the heads."""

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
from tests.e2e.helpers import LANGUAGES, alternates, canonicals, paths_of, url_paths

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


def expected_locations(origin: str) -> set[str]:
    """Every public page in every language, from the database."""
    paths: list[dict[str, str]] = [url_paths(f"pages:{key}") for key in ("home", "about", "contacts")]
    paths += [paths_of(article.get_absolute_url) for article in Article.objects.public()]
    paths += [paths_of(master.get_absolute_url) for master in Master.objects.filter(is_active=True)]
    return {origin + by_language[code] for by_language in paths for code in LANGUAGES}


def test_sitemaps_are_valid_complete_and_agree_with_every_page_head(demo: str) -> None:
    origin = demo
    index = valid_xml(f"{origin}{reverse('sitemap_index')}", "siteindex.xsd")
    sections = index.xpath("//sm:sitemap/sm:loc/text()", namespaces=NS)
    assert sections == [f"{origin}{reverse('sitemap_section', args=[name])}" for name in SITEMAPS]

    entries: dict[str, set[tuple[str, str]]] = {}
    for section in sections:
        doc = valid_xml(section, "sitemap-hreflang.xsd")
        for url in doc.xpath("//sm:url", namespaces=NS):
            loc = url.findtext("sm:loc", namespaces=NS)
            assert loc not in entries, f"{loc} listed twice"
            links = url.xpath("xhtml:link", namespaces=NS)
            entries[loc] = {(link.get("hreflang"), link.get("href")) for link in links}
    assert set(entries) == expected_locations(origin)

    for loc, sitemap_alternates in entries.items():
        status, _content_type, body = fetch(loc)
        assert status == 200, loc
        head = lxml.html.fromstring(body)
        assert canonicals(head) == [loc]
        assert alternates(head) == sitemap_alternates, loc
        assert {code for code, _href in sitemap_alternates} == {*LANGUAGES, "x-default"}
        assert loc in {href for _code, href in sitemap_alternates}


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
