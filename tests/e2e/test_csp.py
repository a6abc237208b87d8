"""Content-Security-Policy: every page type sends it and renders without violations or console errors.

The SEO, language and admin tests check the console on every public page they load; this
module covers the remaining page types and proves the checks would notice a violation.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import Page

from tests.e2e.helpers import LANGUAGES, BrowserErrors, in_language, visit

pytestmark = pytest.mark.django_db(transaction=True)


def policy(header: str) -> dict[str, list[str]]:
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in directives}


def test_policy_is_the_configured_one(demo: str, page: Page) -> None:
    response = page.goto(demo + in_language("en", lambda: reverse("pages:home")))
    assert response is not None
    header = response.headers["content-security-policy"]
    assert policy(header) == settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_master_list_and_not_found_pages_are_clean(
    demo: str, page: Page, browser_errors: BrowserErrors, language: str
) -> None:
    visit(page, demo + in_language(language, lambda: reverse("booking:master_list")), browser_errors)
    missing = demo + in_language(language, lambda: reverse("articles:detail", args=["no-such-article"]))
    response = page.goto(missing)
    assert response is not None
    assert response.status == 404
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert page.locator("meta[name=robots]").get_attribute("content") == "noindex"
    # Chromium logs the 404 of the document itself; anything else would be a problem.
    problems = [m for m in browser_errors.messages if "404" not in m] + browser_errors.csp_violations()
    assert not problems


def test_admin_login_page_is_clean(demo: str, page: Page, browser_errors: BrowserErrors) -> None:
    visit(page, demo + reverse("admin:login"), browser_errors)


def test_an_inline_script_is_blocked_and_reported(
    demo: str, page: Page, browser_errors: BrowserErrors
) -> None:
    visit(page, demo + in_language("en", lambda: reverse("pages:about")), browser_errors)
    page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.__inlineRan = true";
            document.body.append(script);
        }"""
    )
    page.wait_for_function("window.__cspViolations.length > 0")
    assert page.evaluate("window.__inlineRan === undefined")
    assert browser_errors.csp_violations() == ["script-src-elem blocked inline"]
    with pytest.raises(AssertionError, match="script-src-elem"):
        browser_errors.assert_clean("about")
