"""Corrupt or foreign cache entries count as a miss: the page renders from the database, the
entry is replaced with a good one and the discard is logged. Never a 500."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest
import redis
from django.test import Client
from django.utils import timezone

from codex_core.redis.managers.notifications import get_notifications_cache_manager
from features.booking.models import Master
from features.booking.selectors import busy_intervals_get
from features.notifications.cache_keys import template_cache_key
from features.notifications.selectors import notification_template_get
from features.notifications.services import notification_send
from tests.core.test_redis_wrong_types import NOT_UTF8

SETTINGS_KEY = "codex_demo:site_settings"
ABOUT_KEY = "codex_demo:seo:en:{about}"


@pytest.fixture
def client() -> Client:
    return Client(raise_request_exception=True)


@pytest.fixture
def anna(demo: None) -> Master:
    return Master.objects.get(slug="anna-schmidt")


def free_day() -> str:
    """A day without demo appointments (those are tomorrow and the day after)."""
    return (timezone.localdate(timezone=timezone.get_default_timezone()) + timedelta(days=3)).isoformat()


def busy_key(master: Master, day: str) -> str:
    return f"codex_demo:booking:busy:{{{master.pk}}}:{day}"


def free_times(client: Client, master: Master, day: str) -> list[str]:
    response = client.get(master.get_absolute_url(), {"date": day})
    assert response.status_code == 200
    return [slot.isoformat() for slot in response.context["slots"]]


BAD_BUSY_PAYLOADS = {
    "not_json": "not json {",
    "object": '{"start": "x"}',
    "numbers": "[[1, 2]]",
    "triples": '[["a", "b", "c"]]',
    "null": "null",
}


@pytest.mark.parametrize("payload", BAD_BUSY_PAYLOADS.values(), ids=BAD_BUSY_PAYLOADS.keys())
def test_corrupt_busy_list_is_a_logged_miss_and_is_recomputed(
    anna: Master, client: Client, redis_client: redis.Redis, codex_log: pytest.LogCaptureFixture, payload: str
) -> None:
    day = free_day()
    expected = free_times(client, anna, day)
    assert len(expected) == 8  # 09:00-17:00 in hours, nothing booked that day
    redis_client.set(busy_key(anna, day), payload)
    codex_log.clear()
    assert free_times(client, anna, day) == expected
    assert json.loads(redis_client.get(busy_key(anna, day)) or "") == []
    assert [r.getMessage() for r in codex_log.records] == [
        f"Discarding corrupt busy-slot cache entry {busy_key(anna, day)}: {payload[:80]!r}"
    ]


BAD_BUSY_STRINGS = {
    "not_iso": '[["tomorrow", "later"]]',
    "naive": '[["2030-01-01T10:00:00", "2030-01-01T11:00:00"]]',
}


@pytest.mark.parametrize("payload", BAD_BUSY_STRINGS.values(), ids=BAD_BUSY_STRINGS.keys())
def test_busy_list_of_strings_that_are_not_aware_datetimes_is_a_miss(
    anna: Master, client: Client, redis_client: redis.Redis, payload: str
) -> None:
    day = free_day()
    expected = free_times(client, anna, day)
    redis_client.set(busy_key(anna, day), payload)
    assert free_times(client, anna, day) == expected


def test_busy_entry_of_another_redis_type_is_a_miss(anna: Master, redis_client: redis.Redis) -> None:
    day = free_day()
    redis_client.rpush(busy_key(anna, day), "x")
    assert busy_intervals_get(anna, date.fromisoformat(day)) == []


def test_settings_hash_with_non_json_values_is_a_logged_miss(
    demo: None, client: Client, redis_client: redis.Redis, codex_log: pytest.LogCaptureFixture
) -> None:
    client.get("/en/about/")
    redis_client.hset(SETTINGS_KEY, mapping={"site_name": "{not json", "phone": "'single'"})
    codex_log.clear()
    body = client.get("/en/about/").content.decode()
    assert '<meta property="og:site_name" content="Codex Demo">' in body
    assert json.loads(redis_client.hget(SETTINGS_KEY, "site_name") or "") == "Codex Demo"
    assert [r.getMessage() for r in codex_log.records] == [
        f"Discarding corrupt site settings cache entry {SETTINGS_KEY}; reloading it."
    ]


WRONG_TYPES = {
    "site_name_number": {"site_name": "123"},
    "site_name_list": {"site_name": "[1, 2]"},
    "flag_string": {"maintenance_mode": '"yes"'},
    "url_object": {"facebook_url": '{"href": "javascript:alert(1)"}'},
}


@pytest.mark.parametrize("fields", WRONG_TYPES.values(), ids=WRONG_TYPES.keys())
def test_settings_hash_with_wrong_value_types_is_a_logged_miss(
    demo: None,
    client: Client,
    redis_client: redis.Redis,
    codex_log: pytest.LogCaptureFixture,
    fields: dict[str, str],
) -> None:
    client.get("/en/about/")
    redis_client.hset(SETTINGS_KEY, mapping=fields)
    codex_log.clear()
    assert client.get("/en/about/").status_code == 200
    assert redis_client.hget(SETTINGS_KEY, next(iter(fields))) != next(iter(fields.values()))
    assert "Discarding corrupt site settings cache entry" in codex_log.text


def test_settings_hash_with_wrong_value_types_never_breaks_a_page(
    demo: None, client: Client, redis_client: redis.Redis
) -> None:
    client.get("/en/about/")
    for fields in WRONG_TYPES.values():
        redis_client.hset(SETTINGS_KEY, mapping=fields)
        for path in ("/en/", "/en/about/", "/en/contacts/", "/en/masters/anna-schmidt/"):
            assert client.get(path).status_code == 200, (path, fields)


@pytest.mark.parametrize("key", [SETTINGS_KEY, ABOUT_KEY])
def test_cache_key_of_another_redis_type_renders_from_the_db(
    demo: None, client: Client, redis_client: redis.Redis, key: str
) -> None:
    redis_client.set(key, "a string where a hash belongs")
    response = client.get("/en/about/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "<title>About Codex Demo</title>" in body
    assert '<meta property="og:site_name" content="Codex Demo">' in body


BAD_TEMPLATE_PAYLOADS = {
    "not_json": "not json {",
    "object": '{"subject": "x"}',
    "one_part": '["only a subject"]',
    "numbers": "[1, 2]",
    "three_parts": '["a", "b", "c"]',
    "null": "null",
}


@pytest.mark.parametrize("payload", BAD_TEMPLATE_PAYLOADS.values(), ids=BAD_TEMPLATE_PAYLOADS.keys())
def test_corrupt_notification_entry_is_a_logged_miss_and_is_replaced(
    demo: None,
    redis_client: redis.Redis,
    codex_log: pytest.LogCaptureFixture,
    mailoutbox: list[Any],
    payload: str,
) -> None:
    key = get_notifications_cache_manager().make_key(template_cache_key("booking_confirmation", "en"))
    expected = notification_template_get("booking_confirmation", "en")
    redis_client.set(key, payload)
    codex_log.clear()

    sent = notification_send(
        key="booking_confirmation", language="en", to=["guest@example.com"], context={"master_name": "Anna"}
    )

    assert sent == 1
    assert "Anna" in mailoutbox[0].subject
    assert json.loads(redis_client.get(key) or "") == list(expected)
    assert [r.getMessage() for r in codex_log.records] == [
        f"Discarding corrupt notification cache entry {template_cache_key('booking_confirmation', 'en')}: "
        f"{payload[:80]!r}"
    ]


def test_notification_entry_of_another_redis_type_is_a_miss(demo: None, redis_client: redis.Redis) -> None:
    key = get_notifications_cache_manager().make_key(template_cache_key("booking_confirmation", "en"))
    redis_client.hset(key, "subject", "x")
    subject, _body = notification_template_get("booking_confirmation", "en")
    assert subject.startswith("Your appointment with")
    assert json.loads(redis_client.get(key) or "")[0] == subject


@pytest.mark.parametrize("target", ["settings", "seo", "page"])
def test_bytes_that_are_not_utf8_under_a_key_render_from_the_db(
    demo: None, client: Client, redis_client: redis.Redis, settings: Any, target: str
) -> None:
    """A foreign writer's binary value where a hash field or a stored page belongs: the page
    still renders from the database (twice: the second render is served or stored anew)."""
    settings.CODEX_PAGE_CACHE_ENABLED = True
    assert client.get("/en/about/").status_code == 200  # every entry cached, the page stored
    if target == "page":
        pages = [k for k in redis_client.scan_iter("codex_demo:page:*") if not k.endswith(("#gen", "#lock"))]
        assert len(pages) == 1
        redis_client.set(pages[0], b"\xff\n<p>foreign</p>")  # a first line that is not UTF-8
    else:
        key = SETTINGS_KEY if target == "settings" else ABOUT_KEY
        fields = redis_client.hkeys(key)
        assert fields
        redis_client.hset(key, mapping=dict.fromkeys(fields, NOT_UTF8))
        settings.CODEX_PAGE_CACHE_ENABLED = False  # render the page, do not serve it

    for _ in range(2):
        response = client.get("/en/about/")
        assert response.status_code == 200
        body = response.content.decode()
        assert "<title>About Codex Demo</title>" in body
        assert '<meta property="og:site_name" content="Codex Demo">' in body
