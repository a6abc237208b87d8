"""The crawl: robots.txt, the sitemaps, every ``<loc>``, every head alternate, pagination links.

The crawl only collects; the rules in ``checks_*`` judge what it collected.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urljoin

from codex_core.testing.fetch import Fetcher, Origins, Response, origin_of
from codex_core.testing.parse import Page, parse_page
from codex_core.testing.rules import Violation
from codex_core.testing.sitemap import Entry, parse_sitemap, robots_sitemaps

#: How many rel=next hops the crawl follows from each page it loads.
PAGINATION_DEPTH = 2
MAX_SITEMAPS = 200


@dataclass(frozen=True)
class SiteSpec:
    """What the site is supposed to be: its languages, its canonical origin, the project's hooks."""

    origins: Origins
    languages: tuple[str, ...]
    default_language: str
    rtl_languages: frozenset[str] = frozenset()
    #: expected ``<lastmod>`` of a canonical ``<loc>``; ``None`` where the project dates nothing
    lastmod: Callable[[str], str | None] | None = None
    #: JSON-LD ``@type`` values a canonical URL must carry
    ld_types: Callable[[str], Iterable[str]] | None = None


@dataclass
class Crawl:
    """Everything fetched, keyed by canonical URL."""

    spec: SiteSpec
    robots: Response | None = None
    sitemaps: dict[str, Response] = field(default_factory=dict)
    sitemap_again: dict[str, Response] = field(default_factory=dict)
    entries: dict[str, Entry] = field(default_factory=dict)
    responses: dict[str, Response] = field(default_factory=dict)
    pages: dict[str, Page] = field(default_factory=dict)
    paginated: set[str] = field(default_factory=set)
    problems: list[Violation] = field(default_factory=list)


def crawl(spec: SiteSpec, fetch: Fetcher) -> Crawl:
    """Fetch robots.txt, the sitemap tree (twice), every page it names and their alternates."""
    result = Crawl(spec)
    origins = spec.origins
    result.robots = fetch(origins.request + "/robots.txt")
    names = robots_sitemaps(result.robots.body) if result.robots.status == 200 else []
    queue = list(names) or [origins.canonical + "/sitemap.xml"]
    while queue and len(result.sitemaps) < MAX_SITEMAPS:
        name = queue.pop(0)
        if name in result.sitemaps or not _ours(result, name):
            continue
        response = result.sitemaps[name] = fetch(origins.to_request(name))
        if response.status != 200:
            continue
        try:
            children, entries = parse_sitemap(response.body, source=name)
        except ValueError as error:
            result.problems.append(Violation("SEO002", name, str(error)))
            continue
        queue.extend(children)
        if entries:
            result.sitemap_again[name] = fetch(origins.to_request(name))
        for entry in entries:
            result.entries.setdefault(entry.loc, entry)
    for loc in result.entries:
        _load(result, fetch, loc)
    _load_alternates(result, fetch)
    for url in list(result.pages):
        _follow_pagination(result, fetch, url)
    _load_alternates(result, fetch)
    return result


def _load_alternates(result: Crawl, fetch: Fetcher) -> None:
    for url in list(result.pages):
        for link in result.pages[url].links("alternate"):
            if link.hreflang and link.href:
                _load(result, fetch, link.href)


def _ours(result: Crawl, url: str) -> bool:
    """Only the site's own URLs are fetched; one on another origin is SEO015's business, not a request."""
    return origin_of(url) in {result.spec.origins.canonical, result.spec.origins.request}


def _load(result: Crawl, fetch: Fetcher, url: str) -> None:
    if url in result.responses or not _ours(result, url):
        return
    response = result.responses[url] = fetch(result.spec.origins.to_request(url))
    if response.status == 200 and "html" in response.headers.get("content-type", "text/html"):
        result.pages[url] = parse_page(response.body)


def _follow_pagination(result: Crawl, fetch: Fetcher, url: str) -> None:
    current = url
    for _hop in range(PAGINATION_DEPTH):
        page = result.pages.get(current)
        nexts = [link.href for link in [*page.links("next"), *page.anchors_next] if link.href] if page else []
        if not nexts:
            return
        # rel=next is relative to the page as served; name it on the canonical origin
        target = result.spec.origins.to_canonical(urljoin(result.spec.origins.to_request(current), nexts[0]))
        result.paginated.add(target)
        _load(result, fetch, target)
        current = target
