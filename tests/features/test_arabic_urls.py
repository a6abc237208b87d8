"""A native-script Arabic slug end to end: it resolves, redirects, and every URL naming it is a URI.

``/ar/<articles>/العناية-باللحية/`` is an IRI. The browser sends it percent-encoded; links,
canonical, hreflang, ``og:url``, JSON-LD, breadcrumbs, the switcher, redirects and sitemaps must
all carry its UTF-8 percent-encoding, exactly once (never raw, never ``%25D8``).
"""

from __future__ import annotations

import json
import re
from urllib.parse import quote, unquote

import lxml.html
import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from lxml import etree

from features.articles.models import Article
from tests.features.factories_articles import (
    LANGUAGES,
    ORIGIN,
    make_article,
    make_site_settings,
    use_test_site,
)

pytestmark = pytest.mark.django_db

SLUG = "العناية-باللحية"
ENCODED = "%D8%A7%D9%84%D8%B9%D9%86%D8%A7%D9%8A%D8%A9-%D8%A8%D8%A7%D9%84%D9%84%D8%AD%D9%8A%D8%A9"
#: Printable ASCII only, every "%" starting a two-digit upper-case escape.
URI = re.compile(r"^(?:[!#$&'()*+,/:;=?@\[\]\w.~-]|%[0-9A-F]{2})*$", re.ASCII)
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


@pytest.fixture(autouse=True)
def _site(settings):
    use_test_site(settings)
    make_site_settings()


@pytest.fixture
def article() -> Article:
    return make_article("Beard care", slug_en="beard-care", slug_ar=SLUG, title_ar="العناية باللحية")


def path_of(article: Article, language: str) -> str:
    with translation.override(language):
        return article.get_absolute_url()


def articles_prefix(language: str) -> str:
    with translation.override(language):
        return reverse("articles:list")


def test_the_arabic_path_is_the_utf8_percent_encoding_of_the_iri(article):
    assert path_of(article, "ar") == f"{articles_prefix('ar')}{ENCODED}/"
    assert unquote(path_of(article, "ar")) == f"{unquote(articles_prefix('ar'))}{SLUG}/"


@pytest.mark.parametrize("form", ["encoded", "raw"])
def test_the_page_answers_under_the_encoded_and_the_raw_iri(client, article, form):
    path = path_of(article, "ar")
    response = client.get(path if form == "encoded" else unquote(path))
    assert response.status_code == 200
    doc = lxml.html.fromstring(response.content)
    assert doc.findtext(".//h1") == "العناية باللحية"


def _urls_in(doc) -> list[str]:
    """Every URL the page publishes: hrefs, srcsets, og/twitter URLs and JSON-LD url-ish values."""
    urls = [el.get("href") for el in doc.iter("a", "link")]
    urls += [el.get("content") for el in doc.xpath("//meta[@property='og:url' or @property='og:image']")]
    for script in doc.xpath("//script[@type='application/ld+json']"):
        urls += _ld_urls(json.loads(script.text))
    return urls


def _ld_urls(value) -> list[str]:
    if isinstance(value, dict):
        return [url for item in value.values() for url in _ld_urls(item)]
    if isinstance(value, list):
        return [url for item in value for url in _ld_urls(item)]
    return [value] if isinstance(value, str) and value.startswith(("http://", "https://", "/")) else []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_url_of_the_page_names_the_arabic_slug_encoded_once(client, article, language):
    arabic = ORIGIN + path_of(article, "ar")
    doc = lxml.html.fromstring(client.get(path_of(article, language)).content)
    urls = _urls_in(doc)
    assert all(URI.match(url) for url in urls), [url for url in urls if not URI.match(url)]
    assert not [url for url in urls if "%25" in url]
    assert doc.xpath("//link[@hreflang='ar']/@href") == [arabic]
    switcher = doc.xpath("//nav[@class='language-switcher']//a[@hreflang='ar']/@href")
    assert switcher == [path_of(article, "ar")]
    if language == "ar":
        assert doc.xpath("//link[@rel='canonical']/@href") == [arabic]
        assert doc.xpath("//meta[@property='og:url']/@content") == [arabic]
        ld = [json.loads(s.text) for s in doc.xpath("//script[@type='application/ld+json']")]
        assert [d["mainEntityOfPage"] for d in ld if d["@type"] == "Article"] == [arabic]
        crumbs = next(d for d in ld if d["@type"] == "BreadcrumbList")["itemListElement"]
        assert crumbs[-1]["item"] == arabic
        assert crumbs[1]["item"] == ORIGIN + articles_prefix("ar")


def test_the_english_slug_under_arabic_redirects_to_the_encoded_arabic_url(client, article):
    with translation.override("ar"):
        wrong = reverse("articles:detail", kwargs={"slug": "beard-care"})
    response = client.get(wrong)
    assert response.status_code == 301
    assert response["Location"] == path_of(article, "ar")


@pytest.mark.parametrize("form", ["encoded", "raw"])
def test_the_arabic_slug_under_english_redirects_to_the_english_url(client, article, form):
    wrong = f"{articles_prefix('en')}{ENCODED if form == 'encoded' else SLUG}/"
    response = client.get(wrong)
    assert response.status_code == 301
    assert response["Location"] == path_of(article, "en")


def test_a_unicode_fallback_slug_is_a_404_not_a_redirect_to_itself(client):
    """No Arabic slug: the Arabic URL falls back to the English slug, which is not an Arabic one."""
    article = make_article("Café", slug_en="café-crème")
    Article.objects.filter(pk=article.pk).update(slug_ar=None)
    path = f"{articles_prefix('ar')}{quote('café-crème')}/"
    assert path_of(Article.objects.get(pk=article.pk), "ar") == path
    response = client.get(path)
    assert response.status_code == 404


def test_the_sitemap_names_the_arabic_url_encoded_once_in_loc_and_every_href(client, article):
    body = client.get("/sitemap-articles.xml").content
    root = etree.fromstring(body)
    arabic = ORIGIN + path_of(article, "ar")
    locations = [loc.text for loc in root.iterfind(".//sm:loc", NS)]
    hrefs = [link.get("href") for link in root.iterfind(".//xhtml:link", NS)]
    assert arabic in locations
    assert hrefs.count(arabic) == len(LANGUAGES)  # the ar alternate of every language's entry
    assert all(URI.match(url) for url in locations + hrefs)
    assert b"%25" not in body
    assert SLUG.encode() not in body


DIRECTIONS = [("en", "ltr"), ("de", "ltr"), ("ru", "ltr"), ("ar", "rtl")]


@pytest.mark.parametrize(("language", "direction"), DIRECTIONS)
def test_html_dir_follows_the_language_and_contact_links_stay_left_to_right(client, language, direction):
    with translation.override(language):
        doc = lxml.html.fromstring(client.get(reverse("pages:contacts")).content)
    assert (doc.get("lang"), doc.get("dir")) == (language, direction)
    contact_links = doc.xpath("//a[starts-with(@href, 'tel:') or starts-with(@href, 'mailto:')]")
    assert len(contact_links) == 4  # the page's and the footer's phone and e-mail
    assert {a.get("dir") for a in contact_links} == {"ltr"}
    switcher = doc.xpath("//nav[@class='language-switcher']//a")
    assert [(a.get("lang"), a.get("dir"), a.text) for a in switcher] == [
        ("en", "ltr", "English"),
        ("de", "ltr", "Deutsch"),
        ("ru", "ltr", "Русский"),
        ("ar", "rtl", "العربيّة"),
    ]


@pytest.mark.parametrize("template", ["400.html", "500.html"])
def test_the_standalone_error_pages_are_right_to_left_in_arabic(template):
    with translation.override("ar"):
        html = render_to_string(template)
    assert '<html lang="ar" dir="rtl">' in html
