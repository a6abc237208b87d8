"""Native-script paths (IRIs, RFC 3987) become URIs exactly once: canonical URLs, hreflang, sitemaps.

Django's ``reverse()`` percent-encodes a Unicode slug, but a ``get_absolute_url()`` written as
an f-string, or a path taken from ``request.path`` (which Django has decoded), is a raw IRI. Every
absolute URL ``codex_core`` publishes must be a URI: non-ASCII characters UTF-8 percent-encoded,
an existing ``%XX`` left alone (never ``%25XX``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import pytest
from django.core.checks import Error
from django.test import RequestFactory, override_settings
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import get_language

from codex_core.checks import check_canonical_url
from codex_core.sitemaps import BaseSitemap, index
from codex_core.urls import canonical_url
from tests.core.sitemap_xml import sitemap_xml
from tests.core.support_i18n.urls import ARTICLES

pytestmark = pytest.mark.urls("tests.core.support_i18n.urls")

CANONICAL = {"CANONICAL_DOMAIN": "example.com", "CODEX_CANONICAL_SCHEME": "https"}
SLUG = "العناية-باللحية"
ENCODED_SLUG = "%D8%A7%D9%84%D8%B9%D9%86%D8%A7%D9%8A%D8%A9-%D8%A8%D8%A7%D9%84%D9%84%D8%AD%D9%8A%D8%A9"
#: A URL that is a URI: printable ASCII only, every "%" starting a two-digit escape.
URI = re.compile(r"^(?:[!#$&'()*+,/:;=?@\[\]\w.~-]|%[0-9A-F]{2})+$", re.ASCII)


def test_the_encoded_slug_is_utf8_percent_encoding() -> None:
    assert quote(SLUG) == ENCODED_SLUG


@override_settings(**CANONICAL)
@pytest.mark.parametrize(
    ("path", "url"),
    [
        (f"/ar/articles/{SLUG}/", f"https://example.com/ar/articles/{ENCODED_SLUG}/"),
        (f"/ar/articles/{ENCODED_SLUG}/", f"https://example.com/ar/articles/{ENCODED_SLUG}/"),
        ("/de/über/%C3%BC/", "https://example.com/de/%C3%BCber/%C3%BC/"),
        ("/en/a b/", "https://example.com/en/a%20b/"),
        ("/en/about/", "https://example.com/en/about/"),
    ],
    ids=["raw", "already-encoded", "mixed", "space", "ascii"],
)
def test_canonical_url_encodes_an_iri_exactly_once(path: str, url: str) -> None:
    assert canonical_url(path) == url


@override_settings(DEBUG=True, CANONICAL_DOMAIN="")
def test_canonical_url_without_a_domain_is_an_encoded_path() -> None:
    assert canonical_url(f"/ar/articles/{SLUG}/") == f"/ar/articles/{ENCODED_SLUG}/"


@override_settings(**CANONICAL)
def test_reverse_already_encodes_so_head_links_are_not_encoded_twice(client) -> None:
    with translation.override("ar"):
        path = reverse("article", kwargs={"slug": "مرحبا"})
    assert path == f"/ar/articles/{quote('مرحبا')}/"
    html = client.get(f"/ar/articles/{'مرحبا'}/").content.decode()
    hrefs = re.findall(r'href="([^"]+)"', html)
    assert f'<link rel="canonical" href="https://example.com{path}">' in html
    assert f'<link rel="alternate" hreflang="ar" href="https://example.com{path}">' in html
    assert '<a href="/de/articles/hallo/">de</a>' in html
    assert all(URI.match(href) for href in hrefs), hrefs
    assert "%25" not in html


@dataclass
class RawPathItem:
    """An object whose ``get_absolute_url()`` builds its path by hand, as many projects do."""

    slugs: dict[str, str]

    def get_absolute_url(self) -> str:
        return f"/{get_language()}/articles/{self.slugs[get_language()]}/"


class RawPathSitemap(BaseSitemap):
    languages = ["en", "ar"]  # type: ignore[assignment]

    def items(self) -> list[RawPathItem]:
        return [RawPathItem({"en": "beard-care", "ar": SLUG})]


class ReversedSitemap(BaseSitemap):
    def items(self) -> list[Any]:
        return ARTICLES


@pytest.mark.django_db  # the sitemap template renders with the project's context processors
@override_settings(ALLOWED_HOSTS=["example.com"], **CANONICAL)
def test_sitemap_encodes_a_hand_built_iri_in_loc_and_in_every_href(rf: RequestFactory) -> None:
    xml = sitemap_xml(RawPathSitemap(), rf)
    arabic = f"https://example.com/ar/articles/{ENCODED_SLUG}/"
    english = "https://example.com/en/articles/beard-care/"
    alternates = (
        f'<xhtml:link rel="alternate" hreflang="en" href="{english}"/>'
        f'<xhtml:link rel="alternate" hreflang="ar" href="{arabic}"/>'
        f'<xhtml:link rel="alternate" hreflang="x-default" href="{english}"/>'
    )
    assert f"<url><loc>{english}</loc>{alternates}</url>" in xml
    assert f"<url><loc>{arabic}</loc>{alternates}</url>" in xml
    assert SLUG not in xml


@pytest.mark.django_db
@override_settings(ALLOWED_HOSTS=["example.com"], **CANONICAL)
def test_sitemap_of_reversed_arabic_slugs_is_encoded_once(rf: RequestFactory) -> None:
    xml = sitemap_xml(ReversedSitemap(), rf)
    locations = re.findall(r"<loc>([^<]+)</loc>", xml) + re.findall(r'href="([^"]+)"', xml)
    arabic = [url for url in locations if "/ar/" in url]
    assert f"https://example.com/ar/articles/{quote('مرحبا')}/" in arabic
    assert f"https://example.com/ar/articles/{quote('وداعا')}/" in arabic
    assert all(URI.match(url) for url in locations), locations
    assert "%25" not in xml


def _section(request: Any, section: str) -> None:
    raise AssertionError("never requested")


#: For the index test: a section URL that carries the section's (Arabic) name.
urlpatterns = [path("sitemap-<str:section>.xml", _section, name="section")]


@pytest.mark.urls(__name__)
@pytest.mark.django_db
@override_settings(ALLOWED_HOSTS=["example.com"], **CANONICAL)
def test_sitemap_index_locations_are_uris(rf: RequestFactory) -> None:
    response = index(rf.get("/sitemap.xml"), {"مقالات": RawPathSitemap}, sitemap_url_name="section")
    response.render()
    xml = response.content.decode()
    assert f"<loc>https://example.com/sitemap-{quote('مقالات')}.xml</loc>" in xml
    assert "%25" not in xml


@pytest.mark.parametrize("domain", ["friseur-müller.de", "xn--friseur-mller-4ob.de:8000"])
def test_a_non_ascii_canonical_domain_is_e004_with_its_ascii_form(settings, domain: str) -> None:
    settings.CANONICAL_DOMAIN = domain
    errors = [e for e in check_canonical_url() if e.id == "codex_core.E004"]
    if domain.isascii():
        assert errors == []
        return
    assert errors == [
        Error(
            "CANONICAL_DOMAIN 'friseur-müller.de' is not ASCII; URLs need the host's IDNA (punycode) form.",
            hint="Set CANONICAL_DOMAIN = 'xn--friseur-mller-4ob.de'.",
            id="codex_core.E004",
        )
    ]
