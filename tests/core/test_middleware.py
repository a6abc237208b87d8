from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import translation

from codex_core.middleware import CodexPrefetchMiddleware
from codex_core.redis.instrumentation import collect_calls
from codex_core.redis.managers.seo import get_seo_redis_manager
from codex_core.redis.managers.settings import get_site_settings_manager


@pytest.mark.urls("tests.core.support_i18n.urls")
def test_one_round_trip_serves_the_seo_read(rf: RequestFactory) -> None:
    get_seo_redis_manager().set_page("about", {"seo_title": "About"}, language="en")
    middleware = CodexPrefetchMiddleware(
        lambda request: HttpResponse(str(get_seo_redis_manager().lookup_page("about")))
    )
    with translation.override("en"), collect_calls() as calls:
        response = middleware(rf.get("/en/about/"))
    assert response.content == b"{'seo_title': 'About'}"
    assert [(c.operation, c.round_trips) for c in calls] == [("prefetch", 1)]


@pytest.mark.urls("tests.core.support_i18n.urls")
def test_unresolvable_path_still_prefetches_settings(rf: RequestFactory) -> None:
    middleware = CodexPrefetchMiddleware(lambda request: HttpResponse("ok"))
    with collect_calls() as calls:
        response = middleware(rf.get("/no/such/page/"))
    assert response.status_code == 200
    assert [c.operation for c in calls] == ["prefetch"]
    assert calls[0].key == get_site_settings_manager().key
