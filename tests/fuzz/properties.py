"""What every response of the demo must satisfy, whatever the request.

- no 5xx;
- every ``Location`` and every URL in the page (``href``, ``src``, ``action``, URL-valued
  ``content``, JSON-LD strings, sitemap ``<loc>``, robots.txt lines) is relative or on one of
  our hosts, or is one of the off-site links the site itself shows on a plain request;
- HTML parses as HTML5 without an error and without a repeated ``id``; JSON-LD and XML parse.

URLs are read as a browser reads them (WHATWG): tabs and newlines dropped, surrounding spaces
stripped, ``\\`` taken as ``/``, so ``/\\evil.example`` counts as a link to evil.example.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit

from django.http import HttpResponse, HttpResponseBase
from lxml import etree
from lxml import html as lxml_html

from tests.html_checks import duplicate_ids, html5_errors

URL_ATTRIBUTES = ("href", "src", "action", "formaction", "poster", "cite", "srcset")
LINK_SCHEMES = {"", "http", "https", "mailto", "tel"}
WEB_SCHEMES = {"", "http", "https"}
_ABSOLUTE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:)?//")
_C0_AND_SPACE = "".join(chr(code) for code in range(0x21))
_TEXT_URL = re.compile(r"(?:https?:)?//[^\s\"'<>]+")


@dataclass(frozen=True)
class Site:
    """Our hosts, and the off-site URLs the site shows unprovoked (configured social links)."""

    hosts: frozenset[str]
    external: frozenset[str] = frozenset()


def _clean(value: str) -> str:
    """What a browser's URL parser starts from: no tab or newline, no control or space around."""
    return re.sub(r"[\t\n\r]", "", value).strip(_C0_AND_SPACE)


def browser_url(value: str) -> SplitResult:
    """``value`` split as a browser would resolve it for an http(s) page."""
    cleaned = _clean(value)
    parts = urlsplit(cleaned)
    if parts.scheme.lower() in WEB_SCHEMES:
        parts = urlsplit(cleaned.replace("\\", "/"))
    return parts


def _absolute(value: str) -> bool:
    return bool(_ABSOLUTE.match(_clean(value).replace("\\", "/")))


def off_site(value: str, site: Site, schemes: set[str] = LINK_SCHEMES) -> bool:
    """True when ``value`` leads to a host other than ours, or uses a scheme it should not."""
    if value in site.external:
        return False
    parts = browser_url(value)
    scheme = parts.scheme.lower()
    if scheme not in schemes:
        return True
    if scheme in ("mailto", "tel"):
        return False
    return bool(parts.netloc) and parts.netloc.lower() not in site.hosts


def page_urls(document: str) -> Iterator[tuple[str, str]]:
    """``(where, url)`` for every URL an HTML page carries."""
    root = lxml_html.fromstring(document)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for attribute in URL_ATTRIBUTES:
            value = element.get(attribute)
            if value is None:
                continue
            values = [v.strip().split(" ")[0] for v in value.split(",")] if attribute == "srcset" else [value]
            for url in values:
                yield f"<{element.tag} {attribute}>", url
        content = element.get("content")
        if content is not None:
            if (element.get("http-equiv") or "").lower() == "refresh":
                yield "<meta refresh>", re.sub(r"^[^;]*;\s*url=", "", content, flags=re.IGNORECASE)
            elif _absolute(content):
                yield f"<{element.tag} content>", content
    for script in root.xpath('//script[@type="application/ld+json"]'):
        for key, value in _json_strings(json.loads(script.text or "")):
            if key != "@context" and _absolute(value):
                yield f"JSON-LD {key}", value


def _json_strings(data: object, key: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(data, str):
        yield key, data
    elif isinstance(data, dict):
        for k, v in data.items():
            yield from _json_strings(v, str(k))
    elif isinstance(data, list):
        for v in data:
            yield from _json_strings(v, key)


#: Google's image sitemap extension: ``<image:loc>`` names an image file, not a page.
IMAGE_SITEMAP_NS = "http://www.google.com/schemas/sitemap-image/1.1"


def xml_urls(document: bytes) -> Iterator[tuple[str, str]]:
    root = etree.fromstring(document)  # our own sitemap; it must parse
    for element in root.iter():
        if isinstance(element.tag, str) and etree.QName(element).localname == "loc":
            image = etree.QName(element).namespace == IMAGE_SITEMAP_NS  # a cover, not a page
            yield "<image:loc>" if image else "<loc>", (element.text or "").strip()
        if element.get("href") is not None:
            yield f"<{etree.QName(element).localname} href>", element.get("href", "")


def body(response: HttpResponseBase) -> bytes:
    """The response's body, streamed or not (WhiteNoise streams the files of ``STATIC_ROOT``
    once ``collectstatic`` has filled it); a streamed body is read once and kept."""
    if not response.streaming:
        return bytes(response.content)
    kept: bytes | None = getattr(response, "_fuzz_body", None)
    if kept is None:
        kept = b"".join(response.streaming_content)
        response._fuzz_body = kept
    return kept


def body_urls(response: HttpResponseBase) -> Iterator[tuple[str, str]]:
    """Every URL in the body, by content type; parsing it is part of the check."""
    content_type = response.get("Content-Type", "")
    content = body(response)
    if not content:
        return
    if content_type.startswith("text/html"):
        yield from page_urls(content.decode())
    elif "xml" in content_type:
        yield from xml_urls(content)
    elif content_type.startswith("text/"):
        for match in _TEXT_URL.finditer(content.decode()):
            yield "text", match[0]


def assert_no_server_error(response: HttpResponse) -> None:
    assert response.status_code < 500, f"status {response.status_code}"


def assert_location_on_site(response: HttpResponse, site: Site) -> None:
    location = response.get("Location")
    if location is not None:
        assert not off_site(location, site, WEB_SCHEMES), f"redirect off site: Location {location!r}"


def assert_links_on_site(response: HttpResponse, site: Site) -> None:
    bad = [(where, url) for where, url in body_urls(response) if off_site(url, site)]
    assert bad == [], f"links off site: {bad[:5]}"


def assert_well_formed(response: HttpResponse) -> None:
    if not response.get("Content-Type", "").startswith("text/html") or not body(response):
        return
    document = body(response).decode()
    errors = html5_errors(document)
    assert errors == [], f"HTML5 parse errors: {errors[:3]}"
    repeated = duplicate_ids(document)
    assert repeated == [], f"repeated ids: {repeated}"


def check(response: HttpResponse, site: Site) -> None:
    """Every property above, on one response."""
    assert_no_server_error(response)
    assert_location_on_site(response, site)
    assert_well_formed(response)
    assert_links_on_site(response, site)
