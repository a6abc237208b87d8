"""Accessibility and hygiene of every page type: axe-core finds nothing, the console stays clean.

axe-core (PyPI ``axe-playwright-python``, which ships ``axe.min.js``) runs every rule it enables
by default (WCAG 2.x A/AA and best practices) on each page type in each language, at a laptop
width and a phone width. The same load also has to leave the console, the network log and the
page's CSP violation list empty. One load serves both widths: the viewport is resized and axe
runs again (the site has no script, so layout follows the width alone).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from django.urls import reverse
from playwright.sync_api import Page

from features.articles.models import Article
from tests.e2e.helpers import LANGUAGES, VIEWPORTS, BrowserErrors, in_language, master_day

pytestmark = pytest.mark.django_db(transaction=True)

#: Only violations: passes and inapplicable rules would make the result large for nothing.
AXE_OPTIONS = {"resultTypes": ["violations"]}


#: page type -> (path builder run in the page's language, expected status)
PAGE_TYPES: dict[str, tuple[Callable[[], str], int]] = {
    "home": (lambda: reverse("pages:home"), 200),
    "about": (lambda: reverse("pages:about"), 200),
    "contacts": (lambda: reverse("pages:contacts"), 200),
    "article-list": (lambda: reverse("articles:list"), 200),
    "article-list-page-2": (lambda: reverse("articles:list") + "?page=2", 200),
    "article": (lambda: Article.objects.public().first().get_absolute_url(), 200),  # type: ignore[union-attr]
    "master-list": (lambda: reverse("booking:master_list"), 200),
    "master-day-with-slots": (master_day, 200),
    "not-found": (lambda: reverse("articles:detail", args=["no-such-article"]), 404),
}


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's violations on the current document (the engine is injected once per document)."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT)
    result: dict[str, Any] = page.evaluate("(options) => axe.run(document, options)", AXE_OPTIONS)
    return list(result["violations"])


def describe(violations: list[dict[str, Any]]) -> list[str]:
    """One line per violation and element: rule, impact, the element and axe's own explanation."""
    return [
        f"{v['id']} ({v['impact']}): {node['target']} {node.get('failureSummary', '')!r}"
        for v in violations
        for node in v["nodes"]
    ]


def audit(page: Page, where: str) -> list[str]:
    """axe at every width in :data:`VIEWPORTS`, on the document already loaded."""
    problems = []
    for width, height in VIEWPORTS.items():
        page.set_viewport_size({"width": width, "height": height})
        problems += [f"{where} @{width}px: {line}" for line in describe(axe_violations(page))]
    return problems


def test_axe_runs_and_reports_a_violation(demo: str, page: Page) -> None:
    """The audit bites: an image without alternative text injected into a page is reported."""
    page.goto(demo + in_language("en", lambda: reverse("pages:about")))
    page.evaluate("() => document.querySelector('main').append(document.createElement('img'))")
    assert [v["id"] for v in axe_violations(page)] == ["image-alt"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_type_passes_axe_with_a_clean_console(
    demo: str, page: Page, browser_errors: BrowserErrors, language: str
) -> None:
    problems: list[str] = []
    for name, (build, status) in PAGE_TYPES.items():
        url = demo + in_language(language, build)
        response = page.goto(url)
        assert response is not None
        assert response.status == status, url
        if status == 404:  # Chromium logs the failed document itself; nothing else may fail
            browser_errors.messages = [m for m in browser_errors.messages if f" {status} " not in m]
        problems += [f"{name}: {m}" for m in [*browser_errors.messages, *browser_errors.csp_violations()]]
        browser_errors.messages.clear()
        problems += audit(page, name)

    # The booking confirmation: the day page again, after a successful booking.
    page.goto(demo + in_language(language, master_day))
    page.locator("input[name=start]").first.check()
    page.fill("input[name=client_name]", "Axe Client")
    page.fill("input[name=client_email]", "axe@example.com")
    with page.expect_navigation():
        page.click(".booking-form button[type=submit]")
    assert page.locator(".messages .success").count() == 1
    problems += [f"booked: {m}" for m in [*browser_errors.messages, *browser_errors.csp_violations()]]
    problems += audit(page, "booked")
    assert not problems, "\n".join(problems)
