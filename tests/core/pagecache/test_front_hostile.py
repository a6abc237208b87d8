"""Hostile requests at the WSGI front get Django's answer (a 400), never an exception that
escapes to the WSGI server (a bare 500 without Django's error handling)."""

from __future__ import annotations

import pytest

from tests.core.pagecache.frontcalls import Counting, call

pytestmark = pytest.mark.django_db(transaction=True)

QUERY = "&".join(f"f{i}=x" for i in range(1500))  # more than DATA_UPLOAD_MAX_NUMBER_FIELDS


@pytest.mark.parametrize(
    "extra",
    [
        {"QUERY_STRING": QUERY},
        {"QUERY_STRING": "page=" + "9" * 5000},
        {"QUERY_STRING": "page=%ff%fe"},
        {"HTTP_HOST": "ex ample.com"},
        {"HTTP_HOST": "\u00e9xample.com"},
        {"HTTP_HOST": "testserver:99999999999999999999"},
        {"HTTP_COOKIE": "\u00ff=\u00fe; sessionid"},
        {"HTTP_ACCEPT_LANGUAGE": "x" * 5000},
        {"HTTP_ACCEPT_LANGUAGE": "de;q=nan, *;q=-1"},
        {"HTTP_X_FORWARDED_PROTO": "https"},
        {"PATH_INFO": "/t/list/\u00ff\u00fe"},
    ],
    ids=lambda extra: next(iter(extra)),
)
def test_a_hostile_request_gets_djangos_answer(extra: dict[str, str]) -> None:
    from codex_core.pagecache.wsgi import PageCacheFront

    django_app = Counting()
    front = PageCacheFront(django_app)
    call(front)  # the page is stored
    expected = call(django_app, **extra).status
    assert call(front, **extra).status == expected
