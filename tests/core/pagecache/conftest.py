"""The page cache switched on, over the test URLconf of :mod:`tests.core.pagecache.views`."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import redis

from codex_core.pagecache.wsgi import PageCacheFront
from tests.core.pagecache import views
from tests.core.pagecache.frontcalls import Counting


@pytest.fixture(autouse=True)
def page_cache_on(settings) -> Iterator[None]:
    settings.CODEX_PAGE_CACHE_ENABLED = True
    settings.CODEX_PAGE_CACHE_X_CACHE = True
    settings.ROOT_URLCONF = "tests.core.pagecache.views"
    settings.ALLOWED_HOSTS = ["testserver"]
    views.after_read.clear()
    views.renders.clear()
    yield
    views.after_read.clear()


def page_keys(client: redis.Redis) -> list[str]:
    """The stored pages (not their generations or locks)."""
    return sorted(k for k in map(str, client.keys("codex_demo:page:*")) if "#" not in k)


@pytest.fixture
def django_app() -> Counting:
    return Counting()


@pytest.fixture
def front(django_app: Counting) -> PageCacheFront:
    return PageCacheFront(django_app)
