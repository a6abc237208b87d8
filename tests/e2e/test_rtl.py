"""Arabic, the right-to-left language, as Chromium lays it out, next to English as the control.

Per page type and width: the document's direction, the header mirrored (the brand, its first link,
at the inline start: the right edge in Arabic), nothing scrolling sideways at 390 px, phone numbers
and e-mail addresses kept left to right, and the Arabic text drawn in a face that has Arabic letters.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from features.articles.models import Article
from tests.e2e.helpers import BrowserErrors, in_language, master_day

pytestmark = pytest.mark.django_db(transaction=True)

#: How far (px) the brand may sit from the header's inline-start padding edge.
EDGE_TOLERANCE = 2


PAGES: dict[str, Callable[[], str]] = {
    "home": lambda: reverse("pages:home"),
    "about": lambda: reverse("pages:about"),
    "contacts": lambda: reverse("pages:contacts"),
    "article-list": lambda: reverse("articles:list"),
    "article": lambda: Article.objects.public().first().get_absolute_url(),  # type: ignore[union-attr]
    "master-list": lambda: reverse("booking:master_list"),
    "master-day": master_day,
}

#: Where the header's first link (the brand) and the language switcher sit, and the header's content box.
LAYOUT = """() => {
  const header = document.querySelector(".site-header");
  const style = getComputedStyle(header);
  const box = header.getBoundingClientRect();
  const first = header.querySelector("a:not(.skip-link)").getBoundingClientRect();
  const lang = header.querySelector(".language-switcher").getBoundingClientRect();
  return {
    dir: document.dir,
    direction: getComputedStyle(document.documentElement).direction,
    contentLeft: box.left + parseFloat(style.paddingLeft),
    contentRight: box.right - parseFloat(style.paddingRight),
    first: {left: first.left, right: first.right},
    lang: {left: lang.left, right: lang.right},
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  };
}"""
#: The computed direction of every phone and e-mail link.
CONTACT_DIRECTIONS = """() => [...document.querySelectorAll("a[href^='tel:'], a[href^='mailto:']")]
  .map((a) => [a.getAttribute("href"), getComputedStyle(a).direction])"""


def _layout(page: Page, url: str) -> dict[str, Any]:
    response = page.goto(url)
    assert response is not None
    assert response.status == 200, url
    layout: dict[str, Any] = page.evaluate(LAYOUT)
    return layout


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_layout_follows_the_writing_direction(demo: str, sized_page: Page, language: str) -> None:
    page = sized_page
    errors = BrowserErrors.attach(page)
    rtl = language == "ar"
    for name, build in PAGES.items():
        url = demo + in_language(language, build)
        layout = _layout(page, url)
        assert (layout["dir"], layout["direction"]) == (("rtl", "rtl") if rtl else ("ltr", "ltr")), url
        if rtl:  # the first link at the right edge, the switcher at the left
            assert abs(layout["first"]["right"] - layout["contentRight"]) <= EDGE_TOLERANCE, (name, layout)
            assert layout["lang"]["left"] < layout["first"]["left"], (name, layout)
        else:
            assert abs(layout["first"]["left"] - layout["contentLeft"]) <= EDGE_TOLERANCE, (name, layout)
            assert layout["lang"]["left"] > layout["first"]["left"], (name, layout)
        assert layout["overflow"] <= 0, f"{url} scrolls sideways"
        directions = page.evaluate(CONTACT_DIRECTIONS)
        assert directions, f"{url}: the footer lists the salon's phone and e-mail"
        assert {direction for _href, direction in directions} == {"ltr"}, (url, directions)
        errors.assert_clean(url)
    errors.detach()


def _platform_fonts(page: Page, selector: str) -> list[dict[str, Any]]:
    """The fonts Chromium really used for the text of the first ``selector`` (DevTools ``CSS`` domain)."""
    session = page.context.new_cdp_session(page)
    try:
        session.send("DOM.enable")
        session.send("CSS.enable")
        root = session.send("DOM.getDocument")["root"]["nodeId"]
        node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        fonts: list[dict[str, Any]] = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    finally:
        session.detach()
    return fonts


@pytest.mark.parametrize("selector", ["main h1", ".site-nav a", ".site-footer .site-tagline"])
def test_arabic_text_is_drawn_in_a_face_with_arabic_letters(demo: str, page: Page, selector: str) -> None:
    """No tofu: every glyph of the Arabic heading, menu and tagline comes from a face of the Arabic stack."""
    page.goto(demo + in_language("ar", lambda: reverse("pages:about")))
    text = page.inner_text(selector)
    assert any("\u0600" <= char <= "\u06ff" for char in text), (selector, text)
    stacks = page.evaluate(
        """() => ["--font-sans", "--font-serif"].map(
          (name) => getComputedStyle(document.documentElement).getPropertyValue(name)).join(",")"""
    )
    families = {family.strip().strip('"') for family in stacks.split(",")}
    assert "DejaVu Sans" in families, stacks
    fonts = _platform_fonts(page, selector)
    assert fonts, selector
    # Only faces the Arabic stacks name (DejaVu Sans on a bare Debian), never a last-resort fallback.
    assert {font["familyName"] for font in fonts} <= families, (fonts, stacks)


def test_the_back_link_arrow_points_the_way_back(demo: str, page: Page) -> None:
    """The "All articles" link goes back: its arrow points to the inline start (right in Arabic)."""
    arrows = {}
    for language in ("en", "ar"):
        page.goto(demo + in_language(language, PAGES["article"]))
        arrows[language] = page.evaluate(
            "getComputedStyle(document.querySelector('.back-link a'), '::before').content"
        )
    assert arrows == {"en": '"← "', "ar": '"→ "'}
