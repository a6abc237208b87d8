"""Rules about responses: robots.txt, sitemaps, locs, alternates, lastmod (SEO001-004, 011, 012, 022, 023)."""

from __future__ import annotations

from collections.abc import Iterator

from codex_core.testing.crawler import Crawl
from codex_core.testing.fetch import Response
from codex_core.testing.rules import Violation
from codex_core.testing.sitemap import parse_sitemap, robots_sitemaps


def answer(response: Response) -> str:
    if 300 <= response.status < 400:
        return f"answered {response.status} redirecting to {response.location or '(no Location)'}"
    return f"answered {response.status}"


def check_fetches(crawl: Crawl) -> Iterator[Violation]:
    robots = crawl.robots
    if robots is None or robots.status != 200:
        yield Violation("SEO001", "/robots.txt", answer(robots) if robots else "not fetched")
    elif not robots_sitemaps(robots.body):
        yield Violation("SEO001", robots.url, "names no Sitemap:")
    for name, response in crawl.sitemaps.items():
        if response.status != 200:
            yield Violation("SEO002", name, answer(response))
    yield from crawl.problems
    locs = set(crawl.entries)
    for url, response in crawl.responses.items():
        if response.status != 200 and url in locs:
            yield Violation("SEO003", url, answer(response))
    for url, page in crawl.pages.items():
        for link in page.links("alternate"):
            if not link.hreflang:
                continue
            alternate = crawl.responses.get(link.href)
            if alternate is not None and alternate.status != 200 and link.href not in locs | crawl.paginated:
                yield Violation(
                    "SEO004", link.href, f"{answer(alternate)} (hreflang={link.hreflang} on {url})"
                )
            if link.href not in locs and url not in crawl.paginated:
                yield Violation("SEO012", link.href, f"hreflang={link.hreflang} on {url} is in no sitemap")


def check_sitemap_alternates(crawl: Crawl) -> Iterator[Violation]:
    for loc, entry in crawl.entries.items():
        page = crawl.pages.get(loc)
        if page is None:
            continue
        head = {link.hreflang: link.href for link in page.links("alternate") if link.hreflang}
        if head != entry.alternates:
            missing = sorted(set(head.items()) - set(entry.alternates.items()))
            extra = sorted(set(entry.alternates.items()) - set(head.items()))
            yield Violation("SEO011", loc, f"head only: {missing}; sitemap only: {extra}")


def check_lastmod(crawl: Crawl) -> Iterator[Violation]:
    hook = crawl.spec.lastmod
    for loc, entry in crawl.entries.items():
        expected = hook(loc) if hook else None
        if expected is not None and entry.lastmod != expected:
            yield Violation("SEO022", loc, f"<lastmod> is {entry.lastmod!r}, the data says {expected!r}")
    for name, again in crawl.sitemap_again.items():
        if again.status != 200:
            yield Violation("SEO023", name, f"second request {answer(again)}")
            continue
        try:
            _children, entries = parse_sitemap(again.body, source=name)
        except ValueError as error:
            yield Violation("SEO023", name, f"second request: {error}")
            continue
        for entry in entries:
            first = crawl.entries.get(entry.loc)
            if first is not None and first.sitemap == name and first.lastmod != entry.lastmod:
                yield Violation("SEO023", entry.loc, f"<lastmod> {first.lastmod!r} then {entry.lastmod!r}")
