"""The WSGI front remembers a request's page key per fingerprint, and only where that is exact.

A remembered key must be the key a full derivation gives: every environ entry the derivation
reads is part of the fingerprint, a request Django refuses is derived (and refused) each
time, and a view whose key reads other headers (``vary``) is never remembered.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.handlers.wsgi import WSGIRequest

from codex_core.pagecache import frontkeys
from codex_core.pagecache.frontkeys import front_key, inputs
from codex_core.pagecache.lookup import page_lookup
from tests.core.pagecache.frontcalls import call, wsgi_environ

pytestmark = pytest.mark.django_db(transaction=True)

#: What a WSGIRequest reads for its body, which no GET key depends on.
BODY = {"CONTENT_TYPE", "CONTENT_LENGTH", "wsgi.input"}


class Recording(dict[str, Any]):
    """An environ that notes every entry read from it (``*``: all of them)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.read: set[str] = set()

    def __getitem__(self, name: str) -> Any:
        self.read.add(name)
        return super().__getitem__(name)

    def get(self, name: str, default: Any = None) -> Any:
        self.read.add(name)
        return super().get(name, default)

    def __contains__(self, name: object) -> bool:
        self.read.add(str(name))
        return super().__contains__(name)

    def __iter__(self) -> Any:
        self.read.add("*")
        return super().__iter__()

    def keys(self) -> Any:
        self.read.add("*")
        return super().keys()

    def items(self) -> Any:
        self.read.add("*")
        return super().items()


@pytest.fixture(autouse=True)
def nothing_remembered() -> None:
    frontkeys.forget()


@pytest.mark.parametrize(
    "url",
    ["/t/list/", "/t/list/?page=2", "/en/", "/de/", "/en/articles/", "/ru/articles/?page=1"],
)
@pytest.mark.parametrize(
    "extra",
    [
        {},
        {"HTTP_HOST": "testserver"},
        {"HTTP_COOKIE": "django_language=de; sessionid=x"},
        {"HTTP_COOKIE": "messages=x"},
        {"HTTP_ACCEPT_LANGUAGE": "ru,en;q=0.5"},
        {
            "HTTP_X_FORWARDED_HOST": "testserver",
            "HTTP_X_FORWARDED_PORT": "443",
            "HTTP_X_FORWARDED_PROTO": "https",
        },
    ],
    ids=["server name", "host", "cookies", "messages", "accept-language", "forwarded"],
)
@pytest.mark.parametrize("proxied", [False, True], ids=["direct", "behind a proxy"])
def test_every_entry_a_derivation_reads_is_in_the_fingerprint(settings, url, extra, proxied):
    if proxied:
        settings.USE_X_FORWARDED_HOST = settings.USE_X_FORWARDED_PORT = True
        settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    environ = Recording(wsgi_environ("get", url, **extra))
    page_lookup(WSGIRequest(environ))
    names = inputs()
    assert names is not None
    assert environ.read - BODY <= set(names)


def test_a_remembered_key_is_the_derived_one_and_a_variant_is_derived_again(front, django_app):
    call(front)  # stored
    assert call(front).header("X-Cache") == "HIT"
    assert list(frontkeys._remembered.values()) == [front_key(wsgi_environ("get", "/t/list/"))]
    page_2 = call(front, url="/t/list/?page=2")
    assert (page_2.body, page_2.header("X-Cache")) == (b"page 2", "MISS")
    assert len(frontkeys._remembered) == 2


def test_a_request_django_refuses_is_refused_each_time_and_never_remembered(front, django_app):
    call(front)
    for _ in range(2):
        assert call(front, HTTP_HOST="evil.example").status == "400 Bad Request"
    assert django_app.calls == 3
    assert not any("evil.example" in fingerprint for fingerprint in frontkeys._remembered)


@pytest.mark.parametrize(
    "extra",
    [{"HTTP_COOKIE": "sessionid=abc"}, {"HTTP_HOST": "evil.example"}, {"QUERY_STRING": "utm_source=x"}],
    ids=["session cookie", "disallowed host", "unlisted query"],
)
def test_a_request_that_is_not_looked_up_is_not_remembered(front, django_app, extra):
    call(front, **extra)
    call(front, url="/t/uncached/")
    assert frontkeys._remembered == {}


def test_a_fingerprint_beyond_the_limit_is_derived_each_time(front, django_app):
    crumbs = "tracking=" + "x" * frontkeys.FINGERPRINT_CHARS
    call(front, HTTP_COOKIE=crumbs)
    assert call(front, HTTP_COOKIE=crumbs).header("X-Cache") == "HIT"  # still answered by the front
    assert django_app.calls == 1
    assert frontkeys._remembered == {}
    call(front, HTTP_COOKIE="tracking=x")
    assert len(frontkeys._remembered) == 1


def test_a_view_with_a_vary_set_is_derived_for_each_request(front, django_app):
    assert call(front, url="/t/device/", HTTP_X_DEVICE="phone").body == b"for phone"
    assert call(front, url="/t/device/", HTTP_X_DEVICE="phone").header("X-Cache") == "HIT"
    tablet = call(front, url="/t/device/", HTTP_X_DEVICE="tablet")
    assert (tablet.body, tablet.header("X-Cache")) == (b"for tablet", "MISS")
    assert call(front, url="/t/device/", HTTP_X_DEVICE="tablet").body == b"for tablet"
    assert frontkeys._remembered == {}


def test_the_table_is_bounded_and_keeps_the_newest(front, monkeypatch):
    monkeypatch.setattr(frontkeys, "KEYS_REMEMBERED", 3)
    for page in range(1, 6):
        call(front, url=f"/t/list/?page={page}")
    assert len(frontkeys._remembered) == 3
    assert [fingerprint for fingerprint in frontkeys._remembered if "page=5" in fingerprint]


def test_a_settings_change_forgets_what_was_remembered(front, settings):
    environ = wsgi_environ("get", "/t/list/")
    before = front_key(environ)
    settings.PROJECT_NAME = "another_project"
    assert frontkeys._remembered == {}
    after = front_key(environ)
    assert after.startswith("another_project:")
    assert after != before


def test_nothing_is_remembered_while_the_debug_toolbar_may_show(front, settings):
    settings.DEBUG = True
    settings.MIDDLEWARE = ["debug_toolbar.middleware.DebugToolbarMiddleware", *settings.MIDDLEWARE]
    assert inputs() is None
    assert front_key(wsgi_environ("get", "/t/list/"))
    assert frontkeys._remembered == {}
