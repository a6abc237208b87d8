"""An edit's invalidation reaches Redis even when this process's breaker is open, and one
that cannot reach it (killed, SIGSTOPped, CLIENT PAUSEd, out of memory) is replayed."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from typing import Any

import pytest
import redis
from django.test import override_settings

from codex_core.redis.breaker import breaker
from codex_core.redis.client import close_clients
from codex_core.redis.managers.seo import get_seo_redis_manager
from codex_core.redis.managers.settings import get_site_settings_manager
from codex_core.redis.pending import pending
from codex_core.seo.selectors import get_static_page_seo
from tests.core.support_models.helpers import static_seo_model
from tests.core.support_models.models import StaticSeo
from tests.redis_server import RedisServer, client_pause, client_unpause, out_of_memory
from tests.twins import call

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _seo_model() -> Iterator[None]:
    close_clients()
    with static_seo_model(CODEX_REDIS_BREAKER_COOLDOWN=0.05, CODEX_REDIS_SOCKET_TIMEOUT=0.3):
        yield
    close_clients()


@pytest.fixture
def home() -> StaticSeo:
    return StaticSeo.objects.create(page_key="home", seo_title_en="Old")


def key() -> str:
    return get_seo_redis_manager().page_cache_key("home", "en")


def edit(home: StaticSeo, title: str, capture: Any) -> None:
    with capture(execute=True):
        home.seo_title_en = title
        home.save()


def wait_until(condition: Any, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.01)


def title() -> str:
    return get_static_page_seo("home", language="en")["seo_title"]


def test_edit_while_the_breaker_is_open_but_redis_is_healthy_deletes_the_entry(
    home: StaticSeo, redis_client: redis.Redis, django_capture_on_commit_callbacks: Any
) -> None:
    assert title() == "Old"
    assert redis_client.exists(key())
    breaker.record_failure(redis.TimeoutError("one slow reply"), 60)  # open for a minute

    edit(home, "New", django_capture_on_commit_callbacks)

    assert not redis_client.exists(key())  # the DEL was attempted and landed
    assert breaker.state == "closed"  # and its reply closed the breaker
    assert title() == "New"
    assert redis_client.hget(key(), "seo_title") == "New"


def test_site_settings_invalidation_while_the_breaker_is_open(mode: str, redis_client: redis.Redis) -> None:
    manager = get_site_settings_manager()
    redis_client.hset(manager.key, "site_name", '"Old"')
    breaker.record_failure(redis.TimeoutError("one slow reply"), 60)
    call(mode, manager, "invalidate")
    assert not redis_client.exists(manager.key)


def test_invalidation_during_sigstop_is_replayed_before_the_next_read(
    home: StaticSeo,
    redis_server: RedisServer,
    redis_client: redis.Redis,
    django_capture_on_commit_callbacks: Any,
) -> None:
    assert title() == "Old"
    redis_server.pause()
    try:
        edit(home, "New", django_capture_on_commit_callbacks)  # times out: queued
        assert len(pending) == 1
        assert title() == "New"  # breaker open: from the database
    finally:
        redis_server.resume()
    # (The timed-out DEL may still run when the server resumes; the replay does not rely on it.)
    wait_until(lambda: breaker.state == "half-open")
    assert title() == "New"  # the probe replays the DEL first, then misses
    assert len(pending) == 0
    assert redis_client.hget(key(), "seo_title") == "New"


def test_invalidation_during_client_pause_is_replayed(
    home: StaticSeo,
    redis_server: RedisServer,
    redis_client: redis.Redis,
    django_capture_on_commit_callbacks: Any,
) -> None:
    assert title() == "Old"
    client_pause(redis_server, 60_000)  # writes held: the DEL times out
    try:
        edit(home, "New", django_capture_on_commit_callbacks)
        assert len(pending) == 1
        assert title() == "New"
    finally:
        client_unpause(redis_server)
    wait_until(lambda: breaker.state == "half-open")
    assert title() == "New"
    assert len(pending) == 0
    assert redis_client.hget(key(), "seo_title") == "New"


def test_invalidation_while_redis_is_killed_is_replayed_after_restart(
    home: StaticSeo, redis_server: RedisServer, django_capture_on_commit_callbacks: Any
) -> None:
    assert title() == "Old"
    redis_server.stop()
    edit(home, "New", django_capture_on_commit_callbacks)
    assert len(pending) == 1
    assert title() == "New"
    redis_server.start()
    wait_until(lambda: breaker.state == "half-open")
    assert title() == "New"
    assert len(pending) == 0


def test_out_of_memory_write_turns_into_a_delete(
    mode: str, redis_server: RedisServer, redis_client: redis.Redis
) -> None:
    manager = get_site_settings_manager()
    redis_client.hset(manager.key, "site_name", '"Old"')

    class Row:
        def to_dict(self) -> dict[str, str]:
            return {"site_name": "New"}

    with out_of_memory(redis_server):
        call(mode, manager, "save_instance", Row())
        assert not redis_client.exists(manager.key)  # not the old value
        assert breaker.state == "closed"


def test_out_of_memory_edit_and_refill_stay_coherent(
    home: StaticSeo,
    redis_server: RedisServer,
    redis_client: redis.Redis,
    django_capture_on_commit_callbacks: Any,
) -> None:
    assert title() == "Old"
    with out_of_memory(redis_server):
        edit(home, "New", django_capture_on_commit_callbacks)
        assert not redis_client.exists(key())
        assert title() == "New"  # the refill cannot be stored: read from the database
    assert title() == "New"
    assert redis_client.hget(key(), "seo_title") == "New"


def test_overflowing_queue_falls_back_to_purging_the_namespace(
    redis_server: RedisServer, redis_client: redis.Redis, codex_log: pytest.LogCaptureFixture
) -> None:
    seo = get_seo_redis_manager()
    for page in ("a", "b", "c", "d"):
        seo.set_page(page, {"title": page}, language="en")
    redis_client.set("other_project:key", "kept")
    pending.limit = 2
    try:
        client_pause(redis_server, 60_000)
        try:
            for page in ("a", "b", "c"):
                with override_settings(CODEX_REDIS_SOCKET_TIMEOUT=0.1):
                    seo.invalidate_page(page)
        finally:
            client_unpause(redis_server)
        assert pending.overflows == 1
        wait_until(lambda: breaker.state == "half-open")
        assert seo.lookup_page("d", language="en") is None  # purged with the rest
    finally:
        pending.limit = 1000
    assert len(pending) == 0
    assert redis_client.keys("*") == ["other_project:key"]
    errors = [r.getMessage() for r in codex_log.records if r.levelno == logging.ERROR]
    assert errors == [
        "More than 2 Redis invalidations could not be delivered; every key matching "
        "'codex_demo:* {codex_demo:*' will be deleted once Redis answers again."
    ]
