"""Head rules: canonical, hreflang, lang, dir, pagination, switcher (SEO005-010, 013, 014, 024, 025)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urljoin

from codex_core.testing.checks_fetch import answer
from codex_core.testing.crawler import Crawl
from codex_core.testing.parse import Page
from codex_core.testing.rules import Violation

# RFC 5646 language-tag syntax (langtag; grandfathered and private-use tags are not hreflang values)
BCP47 = re.compile(
    r"^[a-z]{2,3}(-[a-z]{3}){0,3}(-[a-z]{4})?(-([a-z]{2}|[0-9]{3}))?"
    r"(-([a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*(-[a-wyz0-9](-[a-z0-9]{2,8})+)*$",
    re.IGNORECASE,
)


def hreflangs(page: Page) -> list[tuple[str, str]]:
    return [(link.hreflang, link.href) for link in page.links("alternate") if link.hreflang]


def own_language(url: str, page: Page) -> str | None:
    return next((code for code, href in hreflangs(page) if href == url and code != "x-default"), None)


def check_head(crawl: Crawl) -> Iterator[Violation]:
    spec = crawl.spec
    wanted = {code.lower() for code in spec.languages} | {"x-default"}
    for url, page in crawl.pages.items():
        canonicals = [link.href for link in page.links("canonical")]
        if len(canonicals) != 1:
            yield Violation("SEO005", url, f"{len(canonicals)} canonical links: {canonicals}")
        elif canonicals[0] != url and url not in crawl.paginated:
            yield Violation("SEO006", url, f"canonical is {canonicals[0]}")
        pairs = hreflangs(page)
        codes = [code.lower() for code, _href in pairs]
        if pairs and (set(codes) != wanted or len(codes) != len(set(codes))):
            yield Violation("SEO007", url, f"hreflang {sorted(codes)}, expected {sorted(wanted)}")
        for code, _href in pairs:
            if code != "x-default" and not BCP47.match(code):
                yield Violation("SEO008", url, f"hreflang={code!r} is not a BCP 47 tag")
        by_code = {code.lower(): href for code, href in pairs}
        default = by_code.get(spec.default_language.lower())
        if "x-default" in by_code and by_code["x-default"] != default:
            yield Violation(
                "SEO009", url, f"x-default is {by_code['x-default']}, {spec.default_language} is {default}"
            )
        yield from _reciprocal(crawl, url, page)
        yield from _lang_dir(crawl, url, page)
        yield from _switcher(crawl, url, page)
    for url in sorted(crawl.paginated):
        response = crawl.responses.get(url)
        if response is None or response.status != 200:
            yield Violation("SEO024", url, answer(response) if response else "not fetched")
            continue
        if (paginated := crawl.pages.get(url)) is not None:
            canonicals = [link.href for link in paginated.links("canonical")]
            if canonicals != [url]:
                yield Violation("SEO024", url, f"canonical is {canonicals}, not the page itself")


def _reciprocal(crawl: Crawl, url: str, page: Page) -> Iterator[Violation]:
    mine = set(hreflangs(page))
    for code, href in sorted(mine):
        other = crawl.pages.get(href)
        if href == url or other is None:
            continue
        theirs = set(hreflangs(other))
        if theirs != mine:
            yield Violation(
                "SEO010", url, f"hreflang={code} {href} lists {sorted(theirs ^ mine)} differently"
            )


def _lang_dir(crawl: Crawl, url: str, page: Page) -> Iterator[Violation]:
    own = own_language(url, page)
    lang = page.html_lang
    if not lang or (own is not None and lang.lower() != own.lower()):
        yield Violation("SEO013", url, f"<html lang={lang!r}>, its hreflang says {own!r}")
    primary = (lang or own or "").split("-")[0].lower()
    expected = "rtl" if primary in crawl.spec.rtl_languages else "ltr"
    if (page.html_dir or "ltr").lower() != expected:
        yield Violation("SEO014", url, f"<html dir={page.html_dir!r}> for {lang!r}, expected {expected!r}")


def _switcher(crawl: Crawl, url: str, page: Page) -> Iterator[Violation]:
    origins = crawl.spec.origins
    alternates = {code.lower(): href for code, href in hreflangs(page)}
    for link in page.switcher:
        target = origins.to_canonical(urljoin(origins.to_request(url), link.href))
        expected = alternates.get(link.hreflang.lower())
        if expected is None:
            continue
        if target != expected:
            yield Violation(
                "SEO025", url, f"switcher hreflang={link.hreflang} goes to {target}, not {expected}"
            )
