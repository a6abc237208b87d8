"""Redis stopped or hung while the demo serves concurrent clients: no 500, no lost page.

The demo runs in pytest-django's threaded ``live_server`` against the private redis-server
of the session. Every page must still render its SEO title and site name (read from the
database) while Redis is gone, make at most one hung call per request while it hangs (counted by
the breaker's failures, not timed), and cache again once it is back and the breaker's cooldown
has passed. Nothing here asserts a wall-clock duration: a loaded 2-core machine stretches them.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
import redis
from pytest_django.fixtures import Settings as SettingsWrapper
from pytest_django.live_server_helper import LiveServer

from codex_core.redis.breaker import breaker
from tests.redis_server import RedisServer
from tests.resilience.conftest import Page
from tests.resilience.load import LoadReport, fetch, run_load

pytestmark = pytest.mark.django_db(transaction=True)

WORKERS = 8
PER_WORKER = 25
COOLDOWN = 0.2
TIMEOUT = 0.2
SETTINGS_KEY = "codex_demo:site_settings"
HOME_SEO_KEY = "codex_demo:seo:en:{home}"


def assert_all_rendered(report: LoadReport, pages: list[Page]) -> None:
    assert report.errors == [], report.errors[:3]
    by_path = {page.path: page for page in pages}
    wrong = [a.path for a in report.answers if a.status != 200 or not by_path[a.path].renders_from_db(a.body)]
    assert wrong == []


def wait_for(condition: Callable[[], bool], seconds: float) -> bool:
    """Poll ``condition`` until it holds (a generous deadline, not a timed assertion)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def outage_messages(log: pytest.LogCaptureFixture) -> list[str]:
    """The breaker's outage and recovery lines, in order, shortened to "down" and "up"."""
    return [
        "down" if "Redis is unavailable" in r.getMessage() else "up"
        for r in log.records
        if "Redis is unavailable" in r.getMessage() or "reachable again" in r.getMessage()
    ]


@pytest.fixture
def fast_redis(settings: SettingsWrapper, fresh_pools: None) -> None:
    settings.CODEX_REDIS_BREAKER_COOLDOWN = COOLDOWN
    settings.CODEX_REDIS_SOCKET_TIMEOUT = TIMEOUT
    settings.CODEX_REDIS_CONNECT_TIMEOUT = TIMEOUT


@pytest.fixture
def patient_redis(settings: SettingsWrapper, fresh_pools: None) -> None:
    """A stopped server refuses at once; generous timeouts keep a loaded machine's slow reply
    from opening the breaker before the stop (an outage of its own, logged as such)."""
    settings.CODEX_REDIS_BREAKER_COOLDOWN = COOLDOWN
    settings.CODEX_REDIS_SOCKET_TIMEOUT = 10.0
    settings.CODEX_REDIS_CONNECT_TIMEOUT = 10.0


def test_redis_stopped_under_load_serves_every_page_from_the_db_then_caches_again(
    live_server: LiveServer,
    demo_pages: list[Page],
    patient_redis: None,
    redis_server: RedisServer,
    redis_client: redis.Redis,
    codex_log: pytest.LogCaptureFixture,
) -> None:
    paths = [page.path for page in demo_pages]
    warm = run_load(live_server.url, paths, workers=2, per_worker=4)
    assert_all_rendered(warm, demo_pages)
    assert redis_client.exists(SETTINGS_KEY, HOME_SEO_KEY) == 2

    outage = run_load(
        live_server.url, paths, workers=WORKERS, per_worker=PER_WORKER, at_midpoint=redis_server.stop
    )
    print(outage.summary("redis stopped midway"))
    assert outage.sent == WORKERS * PER_WORKER
    assert_all_rendered(outage, demo_pages)
    # Once per outage, not once per request: the stop is one outage, logged once, last.
    assert outage_messages(codex_log) == ["down"]

    redis_server.start()  # same port, empty (no persistence)
    after = redis.Redis.from_url(redis_server.url, decode_responses=True)
    assert wait_for(lambda: breaker.state != "open", 30)  # the live server shares this breaker
    recovered = run_load(live_server.url, paths, workers=4, per_worker=4)
    print(recovered.summary("redis back"))
    assert_all_rendered(recovered, demo_pages)
    assert after.exists(SETTINGS_KEY, HOME_SEO_KEY) == 2
    assert int(after.info("stats")["keyspace_hits"]) > 0
    assert outage_messages(codex_log) == ["down", "up"]
    after.close()


def test_redis_hanging_costs_a_bounded_wait_and_no_thread_pile_up(
    live_server: LiveServer,
    demo_pages: list[Page],
    fast_redis: None,
    redis_server: RedisServer,
    thread_baseline: int,
) -> None:
    paths = [page.path for page in demo_pages]
    assert_all_rendered(run_load(live_server.url, paths, workers=2, per_worker=4), demo_pages)
    baseline = run_load(live_server.url, paths, workers=WORKERS, per_worker=4)
    threads_before = threading.active_count()

    failures_before, started = breaker.epoch, time.monotonic()
    redis_server.pause()
    try:
        hang = run_load(live_server.url, paths, workers=WORKERS, per_worker=PER_WORKER)
    finally:
        redis_server.resume()
    hung_for, failures = time.monotonic() - started, breaker.epoch - failures_before
    print(f"[redis hung] {failures} hung calls in {hung_for:.1f}s")
    print(baseline.summary("redis up (baseline)"))
    print(hang.summary("redis hung (SIGSTOP)"))
    assert_all_rendered(hang, demo_pages)
    # Counted, not timed: every hung call is one breaker failure. The calls in flight when
    # the server stopped (at most one per worker) fail, then the breaker skips every call
    # but one probe per cooldown, and a probe that hangs holds the slot for a timeout. So
    # the failures are at most WORKERS plus the cooldowns the hang lasted (however slow the
    # machine: a slower run has more cooldowns and as many more probes). Without the
    # breaker each of the WORKERS * PER_WORKER requests would make its own hung calls.
    cooldowns = hung_for / (COOLDOWN + TIMEOUT)
    assert 1 <= failures <= WORKERS + cooldowns + 1, (failures, hung_for)
    assert failures < WORKERS * PER_WORKER / 4, failures
    assert wait_for(lambda: threading.active_count() <= threads_before, 5), (
        threading.active_count(),
        threads_before,
        thread_baseline,
    )
    assert fetch(live_server.url, paths[0]).status == 200
