"""A visitor's repeated page load is answered by the page cache's WSGI front, without Django's
request handling, and an edit committed in between shows on the very next load."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.signals import request_started
from playwright.sync_api import Page

from features.articles.models import Article
from tests.e2e.helpers import BrowserErrors, in_language, visit

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_second_load_skips_django_and_an_edit_shows_on_the_next(
    demo: str, page: Page, browser_errors: BrowserErrors
) -> None:
    article = Article.objects.public().first()
    assert article is not None
    path = in_language("en", article.get_absolute_url)
    handled: list[str] = []

    def started(sender: Any, environ: dict[str, Any], **kwargs: Any) -> None:
        handled.append(environ["PATH_INFO"])

    request_started.connect(started)
    try:
        first = page.goto(demo + path)
        second = page.goto(demo + path)
        assert first is not None
        assert second is not None
        assert (first.headers["x-cache"], second.headers["x-cache"]) == ("MISS", "HIT")
        assert handled.count(path) == 1  # the hit never reached Django's handler
        assert second.headers["content-security-policy"] == first.headers["content-security-policy"]

        Article.objects.filter(pk=article.pk).update(title_en="Edited while cached")
        doc = visit(page, demo + path, browser_errors)
        assert doc.findtext(".//h1") == "Edited while cached"
        assert handled.count(path) == 2
    finally:
        request_started.disconnect(started)
