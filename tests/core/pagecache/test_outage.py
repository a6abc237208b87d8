"""Redis killed or hung (SIGSTOP) under the page cache: pages render from the database, an edit
made while Redis hung is not hidden by a stale page once it answers, caching resumes."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
import redis

from codex_core.pagecache.outcome import get_outcome
from codex_core.redis.client import close_clients
from codex_core.redis.pending import pending
from features.articles.models import Article
from tests.core.pagecache.conftest import page_keys
from tests.features.factories_articles import make_article
from tests.redis_server import RedisServer

pytestmark = pytest.mark.django_db(transaction=True)

COOLDOWN = 0.2
TIMEOUT = 0.2


@pytest.fixture(autouse=True)
def fast_redis(settings) -> Iterator[None]:
    settings.CODEX_REDIS_BREAKER_COOLDOWN = COOLDOWN
    settings.CODEX_REDIS_SOCKET_TIMEOUT = TIMEOUT
    settings.CODEX_REDIS_CONNECT_TIMEOUT = TIMEOUT
    close_clients()  # new pools with the short timeouts
    yield
    close_clients()


def test_redis_killed_pages_render_from_the_database_then_cache_again(
    client, redis_server: RedisServer, redis_client: redis.Redis
):
    article = make_article("Served")
    url = f"/t/article/{article.pk}/"
    client.get(url)
    redis_server.stop()
    for _ in range(3):
        response = client.get(url)
        assert (response.status_code, response.content) == (200, b"<h1>Served</h1>")
        assert response["X-Cache"] == "MISS"
    assert get_outcome(response.wsgi_request).reason == "redis unavailable"
    redis_server.start()  # empty: no persistence
    time.sleep(COOLDOWN * 1.5)  # the breaker's cooldown, not a timing assertion
    client.get(url)
    client.get(url)
    assert client.get(url)["X-Cache"] == "HIT"


def test_an_edit_while_redis_hangs_drops_the_pages_once_it_answers(
    client, redis_server: RedisServer, redis_client: redis.Redis
):
    article = make_article("Before")
    url = f"/t/article/{article.pk}/"
    client.get(url)
    assert len(page_keys(redis_client)) == 1
    redis_server.pause()  # SIGSTOP
    try:
        Article.objects.filter(pk=article.pk).update(title_en="After")  # its drop cannot reach Redis
        assert pending  # every page of the project is to be purged
        response = client.get(url)
        assert (response.status_code, response.content) == (200, b"<h1>After</h1>")
    finally:
        redis_server.resume()
    time.sleep(COOLDOWN * 1.5)
    response = client.get(url)
    assert response.content == b"<h1>After</h1>"
    assert not pending
    client.get(url)
    assert client.get(url).content == b"<h1>After</h1>"
