"""codex_core.controls: no control character of the request data reaches a page."""

from __future__ import annotations

import pytest
from django.core.checks import Warning, run_checks
from django.http import HttpRequest, HttpResponse, QueryDict
from django.test import RequestFactory, override_settings

from codex_core import checks
from codex_core.controls import FORBIDDEN, ControlCharactersMiddleware, cleaned_querydict, strip_controls

KEPT = "tab\there\nline\r\nÜnïcødé 文章 💥 abc\u202edef \u200b\ufeff \U0010fffd"


def echo(request: HttpRequest) -> HttpResponse:
    return HttpResponse(repr((sorted(request.GET.lists()), sorted(request.POST.lists()))))


@pytest.mark.parametrize(
    "char",
    [chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0))]
    + ["\ud800", "\udfff", "\ufdd0", "\ufdef", "\ufffe", "\uffff", "\U0001fffe", "\U0010ffff"],
)
def test_every_character_html_forbids_is_stripped(char: str) -> None:
    assert strip_controls(f"a{char}b{char}") == "ab"


def test_whitespace_format_characters_and_other_planes_are_kept() -> None:
    assert strip_controls(KEPT) == KEPT
    assert FORBIDDEN.search(KEPT) is None


def test_a_clean_querydict_is_returned_as_it_is() -> None:
    data = QueryDict("a=1&a=2&b=%C3%BC")
    assert cleaned_querydict(data) is data


def test_keys_and_values_are_stripped_and_keys_that_meet_keep_every_value() -> None:
    cleaned = cleaned_querydict(QueryDict("a%01=1&a=2%7F&b=%C2%85x&c=%01"))
    assert sorted(cleaned.lists()) == [("a", ["1", "2"]), ("b", ["x"]), ("c", [""])]
    assert not cleaned._mutable


def test_the_middleware_cleans_the_query_string_and_a_urlencoded_form(rf: RequestFactory) -> None:
    request = rf.post(
        "/?q=%01x&date=%C2%9B2026",
        "name=An%00na&name=%0Bb&note=line%0D%0Abreak",
        content_type="application/x-www-form-urlencoded",
    )
    response = ControlCharactersMiddleware(echo)(request)
    assert response.content.decode() == repr(
        ([("date", ["2026"]), ("q", ["x"])], [("name", ["Anna", "b"]), ("note", ["line\r\nbreak"])])
    )
    assert request.body == b"name=An%00na&name=%0Bb&note=line%0D%0Abreak"  # the raw bytes stay
    assert request.META["QUERY_STRING"] == "q=%01x&date=%C2%9B2026"


def test_the_middleware_cleans_a_multipart_form(rf: RequestFactory) -> None:
    request = rf.post("/", {"name": "a\x01b", "other": "ok"})  # multipart/form-data
    assert ControlCharactersMiddleware(echo)(request).content.decode() == repr(
        ([], [("name", ["ab"]), ("other", ["ok"])])
    )


def test_the_middleware_leaves_other_bodies_unread(rf: RequestFactory) -> None:
    request = rf.post("/", '{"name": "a\\u0001"}', content_type="application/json")
    ControlCharactersMiddleware(lambda r: HttpResponse())(request)
    assert request.body == b'{"name": "a\\u0001"}'
    assert request.POST == {}


def test_the_demo_site_runs_it_before_anything_reads_request_data() -> None:
    from demo_site import settings

    middleware = [m for m in settings.MIDDLEWARE if not m.startswith("debug_toolbar.")]  # DEBUG only
    # The page cache comes first: it reads only the query string, cleaned alike, for its key.
    assert middleware[:4] == [
        "codex_core.pagecache.PageCacheMiddleware",
        "django.middleware.security.SecurityMiddleware",
        "whitenoise.middleware.WhiteNoiseMiddleware",
        checks.CONTROLS_MIDDLEWARE,
    ]


def test_w011_when_the_middleware_is_missing() -> None:
    from django.conf import settings

    without = [m for m in settings.MIDDLEWARE if m != checks.CONTROLS_MIDDLEWARE]
    with override_settings(MIDDLEWARE=without):
        assert checks.check_control_characters_middleware() == [
            Warning(
                "codex_core.controls.ControlCharactersMiddleware is not in MIDDLEWARE: a form re-renders "
                'submitted control characters raw into value="…" (an HTML parse error), the admin login '
                "form included.",
                hint='Add "codex_core.controls.ControlCharactersMiddleware" to MIDDLEWARE before any '
                "middleware that reads request.GET or request.POST, or silence codex_core.W011 if you clean "
                "request data yourself.",
                id="codex_core.W011",
            )
        ]
        assert [m.id for m in run_checks(tags=[checks.TAG])] == ["codex_core.W011"]
        assert [m.id for m in run_checks(tags=["security"])] == ["codex_core.W011"]
