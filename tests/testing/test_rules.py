"""Each rule of the kit bites: one realistic bug at a time on the fake site, and the good site is clean."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from codex_core.testing import RULES, Origins, Report, SiteSpec, run_audit
from tests.testing.fake_site import LASTMOD, Doc, FakeServer


def audit(fake: FakeServer) -> Report:
    spec = SiteSpec(
        origins=Origins(canonical=fake.canonical, request=fake.origin),
        languages=("en", "de"),
        default_language="en",
        rtl_languages=frozenset({"ar", "he"}),
        lastmod=lambda loc: LASTMOD,
        ld_types=lambda url: {"Organization"},
    )
    return run_audit(spec)


def replace(path: str, old: str, new: str, count: int = 1) -> Callable[[FakeServer], None]:
    def mutate(fake: FakeServer) -> None:
        doc = fake.docs[path]
        assert old in doc.body, (path, old)
        doc.body = doc.body.replace(old, new, count)

    return mutate


def set_doc(path: str, doc: Doc) -> Callable[[FakeServer], None]:
    def mutate(fake: FakeServer) -> None:
        fake.docs[path] = doc

    return mutate


def drop_url(loc_path: str) -> Callable[[FakeServer], None]:
    def mutate(fake: FakeServer) -> None:
        doc = fake.docs["/sitemap-pages.xml"]
        doc.body, found = re.subn(rf"<url><loc>\{{C\}}{re.escape(loc_path)}</loc>.*?</url>", "", doc.body)
        assert found == 1

    return mutate


def moving_lastmod(fake: FakeServer) -> None:
    counter = itertools.count()

    def hook(path: str, body: bytes) -> bytes:
        if path == "/sitemap-pages.xml":
            return body.replace(LASTMOD.encode(), f"2025-01-{next(counter) % 9 + 1:02d}".encode())
        return body

    fake.hook = hook


SOCIAL = '<meta property="og:image" content="{C}/s.png">'
BROKEN: list[tuple[str, str, Callable[[FakeServer], None]]] = [
    (
        "SEO001",
        "robots.txt names no sitemap",
        set_doc("/robots.txt", Doc("User-agent: *\n", content_type="text/plain")),
    ),
    ("SEO001", "robots.txt is missing", set_doc("/robots.txt", Doc("gone", status=404))),
    (
        "SEO002",
        "a sitemap redirects",
        set_doc("/sitemap-pages.xml", Doc("", 301, headers={"Location": "{C}/s.xml"})),
    ),
    ("SEO002", "a sitemap is not XML", replace("/sitemap-pages.xml", "</urlset>", "")),
    ("SEO003", "a loc redirects", set_doc("/de/", Doc("", 301, headers={"Location": "{C}/de/start/"}))),
    ("SEO003", "a loc is gone", set_doc("/de/liste/", Doc("gone", status=404))),
    (
        "SEO004",
        "an alternate 404s",
        replace("/en/", 'hreflang="de" href="{C}/de/"', 'hreflang="de" href="{C}/de/x/"'),
    ),
    (
        "SEO005",
        "two canonicals",
        replace("/en/", '<link rel="canonical" href="{C}/en/">', '<link rel="canonical" href="{C}/en/">' * 2),
    ),
    ("SEO005", "no canonical", replace("/en/", '<link rel="canonical" href="{C}/en/">', "")),
    (
        "SEO006",
        "canonical to another language",
        replace("/de/", 'rel="canonical" href="{C}/de/"', 'rel="canonical" href="{C}/en/"'),
    ),
    (
        "SEO007",
        "x-default missing",
        replace("/en/", '<link rel="alternate" hreflang="x-default" href="{C}/en/">', ""),
    ),
    ("SEO007", "a language twice", replace("/en/", 'hreflang="de"', 'hreflang="en"')),
    ("SEO008", "underscore tag", replace("/en/", 'hreflang="de"', 'hreflang="de_DE"')),
    (
        "SEO009",
        "x-default on the wrong language",
        replace("/en/", 'hreflang="x-default" href="{C}/en/"', 'hreflang="x-default" href="{C}/de/"'),
    ),
    (
        "SEO010",
        "alternates not reciprocal",
        replace("/de/liste/", 'hreflang="en" href="{C}/en/list/"', 'hreflang="en" href="{C}/en/"'),
    ),
    (
        "SEO011",
        "sitemap alternate differs",
        replace(
            "/sitemap-pages.xml", 'hreflang="de" href="{C}/de/"/>', 'hreflang="de" href="{C}/de/start/"/>'
        ),
    ),
    ("SEO012", "a translation missing from the sitemap", drop_url("/de/liste/")),
    ("SEO013", "html lang of the wrong language", replace("/de/", '<html lang="de">', '<html lang="en">')),
    ("SEO013", "no html lang", replace("/de/", '<html lang="de">', "<html>")),
    (
        "SEO014",
        "rtl on a left-to-right language",
        replace("/en/", '<html lang="en">', '<html lang="en" dir="rtl">'),
    ),
    (
        "SEO015",
        "canonical on the request host",
        replace("/en/", 'rel="canonical" href="{C}/en/"', 'rel="canonical" href="{R}/en/"'),
    ),
    ("SEO015", "og:image on the request host", replace("/en/", SOCIAL, SOCIAL.replace("{C}", "{R}"))),
    (
        "SEO015",
        "robots names the request host",
        set_doc("/robots.txt", Doc("Sitemap: {R}/sitemap.xml\n", content_type="text/plain")),
    ),
    (
        "SEO015",
        "sitemap loc on https",
        replace(
            "/sitemap-pages.xml",
            "<loc>{C}/en/</loc>",
            "<loc>{C}/en/</loc>".replace("{C}", "https://localhost"),
        ),
    ),
    ("SEO016", "og:image missing", replace("/en/", SOCIAL, "")),
    (
        "SEO016",
        "og:url not the canonical",
        replace("/en/", 'property="og:url" content="{C}/en/"', 'property="og:url" content="{C}/"'),
    ),
    ("SEO017", "relative og:image", replace("/en/", SOCIAL, SOCIAL.replace("{C}", ""))),
    ("SEO018", "twitter:card missing", replace("/en/", '<meta name="twitter:card" content="summary">', "")),
    (
        "SEO019",
        "JSON-LD does not parse",
        replace("/en/", '"@type": "Organization",', '"@type": "Organization",,'),
    ),
    ("SEO019", "JSON-LD without @type", replace("/en/", '"@type": "Organization", ', "")),
    ("SEO020", "expected @type missing", replace("/en/", '"@type": "Organization"', '"@type": "Thing"')),
    ("SEO021", "breadcrumb positions skip", replace("/en/list/", '"position": 2', '"position": 3')),
    ("SEO021", "breadcrumb item relative", replace("/en/list/", '"item": "{C}/en/"}', '"item": "/en/"}')),
    (
        "SEO022",
        "lastmod differs from the data",
        replace("/sitemap-pages.xml", f"<lastmod>{LASTMOD}", "<lastmod>2024-12-31"),
    ),
    ("SEO022", "lastmod missing", replace("/sitemap-pages.xml", f"<lastmod>{LASTMOD}</lastmod>", "")),
    ("SEO023", "lastmod is the request time", moving_lastmod),
    (
        "SEO024",
        "page 2 canonical to page 1",
        replace(
            "/en/list/?page=2",
            'rel="canonical" href="{C}/en/list/?page=2"',
            'rel="canonical" href="{C}/en/list/"',
        ),
    ),
    (
        "SEO024",
        "page 2 redirects",
        set_doc("/en/list/?page=2", Doc("", 302, headers={"Location": "/en/list/"})),
    ),
    (
        "SEO025",
        "switcher link through a redirect",
        replace("/en/", '<a href="/de/" hreflang="de">', '<a href="/de/start/" hreflang="de">'),
    ),
]


def test_the_good_fake_site_is_clean(fake: FakeServer) -> None:
    report = audit(fake)
    assert report.violations == ()
    assert (report.locs, report.pages) == (4, 6)


@pytest.mark.parametrize(("rule", "bug", "mutate"), BROKEN, ids=[f"{r}-{b}" for r, b, _m in BROKEN])
def test_each_rule_bites(fake: FakeServer, rule: str, bug: str, mutate: Callable[[FakeServer], None]) -> None:
    mutate(fake)
    report = audit(fake)
    assert rule in report.rules_broken, report.table()


def test_every_rule_has_a_breaking_case_and_documentation() -> None:
    assert {rule for rule, _bug, _mutate in BROKEN} == set(RULES)
    assert len(RULES) == 25  # README and docs say so
    for rule in RULES.values():
        assert re.fullmatch(r"SEO\d{3}", rule.id)
        assert rule.docs.startswith("https://")
        assert "\n" not in rule.summary


def test_the_docs_list_every_rule() -> None:
    text = (Path(__file__).resolve().parents[2] / "docs" / "seo-conformance.md").read_text(encoding="utf-8")
    listed = re.findall(r"^\| `(SEO\d{3})` \| (.+) \| \[docs\]\((\S+)\) \|$", text, re.MULTILINE)
    assert listed == [(rule.id, rule.summary, rule.docs) for rule in RULES.values()]
