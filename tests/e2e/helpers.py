"""What the browser tests compare: the head a page shows against the head its DB content implies.

Expected values are derived from the database rows and from ``reverse`` under
``translation.override``, never from the code that renders the head, so a regression in
``features.pages.head`` or the templates shows up as a difference.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import lxml.etree
import lxml.html
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import iri_to_uri
from django.utils.text import Truncator
from playwright.sync_api import ConsoleMessage, Page, Request, Response

from features.articles.models import Article
from features.booking.models import Master
from features.pages.models import StaticPageSeo
from features.site_settings.models import SiteSettings
from tests.features.factories_booking import tomorrow

LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)
#: width -> height of the viewport: a laptop, and a common phone (390 x 844 CSS pixels).
VIEWPORTS = {1280: 800, 390: 844}
OG_LOCALES = {"en": "en_US", "de": "de_DE", "ru": "ru_RU", "ar": "ar_AR"}
STYLESHEET = "/static/css/site.css"


def master_day() -> str:
    """A demo master's page on tomorrow's date (its slot picker), in the active language."""
    return Master.objects.get(slug="anna-schmidt").get_absolute_url() + f"?date={tomorrow().isoformat()}"


Tag = tuple[str, tuple[tuple[str, str], ...]]

# Records CSP violations in the page itself; Playwright's init scripts are not subject to the page's CSP.
CSP_RECORDER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
});
"""


@dataclass
class BrowserErrors:
    """Everything that went wrong in a page besides its HTML: console errors, exceptions, CSP, requests."""

    page: Page
    messages: list[str] = field(default_factory=list)

    @classmethod
    def attach(cls, page: Page) -> BrowserErrors:
        """Listen to ``page``; its tab must run :data:`CSP_RECORDER` as an init script."""
        errors = cls(page)
        page.on("console", errors._on_console)
        page.on("pageerror", errors._on_page_error)
        page.on("requestfailed", errors._on_request_failed)
        page.on("response", errors._on_response)
        return errors

    def detach(self) -> None:
        self.page.remove_listener("console", self._on_console)
        self.page.remove_listener("pageerror", self._on_page_error)
        self.page.remove_listener("requestfailed", self._on_request_failed)
        self.page.remove_listener("response", self._on_response)

    def _on_page_error(self, error: Exception) -> None:
        self.messages.append(f"uncaught: {error}")

    def _on_console(self, message: ConsoleMessage) -> None:
        # Chromium asks every site for /favicon.ico; the demo has none (reported, not ours to add).
        if message.location.get("url", "").endswith("/favicon.ico"):
            return
        if message.type in {"error", "warning"}:
            self.messages.append(f"console {message.type}: {message.text}")

    def _on_request_failed(self, request: Request) -> None:
        # Leaving a page cancels the images it was still loading (lazy covers): not a broken page.
        # A missing image is a 404 response, reported by _on_response.
        if request.resource_type == "image" and request.failure == "net::ERR_ABORTED":
            return
        self.messages.append(f"request failed: {request.url} ({request.failure})")

    def _on_response(self, response: Response) -> None:
        # The document's own status is asserted by the tests; a broken sub-resource is an error.
        if response.status >= 400 and response.request.resource_type != "document":
            self.messages.append(f"HTTP {response.status}: {response.url}")

    def csp_violations(self) -> list[str]:
        return list(self.page.evaluate("window.__cspViolations"))

    def assert_clean(self, where: str) -> None:
        problems = [*self.messages, *self.csp_violations()]
        assert not problems, f"{where}: {problems}"
        self.messages.clear()


def visit(page: Page, url: str, errors: BrowserErrors | None = None) -> lxml.html.HtmlElement:
    """Open ``url`` in the browser, assert a 200 with a CSP header and a clean console; return the DOM."""
    response = page.goto(url)
    assert response is not None
    assert response.status == 200, f"{url} answered {response.status}"
    assert "script-src 'self'" in response.headers.get("content-security-policy", ""), url
    if errors is not None:
        errors.assert_clean(url)
    return lxml.html.fromstring(page.content())


def tag(element: str, /, **attrs: str) -> Tag:
    return (element, tuple(sorted(attrs.items())))


def head_tags(doc: lxml.html.HtmlElement) -> set[Tag]:
    """Every ``<meta>`` and ``<link>`` of the head; duplicates fail, so set equality forbids extras."""
    tags = [(el.tag, tuple(sorted(el.attrib.items()))) for el in doc.head.iter("meta", "link")]
    assert len(tags) == len(set(tags)), f"duplicate head tags: {sorted(tags)}"
    return set(tags)


def alternates(doc: lxml.html.HtmlElement) -> set[tuple[str, str]]:
    """``(hreflang, href)`` of the head's ``<link rel="alternate">``."""
    return {
        (el.get("hreflang"), el.get("href")) for el in doc.head.iter("link") if el.get("rel") == "alternate"
    }


def canonicals(doc: lxml.html.HtmlElement) -> list[str]:
    return [el.get("href") for el in doc.head.iter("link") if el.get("rel") == "canonical"]


def ld_blocks(doc: lxml.html.HtmlElement) -> list[dict[str, Any]]:
    """Parsed JSON-LD blocks of the head; any other ``<script>`` fails (the CSP allows no inline script)."""
    scripts = doc.xpath("//script")
    assert all(s.get("type") == "application/ld+json" for s in scripts), "only JSON-LD scripts are allowed"
    return [json.loads(s.text) for s in doc.xpath("//head/script")]


def breadcrumb_blocks(doc: lxml.html.HtmlElement) -> list[dict[str, Any]]:
    """The body's JSON-LD: the ``BreadcrumbList`` of the visible breadcrumbs."""
    return [json.loads(s.text) for s in doc.xpath("//body//script")]


def in_language(language: str, build: Callable[[], str]) -> str:
    with translation.override(language):
        return build()


def paths_of(build: Callable[[], str], query: str = "") -> dict[str, str]:
    """``{language: path}`` of one page, e.g. ``paths_of(article.get_absolute_url)``."""
    return {code: in_language(code, build) + query for code in LANGUAGES}


def url_paths(name: str, query: str = "", **kwargs: str) -> dict[str, str]:
    return paths_of(lambda: reverse(name, kwargs=kwargs or None), query)


@dataclass(frozen=True)
class SitemapEntry:
    """Everything a sitemap ``<url>`` says about its ``<loc>``."""

    lastmod: str | None
    changefreq: str | None
    priority: str | None
    alternates: frozenset[tuple[str, str]]  # (hreflang, href)
    images: tuple[str, ...] = ()  # <image:image><image:loc> (the articles' covers)


SITEMAP_NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
    "image": "http://www.google.com/schemas/sitemap-image/1.1",
}


def sitemap_entry(url: lxml.etree._Element) -> SitemapEntry:
    """Read one ``<url>``; an unexpected child element fails."""
    known = {f"{{{SITEMAP_NS['sm']}}}{name}" for name in ("loc", "lastmod", "changefreq", "priority")}
    known |= {f"{{{SITEMAP_NS['xhtml']}}}link", f"{{{SITEMAP_NS['image']}}}image"}
    extra = [child.tag for child in url if child.tag not in known]
    assert not extra, f"unexpected sitemap elements {extra}"
    return SitemapEntry(
        lastmod=url.findtext("sm:lastmod", namespaces=SITEMAP_NS),
        changefreq=url.findtext("sm:changefreq", namespaces=SITEMAP_NS),
        priority=url.findtext("sm:priority", namespaces=SITEMAP_NS),
        alternates=frozenset(
            (link.get("hreflang"), link.get("href"))
            for link in url.findall("xhtml:link", SITEMAP_NS)
            if link.get("rel") == "alternate"
        ),
        images=tuple(loc.text or "" for loc in url.findall("image:image/image:loc", SITEMAP_NS)),
    )


def page_entries(
    origin: str,
    paths: dict[str, str],
    *,
    updated: Iterable[datetime | None],
    changefreq: str | None = None,
    priority: str | None = None,
    images: tuple[str, ...] = (),
) -> dict[str, SitemapEntry]:
    """The sitemap entries of one page, one per language, dated by the newest of ``updated`` (a W3C date)."""
    dates = [moment for moment in updated if moment is not None]
    lastmod = timezone.localtime(max(dates)).date().isoformat() if dates else None
    links = {(code, origin + paths[code]) for code in LANGUAGES}
    links.add(("x-default", origin + paths[settings.SITEMAP_DEFAULT_LANGUAGE]))
    entry = SitemapEntry(lastmod, changefreq, priority, frozenset(links), images)
    return {origin + paths[code]: entry for code in LANGUAGES}


def organization(origin: str) -> dict[str, Any]:
    """The Organization JSON-LD every page carries, from the site settings row."""
    site = SiteSettings.load()
    handle = site.twitter_handle.lstrip("@")
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": site.site_name,
        "url": f"{origin}/",
        "email": site.contact_email,
        "telephone": site.phone,
        "address": {
            key: value
            for key, value in {
                "@type": "PostalAddress",
                "streetAddress": site.address,
                "postalCode": site.postal_code,
                "addressLocality": site.locality,
                "addressCountry": site.country,
            }.items()
            if value
        }
        if site.address
        else {},
        "sameAs": [
            url
            for url in (
                site.facebook_url,
                site.instagram_url,
                f"https://twitter.com/{handle}" if handle else "",
            )
            if url
        ],
    }
    return {key: value for key, value in data.items() if value}


@dataclass(frozen=True)
class ExpectedPage:
    """What one page in one language must show, derived from the database."""

    title: str
    description: str
    image: str
    type: str
    published: str = ""
    image_width: str = ""
    image_height: str = ""
    image_alt: str = ""
    entity: dict[str, str] | None = None  # the JSON-LD item after Organization: @type and name/headline


def absolute(origin: str, url: str) -> str:
    """A path placed on the canonical origin is a URI: ``"``, ``<``, spaces and non-ASCII percent-encoded
    (RFC 3987), ``&`` and ``'`` kept; an absolute URL the admin typed is published as given."""
    if not url or url.startswith(("http://", "https://")):
        return url
    return f"{origin}{iri_to_uri(url)}"


def expected_head(origin: str, language: str, paths: dict[str, str], page: ExpectedPage) -> set[Tag]:
    """The full set of head ``<meta>``/``<link>`` tags of a page in ``language``."""
    site = SiteSettings.load()
    canonical = origin + paths[language]
    image = absolute(origin, page.image)
    handle = site.twitter_handle.strip().lstrip("@")
    optional = {
        tag("meta", name="description", content=page.description): page.description,
        tag("meta", property="og:description", content=page.description): page.description,
        tag("meta", name="twitter:description", content=page.description): page.description,
        tag("meta", property="og:image", content=image): image,
        tag("meta", name="twitter:image", content=image): image,
        tag("meta", property="og:site_name", content=site.site_name): site.site_name,
        tag("meta", name="twitter:site", content=f"@{handle}"): handle,
        tag("meta", property="article:published_time", content=page.published): page.published,
        tag("meta", property="og:image:width", content=page.image_width): page.image_width,
        tag("meta", property="og:image:height", content=page.image_height): page.image_height,
        tag("meta", property="og:image:alt", content=page.image_alt): page.image_alt,
        tag("meta", name="twitter:image:alt", content=page.image_alt): page.image_alt,
    }
    return {
        tag("meta", charset="utf-8"),
        tag("meta", name="viewport", content="width=device-width, initial-scale=1"),
        tag("link", rel="canonical", href=canonical),
        *(tag("link", rel="alternate", hreflang=code, href=origin + paths[code]) for code in LANGUAGES),
        tag("link", rel="alternate", hreflang="x-default", href=origin + paths[settings.LANGUAGE_CODE]),
        tag("meta", property="og:url", content=canonical),
        tag("meta", property="og:type", content=page.type),
        tag("meta", property="og:title", content=page.title),
        tag("meta", property="og:locale", content=OG_LOCALES[language]),
        *(
            tag("meta", property="og:locale:alternate", content=OG_LOCALES[c])
            for c in LANGUAGES
            if c != language
        ),
        tag("meta", name="twitter:card", content="summary_large_image"),
        tag("meta", name="twitter:title", content=page.title),
        tag("link", rel="stylesheet", href=STYLESHEET),
        *(item for item, value in optional.items() if value),
    }


def expected_static_page(page_key: str, language: str) -> ExpectedPage:
    """A static page: its ``StaticPageSeo`` row, else the site name and tagline."""
    site = SiteSettings.load()
    with translation.override(language):
        seo = StaticPageSeo.objects.filter(page_key=page_key).first()
        return ExpectedPage(
            title=(seo and seo.seo_title) or site.site_name,
            description=(seo and seo.seo_description) or site.tagline,  # the tagline in `language`
            image=(seo and seo.seo_image) or site.default_share_image,
            type="website",
            # The contacts page also describes the salon itself (HairSalon, url: the home page).
            entity={"@type": "HairSalon", "name": site.site_name} if page_key == "contacts" else None,
        )


def expected_article_list(language: str, page_number: int = 1) -> ExpectedPage:
    site = SiteSettings.load()
    with translation.override(language):
        title = translation.gettext("Articles")
        if page_number > 1:
            title = translation.gettext("Articles, page %(number)s") % {"number": page_number}
        description = translation.gettext(
            "Care guides from our Berlin salon: haircuts, colour, shaving, nails and skin."
        )
    return ExpectedPage(title=title, description=description, image=site.default_share_image, type="website")


def expected_article(article: Article, language: str) -> ExpectedPage:
    site = SiteSettings.load()
    with translation.override(language):
        own = article.seo_image or (f"/static/img/covers/{article.cover}-960.webp" if article.cover else "")
        cover = bool(own and not article.seo_image)
        return ExpectedPage(
            title=article.seo_title or article.title,
            description=article.seo_description or article.summary,
            image=own or site.default_share_image,
            image_width="960" if cover else "",
            image_height="540" if cover else "",
            image_alt=article.cover_alt if cover else "",
            type="article",
            published=article.published_at.isoformat(),
            entity={"@type": "Article", "headline": article.title},
        )


def expected_master(master: Master, language: str) -> ExpectedPage:
    with translation.override(language):
        description = Truncator(" ".join(master.bio.split())).chars(160)
        alt = translation.gettext("Illustrated portrait of %(name)s") % {"name": master.name}
    return ExpectedPage(  # the demo masters' portraits are shipped in static/img/masters/
        title=master.name,
        description=description,
        image=f"/static/img/masters/{master.slug}-192.webp",
        image_width="192",
        image_height="192",
        image_alt=alt,
        type="profile",
        entity={"@type": "Person", "name": master.name},
    )


def save_change_form(page: Page, url: str, **fields: str | bool) -> None:
    """Open an admin change form, set ``fields`` (by field name) and press "Save"."""
    page.goto(url)
    for name, value in fields.items():
        selector = f"[name='{name}']"
        if isinstance(value, bool):
            page.set_checked(selector, value)
        else:
            page.fill(selector, value)
    with page.expect_navigation():
        page.click("input[name=_save]")
    assert page.locator(".errornote, .errorlist").count() == 0, page.content()
    assert page.locator(".messagelist .success").count() == 1
