"""The debug-toolbar panel lists every codex_core Redis call a request made."""

from __future__ import annotations

import re
import time

import pytest
from debug_toolbar.toolbar import DebugToolbar
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory, override_settings
from pytest_django.fixtures import Settings

from codex_core.redis.breaker import breaker
from codex_core.redis.managers.seo import get_seo_redis_manager
from tests.redis_server import free_port


def view(request: HttpRequest) -> HttpResponse:
    manager = get_seo_redis_manager()
    manager.set_page("home", {"seo_title": "Home"}, language="en")
    manager.get_page("home", language="en")
    manager.get_page("missing", language="en")
    return HttpResponse("ok")


@pytest.mark.django_db
def test_panel_records_manager_key_outcome_and_time(rf: RequestFactory) -> None:
    request = rf.get("/en/")
    toolbar = DebugToolbar(request, view)
    panel = toolbar.get_panel_by_id("CodexRedisPanel")
    response = panel.process_request(request)
    panel.generate_stats(request, response)
    stats = panel.get_stats()
    manager = get_seo_redis_manager()
    assert [(c["manager"], c["operation"], c["key"], c["outcome"]) for c in stats["calls"]] == [
        ("SeoRedisManager", "set_page", manager.page_cache_key("home", "en"), "write"),
        ("SeoRedisManager", "lookup_page", manager.page_cache_key("home", "en"), "hit"),
        ("SeoRedisManager", "lookup_page", manager.page_cache_key("missing", "en"), "miss"),
    ]
    assert all(c["duration_ms"] >= 0 for c in stats["calls"])
    assert stats["total_ms"] == pytest.approx(sum(c["duration_ms"] for c in stats["calls"]), abs=0.01)
    assert panel.nav_subtitle == "3 calls, 1 hits"


@pytest.mark.django_db
def test_toolbar_starts_collapsed_so_it_does_not_cover_the_page(client: Client, settings: Settings) -> None:
    settings.DEBUG = True  # the test runner turns DEBUG off; the toolbar shows only under DEBUG
    response = client.get("/en/", REMOTE_ADDR="127.0.0.1")
    html = response.content.decode()
    assert 'id="djDebug"' in html
    assert 'data-default-show="false"' in html


@pytest.mark.django_db
def test_panel_shows_a_half_open_breaker_and_waiting_invalidations(rf: RequestFactory) -> None:
    def outage_view(request: HttpRequest) -> HttpResponse:
        get_seo_redis_manager().invalidate_page("home")  # cannot reach Redis: queued
        return HttpResponse("ok")

    request = rf.get("/en/")
    toolbar = DebugToolbar(request, outage_view)
    panel = toolbar.get_panel_by_id("CodexRedisPanel")
    with override_settings(REDIS_URL=f"redis://127.0.0.1:{free_port()}/0", CODEX_REDIS_BREAKER_COOLDOWN=0.01):
        response = panel.process_request(request)
    deadline = time.monotonic() + 10
    while breaker.state != "half-open":
        assert time.monotonic() < deadline
        time.sleep(0.01)
    panel.generate_stats(request, response)
    stats = panel.get_stats()
    assert (stats["breaker"], stats["pending_invalidations"]) == ("half-open", 1)
    assert panel.nav_subtitle == "1 calls, 0 hits, breaker half-open"
    html = panel.content
    assert "Circuit breaker: half-open; 1 invalidation(s) waiting for Redis" in html


@pytest.mark.django_db(transaction=True)
def test_panel_shows_the_page_cache_outcome_and_tags(client: Client, settings: Settings) -> None:
    settings.DEBUG = True
    settings.CODEX_PAGE_CACHE_ENABLED = True
    from features.site_settings.demo_data import seed

    seed()
    response = client.get("/en/about/", REMOTE_ADDR="127.0.0.1")
    request_id = re.search(r'data-request-id="([^"]+)"', response.content.decode()).group(1)
    toolbar = DebugToolbar.fetch(request_id)
    stats = toolbar.get_panel_by_id("CodexRedisPanel").get_stats()
    assert stats["page_cache"] == {
        "status": "BYPASS",
        "reason": "debug toolbar",
        "stored": False,
        "key": "",
        "tags": ["seo:about", "site_settings"],
    }
    html = toolbar.get_panel_by_id("CodexRedisPanel").content
    assert "BYPASS (debug toolbar)" in html
    assert "<code>seo:about</code>, <code>site_settings</code>" in html
