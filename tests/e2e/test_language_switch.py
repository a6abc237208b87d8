"""Clicking the language switcher: same page in the other language, translated path and slug, query kept."""

from __future__ import annotations

import itertools
from collections.abc import Mapping

import lxml.html
import pytest
from django.utils import translation
from playwright.sync_api import Page

from features.articles.models import Article
from features.booking.models import Master
from tests.e2e.helpers import LANGUAGES, BrowserErrors, paths_of, url_paths, visit
from tests.features.factories_booking import tomorrow

pytestmark = pytest.mark.django_db(transaction=True)


def switch(page: Page, language: str, errors: BrowserErrors) -> lxml.html.HtmlElement:
    """Click the switcher link of ``language``; assert a 200 and a clean console; return the DOM."""
    link = page.locator(f"nav.language-switcher a[hreflang='{language}']")
    with page.expect_navigation() as navigation:
        link.click()
    response = navigation.value
    assert response is not None
    assert response.status == 200, f"{page.url} answered {response.status}"
    errors.assert_clean(page.url)
    return lxml.html.fromstring(page.content())


#: Every ordered pair of languages once, each switch starting where the previous one landed.
CYCLE = ("en", "de", "en", "ru", "en", "ar", "de", "ru", "de", "ar", "ru", "ar", "en")


def check_switching(
    page: Page,
    origin: str,
    paths: dict[str, str],
    errors: BrowserErrors,
    text: Mapping[str, tuple[str, ...]] | None = None,
) -> int:
    """Walk :data:`CYCLE` by clicking the switcher; return the number of switches made.

    ``text`` maps a language to texts the page's ``<main>`` must show in that language.
    """
    assert set(itertools.pairwise(CYCLE)) == {(a, b) for a in LANGUAGES for b in LANGUAGES if a != b}
    visit(page, origin + paths[CYCLE[0]], errors)
    switches = 0
    for target in CYCLE[1:]:
        doc = switch(page, target, errors)
        assert page.url == origin + paths[target]
        assert doc.get("lang") == target
        assert doc.get("dir") == ("rtl" if target == "ar" else "ltr")
        assert page.evaluate("getComputedStyle(document.documentElement).direction") == doc.get("dir")
        current = doc.xpath("//nav[@class='language-switcher']//a[@aria-current='page']/@hreflang")
        assert current == [target]
        if text is not None:
            main = page.inner_text("main")
            assert all(part in main for part in text[target]), (target, text[target])
        switches += 1
    return switches


def test_article_switches_to_its_translated_slug(
    demo: str, page: Page, browser_errors: BrowserErrors
) -> None:
    article = Article.objects.public().order_by("published_at").first()
    assert article is not None
    paths = paths_of(article.get_absolute_url)
    assert len(set(paths.values())) == len(LANGUAGES), "every language has its own path and slug"
    texts: dict[str, tuple[str, ...]] = {}
    for code in LANGUAGES:
        with translation.override(code):
            texts[code] = (article.title, article.summary)
    assert len(set(texts.values())) == len(LANGUAGES)
    assert (
        check_switching(page, demo, paths, browser_errors, text=texts) == 12
    )  # every ordered pair of the four languages


@pytest.mark.parametrize("name", ["pages:home", "pages:about", "pages:contacts", "booking:master_list"])
def test_static_page_switches_to_its_translated_path(
    demo: str, page: Page, browser_errors: BrowserErrors, name: str
) -> None:
    assert (
        check_switching(page, demo, url_paths(name), browser_errors) == 12
    )  # every ordered pair of the four languages


def test_master_page_switches_and_keeps_the_chosen_day(
    demo: str, page: Page, browser_errors: BrowserErrors
) -> None:
    master = Master.objects.get(slug="anna-schmidt")
    query = f"?date={tomorrow().isoformat()}"
    paths = paths_of(master.get_absolute_url, query)
    bios = {code: (master.name, getattr(master, f"bio_{code}")) for code in LANGUAGES}
    assert (
        check_switching(page, demo, paths, browser_errors, text=bios) == 12
    )  # every ordered pair of the four languages
    assert page.input_value("input[name=date]") == tomorrow().isoformat()


def test_article_list_page_two_stays_on_page_two(
    demo: str, page: Page, browser_errors: BrowserErrors
) -> None:
    paths = url_paths("articles:list", "?page=2")
    # Page 2 starts with the 11th public article; its title shows in each language switched to.
    eleventh = Article.objects.public()[10]
    titles: dict[str, tuple[str, ...]] = {}
    for code in LANGUAGES:
        with translation.override(code):
            titles[code] = (eleventh.title,)
    assert (
        check_switching(page, demo, paths, browser_errors, text=titles) == 12
    )  # every ordered pair of the four languages
    expected = list(Article.objects.public()[10:20])
    with translation.override(CYCLE[-1]):
        assert page.locator(".article-card h2 a").all_inner_texts() == [a.title for a in expected]
