"""The WSGI front answers complete cached pages before Django runs, exactly as Django would.

Everything it does not answer (a miss, an entry stored by a middleware that is not first, a
disallowed host, a session cookie, a POST, Redis down) reaches Django unchanged.
"""

from __future__ import annotations

import pytest

from features.articles.models import Article
from tests.core.pagecache import views
from tests.core.pagecache.conftest import page_keys
from tests.core.pagecache.frontcalls import Counting, call
from tests.features.factories_articles import make_article
from tests.redis_server import RedisServer

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_stored_page_is_answered_without_django_and_as_django_answers_it(front, django_app):
    first = call(front)
    assert (first.status, first.header("X-Cache"), django_app.calls) == ("200 OK", "MISS", 1)
    through_django = call(django_app)  # the middleware's hit
    assert through_django.header("X-Cache") == "HIT"
    calls = django_app.calls
    hit = call(front)
    assert django_app.calls == calls  # Django did not run
    assert (hit.status, hit.body, hit.header("X-Cache")) == ("200 OK", b"page 1", "HIT")
    assert hit.without_x_cache() == through_django.without_x_cache()
    assert hit.header("X-Frame-Options") == "DENY"  # an inner middleware's header, stored
    assert hit.header("Cache-Tag") == "article_list"


def test_head_is_answered_without_a_body_and_with_the_get_length(front, django_app):
    get = call(front)
    head = call(front, "head")
    assert django_app.calls == 1
    assert (head.body, head.header("Content-Length")) == (b"", str(len(get.body)))


def test_a_page_stored_by_a_middleware_that_is_not_first_goes_to_django(front, django_app, settings):
    """Headers of the middleware outside it are missing from such an entry: Django answers."""
    rest = [m for m in settings.MIDDLEWARE if m != "codex_core.pagecache.PageCacheMiddleware"]
    security = rest.index("django.middleware.security.SecurityMiddleware")
    settings.MIDDLEWARE = [
        *rest[: security + 1],
        "codex_core.pagecache.PageCacheMiddleware",
        *rest[security + 1 :],
    ]
    front.application = django_app = Counting()  # a handler built with the new MIDDLEWARE
    call(front)
    hit = call(front)
    assert (django_app.calls, hit.header("X-Cache")) == (2, "HIT")  # the middleware's hit


@pytest.mark.parametrize(
    ("method", "extra", "status"),
    [
        ("get", {"HTTP_HOST": "evil.example"}, "400 Bad Request"),
        ("get", {"HTTP_COOKIE": "sessionid=abc"}, "200 OK"),
        ("post", {}, "403 Forbidden"),  # no CSRF token
        ("get", {"QUERY_STRING": "utm_source=x"}, "200 OK"),
    ],
    ids=["disallowed host", "session cookie", "post", "unlisted query"],
)
def test_requests_the_middleware_would_not_look_up_reach_django(front, django_app, method, extra, status):
    call(front)  # stored
    reply = call(front, method, **extra)
    assert (django_app.calls, reply.status) == (2, status)
    assert reply.header("X-Cache") != "HIT"


def test_a_path_beyond_latin_1_reaches_django_intact_and_is_then_answered(front, django_app):
    """WSGI carries the path as latin-1 text; the front must not hand Django a decoded one."""
    from urllib.parse import unquote

    from django.urls import reverse
    from django.utils import translation

    with translation.override("ar"):
        url = reverse("articles:list")
    assert not unquote(url).isascii()
    first = call(front, url=url)
    call(front, url=url)  # (the first render creates the site settings row, so it is not stored)
    calls = django_app.calls
    hit = call(front, url=url)
    assert (first.status, hit.status, hit.header("X-Cache")) == ("200 OK", "200 OK", "HIT")
    assert django_app.calls == calls
    assert hit.body == first.body


def test_a_control_character_in_a_listed_parameter_finds_the_same_page(front, django_app, redis_client):
    call(front, url="/t/list/?page=2")
    hit = call(front, url="/t/list/?page=2%01")
    assert (django_app.calls, hit.body) == (1, b"page 2")
    assert len(page_keys(redis_client)) == 1


def test_a_parameter_listed_twice_once_cleaned_bypasses_like_one_given_twice(front, django_app, redis_client):
    """The view sees ``?pa%01ge=2&page=3`` as ``page`` given twice: so does the key."""
    reply = call(front, url="/t/list/?pa%01ge=2&page=3")
    assert reply.header("X-Cache") == "MISS"
    assert page_keys(redis_client) == []


def test_after_an_edit_commits_the_front_serves_the_new_page(front, django_app):
    article = make_article("Before")
    url = f"/t/article/{article.pk}/"
    call(front, url=url)
    assert call(front, url=url).body == b"<h1>Before</h1>"
    Article.objects.filter(pk=article.pk).update(title_en="After")
    fresh = call(front, url=url)
    assert (fresh.body, fresh.header("X-Cache")) == (b"<h1>After</h1>", "MISS")
    assert views.renders == [url, url]


def test_with_redis_down_every_request_reaches_django(front, django_app, redis_server: RedisServer):
    call(front)
    redis_server.stop()
    try:
        replies = [call(front) for _ in range(3)]
    finally:
        redis_server.start()
    assert [(r.status, r.body, r.header("X-Cache")) for r in replies] == [("200 OK", b"page 1", "MISS")] * 3
    assert django_app.calls == 4


def test_x_cache_is_off_unless_asked_for(front, settings):
    settings.CODEX_PAGE_CACHE_X_CACHE = False
    call(front)
    hit = call(front)
    assert hit.header("X-Cache") is None
    assert hit.header("Cache-Tag") == "article_list"
