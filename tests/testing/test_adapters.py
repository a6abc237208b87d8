"""The Chromium fetcher (the DOM after scripts, redirects by first hop) and the ``seo_audit`` fixture."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from django.test import override_settings
from playwright.sync_api import Page, sync_playwright

from codex_core.testing import Origins, SiteSpec, run_audit
from codex_core.testing.chromium import ChromiumFetcher
from codex_core.testing.pytest_plugin import SeoAudit, seo_audit  # noqa: F401  (the fixture)
from tests.testing.fake_site import Doc, FakeServer

CHROMIUM = os.environ.get("CODEX_CHROMIUM", "/usr/bin/chromium")
SOCIAL = '<meta property="og:image" content="{C}/s.png">'
# adds og:image after parsing: only a browser sees it
SCRIPTED = (
    "<script>const m = document.createElement('meta'); m.setAttribute('property', 'og:image');"
    "m.setAttribute('content', location.origin.replace('127.0.0.1', 'localhost') + '/s.png');"
    "document.head.append(m);</script>"
)


@pytest.fixture(scope="module")
def chromium_page() -> Iterator[Page]:
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium not found at {CHROMIUM}")
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    # a private Playwright, closed at the end of the module: its event loop must not outlive these tests
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield browser.new_page()
        browser.close()


def spec(fake: FakeServer) -> SiteSpec:
    return SiteSpec(Origins(fake.canonical, fake.origin), ("en", "de"), "en")


def test_chromium_judges_the_dom_after_scripts(fake: FakeServer, chromium_page: Page) -> None:
    fake.docs["/en/"].body = fake.docs["/en/"].body.replace(SOCIAL, SCRIPTED)
    assert "SEO016" in run_audit(spec(fake)).rules_broken  # urllib sees no og:image
    assert run_audit(spec(fake), ChromiumFetcher(chromium_page)).violations == ()


def test_chromium_reports_a_redirect_by_its_first_hop(fake: FakeServer, chromium_page: Page) -> None:
    fake.docs["/de/"] = Doc("", 301, headers={"Location": "{C}/en/"})
    report = run_audit(spec(fake), ChromiumFetcher(chromium_page))
    assert [v.detail for v in report.violations if v.rule == "SEO003"] == [
        f"answered 301 redirecting to {fake.canonical}/en/"
    ]


@override_settings(LANGUAGES=[("en", "English"), ("de", "German")], LANGUAGE_CODE="en")
def test_the_fixture_audits_with_urllib(fake: FakeServer, seo_audit: SeoAudit) -> None:  # noqa: F811
    host = fake.canonical.split("://")[1]
    assert seo_audit(base_url=fake.origin, canonical_host=host, scheme="http").violations == ()
    fake.docs["/en/"].body = fake.docs["/en/"].body.replace(SOCIAL, "")
    report = seo_audit(base_url=fake.origin, canonical_host=host, scheme="http")
    assert report.rules_broken == {"SEO016"}
    with pytest.raises(AssertionError, match="SEO016"):
        report.assert_clean()
