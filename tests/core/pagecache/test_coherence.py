"""A page rendered from data an edit replaced is never stored after the edit's commit; a cold
page is rendered once however many requests wait for it.

Interleavings are forced with events: the render is held after its database read (the
view's ``after_read`` hook) or just before its guarded store, while the main thread commits
an edit, whose on-commit invalidation drops the page's tag.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from django.db import connection
from django.test import Client

from codex_core.pagecache.outcome import get_outcome
from codex_core.pagecache.store import PageCacheManager
from features.articles.models import Article
from tests.core.pagecache import views
from tests.core.pagecache.conftest import page_keys
from tests.features.factories_articles import make_article

pytestmark = pytest.mark.django_db(transaction=True)

WAIT = 30  # seconds; reached only when the test is broken


class Reader(threading.Thread):
    """One anonymous GET in its own thread (and its own database connection)."""

    def __init__(self, url: str, start: threading.Barrier | None = None) -> None:
        super().__init__(daemon=True)
        self.url, self.barrier, self.response = url, start, None

    def run(self) -> None:
        try:
            if self.barrier is not None:
                self.barrier.wait(WAIT)
            self.response = Client().get(self.url)
        finally:
            connection.close()


@pytest.fixture
def article() -> Article:
    return make_article("Old title")


def edit(article: Article) -> None:
    Article.objects.filter(pk=article.pk).update(title_en="New title")  # autocommit: invalidates now


def test_an_edit_committed_while_the_page_renders_keeps_the_old_render_out(client, redis_client, article):
    read, go = threading.Event(), threading.Event()

    def hold() -> None:
        read.set()
        assert go.wait(WAIT)

    views.after_read.append(hold)
    reader = Reader(f"/t/article/{article.pk}/")
    reader.start()
    assert read.wait(WAIT)
    views.after_read.clear()
    edit(article)
    go.set()
    reader.join(WAIT)
    assert reader.response.content == b"<h1>Old title</h1>"  # what it read, served once, not stored
    assert get_outcome(reader.response.wsgi_request).reason == "changed while rendering"
    assert page_keys(redis_client) == []
    response = client.get(f"/t/article/{article.pk}/")
    assert (response["X-Cache"], response.content) == ("MISS", b"<h1>New title</h1>")


@pytest.fixture
def held_store(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[threading.Event, threading.Event]]:
    """Hold the render after it joined its tags' sets, just before its generation-checked store."""
    joined, go = threading.Event(), threading.Event()
    store_if = PageCacheManager._store_if

    def held(self: PageCacheManager, *args: object, **kwargs: object) -> bool:
        joined.set()
        assert go.wait(WAIT)
        return store_if(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(PageCacheManager, "_store_if", held)
    yield joined, go
    go.set()


def test_an_edit_committed_between_tag_join_and_store_refuses_the_store(
    client, redis_client, article, held_store
):
    joined, go = held_store
    reader = Reader(f"/t/article/{article.pk}/")
    reader.start()
    assert joined.wait(WAIT)
    tag_set, _dropped = PageCacheManager().tag_keys(f"article:{article.pk}")
    assert tag_set == f"codex_demo:pagetag:{{article%3A{article.pk}}}"
    assert redis_client.smembers(tag_set)  # the page is listed, so the edit's drop finds it
    edit(article)
    go.set()
    reader.join(WAIT)
    assert reader.response.content == b"<h1>Old title</h1>"
    assert not get_outcome(reader.response.wsgi_request).stored
    assert page_keys(redis_client) == []
    assert client.get(f"/t/article/{article.pk}/").content == b"<h1>New title</h1>"


def test_a_cold_popular_page_is_rendered_once(redis_client, article):
    in_view, release = threading.Event(), threading.Event()

    def hold() -> None:
        in_view.set()
        assert release.wait(WAIT)

    views.after_read.append(hold)
    url = f"/t/article/{article.pk}/"
    barrier = threading.Barrier(8)
    readers = [Reader(url, barrier) for _ in range(8)]
    for reader in readers:
        reader.start()
    assert in_view.wait(WAIT)
    # Give the other seven time to queue behind the leader; one that comes later finds the
    # stored page instead, so the assertions below hold either way.
    threading.Event().wait(0.2)
    release.set()
    for reader in readers:
        reader.join(WAIT)
    assert views.renders == [url]
    assert {r.response.content for r in readers} == {b"<h1>Old title</h1>"}
    statuses = sorted(r.response["X-Cache"] for r in readers)
    assert statuses == ["HIT"] * 7 + ["MISS"]
    assert len(page_keys(redis_client)) == 1
