"""Rules about shared URLs: canonical origin, Open Graph, Twitter cards (SEO015-018)."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from codex_core.testing.crawler import Crawl
from codex_core.testing.fetch import origin_of
from codex_core.testing.rules import Violation
from codex_core.testing.sitemap import robots_sitemaps

OG_REQUIRED = ("og:title", "og:type", "og:url", "og:image")
TWITTER_REQUIRED = ("twitter:card", "twitter:title")
ABSOLUTE = ("og:url", "og:image", "og:image:secure_url", "twitter:image")


def is_absolute(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in {"http", "https"} and bool(parts.netloc)


def check_origins(crawl: Crawl) -> Iterator[Violation]:
    """Every URL a search engine keeps must be on the canonical origin; none may name the request's."""
    canonical = crawl.spec.origins.canonical
    named: list[tuple[str, str, str]] = []  # (where, what, url)
    if crawl.robots is not None and crawl.robots.status == 200:
        named += [("/robots.txt", "Sitemap:", url) for url in robots_sitemaps(crawl.robots.body)]
    named += [(name, "sitemap", name) for name in crawl.sitemaps]
    for loc, entry in crawl.entries.items():
        named.append((entry.sitemap, "<loc>", loc))
        named += [(loc, f"sitemap hreflang={code}", href) for code, href in entry.alternates.items()]
    for url, page in crawl.pages.items():
        named += [(url, "canonical", link.href) for link in page.links("canonical")]
        named += [(url, f"hreflang={link.hreflang}", link.href) for link in page.links("alternate")]
        named += [(url, "og:url", content) for content in page.meta("og:url")]
    for where, what, url in named:
        if origin_of(url) != canonical:
            yield Violation("SEO015", where, f"{what} {url} is not on {canonical}")
    request = crawl.spec.origins.request
    if request != canonical:
        # images and JSON-LD may live on a CDN, but never on the host the request happened to use
        for url, page in crawl.pages.items():
            for key in ("og:image", "twitter:image"):
                for content in page.meta(key):
                    if origin_of(content) == request:
                        yield Violation("SEO015", url, f"{key} {content} names the request's host")
            for block in page.json_ld:
                if request in block:
                    yield Violation("SEO015", url, f"JSON-LD names the request's host {request}")


def check_social(crawl: Crawl) -> Iterator[Violation]:
    for url, page in crawl.pages.items():
        for key in OG_REQUIRED:
            values = page.meta(key)
            if len(values) != 1 or not values[0].strip():
                yield Violation("SEO016", url, f"{key}: {values}")
        og_url = page.meta("og:url")
        if len(og_url) == 1 and og_url[0] != url and url not in crawl.paginated:
            yield Violation("SEO016", url, f"og:url is {og_url[0]}")
        for key in ABSOLUTE:
            for content in page.meta(key):
                if not is_absolute(content):
                    yield Violation("SEO017", url, f"{key} {content!r} is not an absolute URL")
        for key in TWITTER_REQUIRED:
            values = page.meta(key)
            if len(values) != 1 or not values[0].strip():
                yield Violation("SEO018", url, f"{key}: {values}")
