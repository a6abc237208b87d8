"""The whole SEO head of every page type in every language, as Chromium loads it, plus reciprocity.

Each test opens a page in English, checks its full head against what the database implies,
then follows every hreflang alternate (x-default included): each alternate must show its own
complete head and link back with the identical hreflang set.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from features.articles.demo_data import SEO_OVERRIDE_INDICES
from features.articles.models import Article
from features.booking.models import Master
from tests.e2e import helpers
from tests.e2e.helpers import (
    LANGUAGES,
    BrowserErrors,
    ExpectedPage,
    alternates,
    canonicals,
    expected_head,
    head_tags,
    ld_blocks,
    paths_of,
    url_paths,
    visit,
)

pytestmark = pytest.mark.django_db(transaction=True)

PageSpec = tuple[dict[str, str], Callable[[str], ExpectedPage]]


def _article(with_overrides: bool) -> Article:
    articles = list(Article.objects.public().order_by("published_at"))
    # Demo articles are published weekly in seed order, so the index is the position.
    return next(a for i, a in enumerate(articles) if (i in SEO_OVERRIDE_INDICES) == with_overrides)


def spec(kind: str) -> PageSpec:
    """Paths per language and the expected head content for one page type."""
    if kind in {"home", "about", "contacts"}:
        return url_paths(f"pages:{kind}"), lambda lang: helpers.expected_static_page(kind, lang)
    if kind == "article-list":
        return url_paths("articles:list"), helpers.expected_article_list
    if kind == "article-list-page-2":
        return url_paths("articles:list", "?page=2"), lambda lang: helpers.expected_article_list(lang, 2)
    if kind in {"article-seo-override", "article-plain"}:
        article = _article(with_overrides=kind == "article-seo-override")
        return paths_of(article.get_absolute_url), lambda lang: helpers.expected_article(article, lang)
    master = Master.objects.get(slug="boris-ivanov")
    return paths_of(master.get_absolute_url), lambda lang: helpers.expected_master(master, lang)


KINDS = (
    "home",
    "about",
    "contacts",
    "article-list",
    "article-list-page-2",
    "article-seo-override",
    "article-plain",
    "master",
)


@pytest.mark.parametrize("kind", KINDS)
def test_head_is_complete_and_alternates_are_reciprocal(
    demo: str, page: Page, browser_errors: BrowserErrors, kind: str
) -> None:
    origin = demo
    paths, expected_for = spec(kind)
    expected_alternates = {(code, origin + paths[code]) for code in LANGUAGES}
    expected_alternates.add(("x-default", origin + paths["en"]))

    start = visit(page, origin + paths["en"], browser_errors)
    assert alternates(start) == expected_alternates

    # x-default is the English URL: loading it once checks both hreflang values.
    language_of = {href: code for code, href in alternates(start) if code != "x-default"}
    checked = set()
    for href, language in language_of.items():
        doc = start if language == "en" else visit(page, href, browser_errors)
        expected = expected_for(language)
        assert doc.get("lang") == language, href
        assert doc.findtext(".//title") == expected.title, href
        assert head_tags(doc) == expected_head(origin, language, paths, expected), href
        assert canonicals(doc) == [href], f"{href}: exactly one self-referencing canonical"
        assert alternates(doc) == expected_alternates, f"{href} does not link back with the same set"
        blocks = ld_blocks(doc)
        assert blocks[0] == helpers.organization(origin), href
        if expected.entity is None:
            assert len(blocks) == 1, href
        else:
            assert len(blocks) == 2, href
            assert {key: blocks[1].get(key) for key in expected.entity} == expected.entity, href
            if expected.entity["@type"] != "HairSalon":  # the salon's url is its home page
                assert href in {blocks[1].get("url"), blocks[1].get("mainEntityOfPage")}, href
        checked.add(language)
    assert checked == set(LANGUAGES)
