"""Screenshots of every page type at desktop and phone width, saved as artifacts for people to look at.

Each page is also checked for what a screenshot alone would hide from CI: every image (covers,
portraits) loads, the header fits on at most two rows, nothing scrolls sideways, and the console
and CSP stay clean.
Files: ``test-artifacts/screenshots/<language>-<width>-<page>.png`` (CI keeps that folder).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page

from features.articles.models import Article
from features.booking.models import Master
from tests.e2e.conftest import E2E_TIMEOUT_MS
from tests.e2e.helpers import BrowserErrors, in_language
from tests.features.factories_booking import tomorrow

pytestmark = pytest.mark.django_db(transaction=True)

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
#: Every language: Arabic is the right-to-left one (its own checks are in test_rtl.py).
SHOT_LANGUAGES = ("en", "de", "ru", "ar")
#: Vertical distance (px) below which two links count as sitting on the same row.
ROW_TOLERANCE = 12


def master_url(query: str = "") -> str:
    return Master.objects.get(slug="anna-schmidt").get_absolute_url() + query


#: page name -> (path builder run in the page's language, expected status)
PAGES: dict[str, tuple[Callable[[], str], int]] = {
    "home": (lambda: reverse("pages:home"), 200),
    "about": (lambda: reverse("pages:about"), 200),
    "contacts": (lambda: reverse("pages:contacts"), 200),
    "article-list": (lambda: reverse("articles:list"), 200),
    "article": (lambda: Article.objects.public().first().get_absolute_url(), 200),  # type: ignore[union-attr]
    "master-list": (lambda: reverse("booking:master_list"), 200),
    "master-slots": (lambda: master_url(f"?date={tomorrow().isoformat()}"), 200),
    "master-form-error": (lambda: master_url("?date=2000-01-01"), 200),  # a day in the past
    "not-found": (lambda: reverse("articles:detail", args=["no-such-article"]), 404),
}

HEADER_LINK_TOPS = """() => [...document.querySelectorAll(".site-header a:not(.skip-link)")]
    .map((a) => Math.round(a.getBoundingClientRect().top))"""
#: Pairs of header links whose boxes overlap (text running into its neighbour).
HEADER_OVERLAPS = """() => {
  const links = [...document.querySelectorAll(".site-header a:not(.skip-link)")];
  const boxes = links.map((a) => {  // the text's extent: a clamped box can hide text running over it
    const range = document.createRange();
    range.selectNodeContents(a);
    const text = range.getBoundingClientRect();
    const box = a.getBoundingClientRect();
    return {left: Math.min(text.left, box.left), right: Math.max(text.right, box.right),
            top: Math.min(text.top, box.top), bottom: Math.max(text.bottom, box.bottom)};
  });
  const pairs = [];
  boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b, j) => {
    if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) {
      pairs.push(`${links[i].textContent.trim()} / ${links[i + 1 + j].textContent.trim()}`);
    }
  }));
  return pairs;
}"""
#: Load the lazy images too (a full-page screenshot shows them), then list the images that failed to load.
BROKEN_IMAGES = """async () => {
  const images = [...document.images];
  await Promise.all(images.map((img) => new Promise((done) => {
    if (img.complete && img.naturalWidth > 0) return done(null);
    img.addEventListener("load", done, {once: true});
    img.addEventListener("error", done, {once: true});
    img.loading = "eager";
  })));
  return images.filter((img) => !img.complete || img.naturalWidth === 0)
    .map((img) => img.currentSrc || img.src);
}"""
SIDEWAYS_OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
#: The main menu scrolls rather than wrap on very narrow screens; from 390 px on it must show every item.
HIDDEN_MENU = """() => {
  const menu = document.querySelector(".site-nav ul");
  return menu.scrollWidth - menu.clientWidth;
}"""


def rows(tops: list[int]) -> int:
    """How many rows links at these vertical positions form."""
    count, last = 0, None
    for top in sorted(tops):
        if last is None or top - last > ROW_TOLERANCE:
            count += 1
        last = top
    return count


@pytest.mark.parametrize("language", SHOT_LANGUAGES)
def test_every_page_type_is_photographed_and_fits_the_width(
    demo: str, sized_page: Page, language: str
) -> None:
    page = sized_page
    width = page.viewport_size["width"] if page.viewport_size else 0
    errors = BrowserErrors.attach(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, (build, status) in PAGES.items():
        url = demo + in_language(language, build)
        response = page.goto(url)
        assert response is not None
        assert response.status == status, url
        if name == "master-slots":  # show a chosen time: the picker's checked state
            page.locator("input[name=start]").nth(1).check()
            page.locator("input[name=client_name]").focus()
        assert page.evaluate(BROKEN_IMAGES) == [], f"{url}: images that did not load"
        page.screenshot(path=str(SCREENSHOTS / f"{language}-{width}-{name}.png"), full_page=True)
        assert rows(page.evaluate(HEADER_LINK_TOPS)) <= 2, f"{url}: the header wraps into 3+ rows"
        assert page.evaluate(HEADER_OVERLAPS) == [], url
        assert page.evaluate(SIDEWAYS_OVERFLOW) <= 0, f"{url}: the page scrolls sideways at {width}px"
        assert page.evaluate(HIDDEN_MENU) <= 0, f"{url}: menu items are hidden at {width}px"
        if status == 404:  # Chromium logs the failed document itself
            errors.messages = [m for m in errors.messages if "404" not in m]
        errors.assert_clean(url)
    # The success alert after a booking (the last page shown was the form error one).
    page.goto(demo + in_language(language, PAGES["master-slots"][0]))
    page.locator("input[name=start]").first.check()
    page.fill("input[name=client_name]", "Screenshot Client")
    page.fill("input[name=client_email]", "client@example.com")
    with page.expect_navigation():
        page.click(".booking-form button[type=submit]")
    assert page.locator(".messages .success").count() == 1
    page.screenshot(path=str(SCREENSHOTS / f"{language}-{width}-master-booked.png"), full_page=True)
    errors.assert_clean(page.url)
    errors.detach()


#: The page background's colour, as ``[r, g, b]``.
BACKGROUND = """() => getComputedStyle(document.documentElement).backgroundColor
    .match(/\\d+/g).slice(0, 3).map(Number)"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_colour_scheme_follows_the_system_setting(demo: str, browser: Browser, scheme: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme)  # type: ignore[arg-type]
    context.set_default_timeout(E2E_TIMEOUT_MS)
    page = context.new_page()
    try:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for name in ("home", "master-slots"):
            page.goto(demo + in_language("en", PAGES[name][0]))
            if name == "master-slots":
                page.locator("input[name=start]").nth(1).check()
            page.screenshot(path=str(SCREENSHOTS / f"en-390-{name}-{scheme}.png"), full_page=True)
            brightness = sum(page.evaluate(BACKGROUND)) / 3
            assert (brightness > 200) if scheme == "light" else (brightness < 60), (name, brightness)
    finally:
        context.close()
