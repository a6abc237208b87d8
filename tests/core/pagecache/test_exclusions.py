"""What the page cache never stores or serves: one test per reason."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from codex_core.pagecache.outcome import get_outcome
from tests.core.pagecache.conftest import page_keys

pytestmark = pytest.mark.django_db(transaction=True)


def assert_never_cached(client, redis_client, url: str, reason: str, **extra) -> None:
    for _ in range(2):
        client.cookies.clear()  # a first visit each time: the refusal is the response's, not a cookie's
        response = client.get(url, **extra)
        assert response["X-Cache"] == "MISS"
        outcome = get_outcome(response.wsgi_request)
        assert outcome is not None
        assert not outcome.stored
        assert outcome.reason == reason
        assert "Cache-Tag" not in response
    assert page_keys(redis_client) == []


def test_a_response_that_sets_a_cookie(client, redis_client):
    assert_never_cached(client, redis_client, "/t/cookie/", "sets cookie")


def test_a_response_that_varies_on_cookie(client, redis_client):
    assert_never_cached(client, redis_client, "/t/vary/", "varies on cookie")


def test_a_response_that_read_the_session(client, redis_client):
    assert_never_cached(client, redis_client, "/t/session/", "session used")


def test_a_response_holding_a_csrf_token(client, redis_client):
    assert_never_cached(client, redis_client, "/t/csrf/", "csrf token")


def test_a_response_carrying_messages(client, redis_client):
    assert_never_cached(client, redis_client, "/t/message/", "messages")


def test_a_request_with_a_messages_cookie_is_not_served_from_the_cache(client, redis_client):
    from django.contrib.messages.storage.cookie import CookieStorage

    client.get("/t/list/")
    client.cookies[CookieStorage.cookie_name] = "anything"  # the cookie Django's storage sets
    assert_bypassed(client, "/t/list/", "messages cookie")


def assert_bypassed(client, url: str, reason: str) -> None:
    response = client.get(url)
    assert response["X-Cache"] == "MISS"
    outcome = get_outcome(response.wsgi_request)
    assert outcome is not None
    assert (outcome.status, outcome.reason) == ("BYPASS", reason)


def test_a_logged_in_user_is_never_served_nor_stored(client, redis_client):
    client.get("/t/list/")
    assert client.get("/t/list/")["X-Cache"] == "HIT"
    client.force_login(User.objects.create_user("ada", password="pw"))
    assert_bypassed(client, "/t/list/", "session cookie")
    response = client.get("/t/user/")
    assert (response["X-Cache"], response.content) == ("MISS", b"hello ada")
    assert len(page_keys(redis_client)) == 1  # the anonymous list only


def test_a_page_that_asks_who_the_user_is_reads_the_session(client, redis_client):
    assert_never_cached(client, redis_client, "/t/user/", "session used")


def test_the_logged_in_check_on_the_response(rf):
    from django.http import HttpResponse

    from codex_core.pagecache.policy import response_refusal

    request = rf.get("/t/user/")
    request._cached_user = User(username="ada")  # what AuthenticationMiddleware caches
    assert response_refusal(request, HttpResponse("x")) == "logged in"


@pytest.mark.parametrize(("url", "status"), [("/t/missing/", 404), ("/t/moved/", 302)])
def test_a_status_other_than_200(client, redis_client, url, status):
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == status
        assert get_outcome(response.wsgi_request).reason == "status"
    assert page_keys(redis_client) == []


def test_a_post_is_never_answered_from_the_cache(client):
    client.get("/t/list/")
    response = client.post("/t/list/")
    assert get_outcome(response.wsgi_request).reason == "method"


def test_debug_with_the_toolbar_showing(client, redis_client, settings):
    settings.DEBUG = True
    settings.INTERNAL_IPS = ["127.0.0.1"]
    if "debug_toolbar" not in settings.INSTALLED_APPS:
        settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, "debug_toolbar"]
    settings.MIDDLEWARE = ["debug_toolbar.middleware.DebugToolbarMiddleware", *settings.MIDDLEWARE]
    for _ in range(2):
        assert_bypassed(client, "/t/list/", "debug toolbar")
    assert page_keys(redis_client) == []
    settings.INTERNAL_IPS = []  # DEBUG, but the toolbar does not show for this client
    client.get("/t/list/")
    assert client.get("/t/list/")["X-Cache"] == "HIT"
