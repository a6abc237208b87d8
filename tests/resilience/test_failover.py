"""The primary SIGKILLed under load, on Sentinel and on a Cluster: no 5xx, no stale entry.

The demo runs in pytest-django's threaded ``live_server``; a fresh topology per test
(tests/topologies.py) is pointed at. Midway through a bounded load (fixed workers, fixed
requests, loopback) the primary is SIGKILLed and, while no primary answers, the home page's
SEO title and the site name are edited in the database (their invalidations cannot reach
Redis and are queued). Every request must render from the database meanwhile; writes must
resume on the promoted replica (the figure is printed: ``pytest -s``); the queued
invalidations must be replayed there, so no page shows the old title or site name after.

The bound on resumption is generous (the machine is shared): the failover itself takes
``down-after-milliseconds`` / ``cluster-node-timeout`` (1 s) plus the election.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator

import pytest
from django.db import transaction
from django.utils.html import escape
from pytest_django.fixtures import Settings as SettingsWrapper
from pytest_django.live_server_helper import LiveServer
from redis.cluster import key_slot

from codex_core.redis.managers.seo import SeoRedisManager
from codex_core.redis.pending import pending
from features.pages.models import StaticPageSeo
from features.site_settings.models import SiteSettings
from tests.redis_server import required_redis_server
from tests.resilience.conftest import Page
from tests.resilience.load import LoadReport, fetch, run_load
from tests.topologies import ClusterTopology, SentinelTopology, Topology

pytestmark = pytest.mark.django_db(transaction=True)

WORKERS = 4
PER_WORKER = 40
COOLDOWN = 0.2
TIMEOUT = 0.2
#: Seconds within which caching must resume (the issue's target is 5 s; see the module docstring).
RESUME_BOUND = 30.0
NEW_TITLE = "Codex Demo — renamed during the failover"
NEW_SITE_NAME = "Codex After Failover"
HOME_SEO_KEY = "codex_demo:seo:en:{home}"
SETTINGS_KEY = "codex_demo:site_settings"
#: A page key in the home page's slot: its write lands on the home slot's (new) primary.
PROBE_PAGE = next(
    f"probe-{i}" for i in range(100_000) if key_slot(f"probe-{i}".encode()) == key_slot(b"home")
)


@pytest.fixture
def sentinel() -> Iterator[SentinelTopology]:
    topology = SentinelTopology(required_redis_server())
    topology.start()
    yield topology
    topology.stop()


@pytest.fixture
def cluster() -> Iterator[ClusterTopology]:
    topology = ClusterTopology(required_redis_server())
    topology.start()
    yield topology
    topology.stop()


@pytest.fixture(params=[False, True], ids=["page-cache-off", "page-cache-on"])
def page_cache(request: pytest.FixtureRequest) -> bool:
    """Each failover runs without and with the page cache (the demo's default): with it, pages
    stored before the kill were replicated to the replica that takes over, and the edit's tag
    drops cannot reach Redis while no primary answers."""
    return bool(request.param)


def _point_at(settings: SettingsWrapper, topology: Topology, page_cache: bool) -> None:
    for name, value in topology.settings().items():
        setattr(settings, name, value)
    settings.CODEX_PAGE_CACHE_ENABLED = page_cache
    settings.CODEX_PAGE_CACHE_X_CACHE = True
    settings.CODEX_REDIS_BREAKER_COOLDOWN = COOLDOWN
    settings.CODEX_REDIS_SOCKET_TIMEOUT = TIMEOUT
    settings.CODEX_REDIS_CONNECT_TIMEOUT = TIMEOUT


def _edit_rows() -> None:
    """An editor saves the home page's SEO title and the site name (invalidation on commit)."""
    with transaction.atomic():
        row = StaticPageSeo.objects.get(page_key="home")
        row.seo_title_en = NEW_TITLE  # type: ignore[attr-defined]
        row.save()
        site = SiteSettings.load()
        site.site_name = NEW_SITE_NAME
        site.save()


class GatedLoad:
    """:func:`tests.resilience.load.run_load` with a gate: :meth:`quiet` holds new requests and
    waits for those in flight, so the edit does not meet readers on SQLite's table locks (the
    test database; PostgreSQL would not need it). Requests go on while the primary is dead."""

    def __init__(self, base_url: str, paths: list[str], *, workers: int, per_worker: int) -> None:
        self.base_url, self.paths, self.workers, self.per_worker = base_url, paths, workers, per_worker
        self.report = LoadReport()
        self._cond = threading.Condition()
        self._open, self._inflight, self._done = True, 0, 0

    def quiet(self) -> None:
        with self._cond:
            self._open = False
            self._cond.wait_for(lambda: self._inflight == 0)

    def reopen(self) -> None:
        with self._cond:
            self._open = True
            self._cond.notify_all()

    def run(self, at_midpoint: Callable[[], None]) -> LoadReport:
        total = self.workers * self.per_worker

        def worker(index: int) -> None:
            for n in range(self.per_worker):
                with self._cond:
                    self._cond.wait_for(lambda: self._open)
                    self._inflight += 1
                answer = fetch(self.base_url, self.paths[(index + n) % len(self.paths)])
                with self._cond:
                    self._inflight -= 1
                    self._cond.notify_all()
                    self.report.answers.append(answer)
                    self._done += 1
                    midpoint = self._done == total // 2
                if midpoint:
                    at_midpoint()

        threads = [threading.Thread(target=worker, args=(i,)) for i in range(self.workers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return self.report


class Failover:
    """Kill the primary (``kill``), edit the rows, then time until a cache write lands again."""

    def __init__(self, kill: Callable[[], None]) -> None:
        self.kill_primary = kill
        self.killed_at = 0.0
        self.resumed_at = 0.0
        self.edited = threading.Event()
        self.load: GatedLoad | None = None
        self._thread: threading.Thread | None = None

    def kill(self) -> None:
        assert self.load is not None
        self.kill_primary()
        self.killed_at = time.monotonic()
        self.load.quiet()
        try:
            _edit_rows()
        finally:
            self.load.reopen()
        self.edited.set()
        self._thread = threading.Thread(target=self._poll, daemon=True)
        self._thread.start()

    def _poll(self) -> None:
        seo = SeoRedisManager()
        deadline = self.killed_at + RESUME_BOUND
        while time.monotonic() < deadline:
            if seo.set_page(PROBE_PAGE, {"title": "probe"}, 60):
                self.resumed_at = time.monotonic()
                return
            time.sleep(0.02)

    def wait(self) -> float:
        """Seconds from the SIGKILL to the first cache write that reached the new primary."""
        assert self._thread is not None
        self._thread.join(RESUME_BOUND + 5)
        assert self.resumed_at, f"caching did not resume within {RESUME_BOUND}s"
        return self.resumed_at - self.killed_at


def _assert_served_from_db(report: LoadReport, pages: list[Page]) -> None:
    assert report.errors == [], report.errors[:3]
    assert {a.status for a in report.answers} == {200}
    titles = {page.path: page.title for page in pages}
    for answer in report.answers:
        home = answer.path == "/en/"
        expected = (
            (escape(titles[answer.path]), escape(NEW_TITLE)) if home else (escape(titles[answer.path]),)
        )
        assert any(f"<title>{t}</title>" in answer.body for t in expected), answer.path


def _assert_fresh(live_server: LiveServer, pages: list[Page], page_cache: bool) -> None:
    """After the failover every page shows the edited title and site name, twice; with the page
    cache, the second home page comes from it (a fresh page, stored on the new primary)."""
    for attempt in range(2):
        home = fetch(live_server.url, "/en/")
        assert home.status == 200
        assert f"<title>{escape(NEW_TITLE)}</title>" in home.body
        # The load after the edit may have stored the fresh page already: the first may hit too.
        if attempt == 1 or not page_cache:
            assert home.x_cache.startswith("HIT") is page_cache, home.x_cache
        for page in pages:
            answer = fetch(live_server.url, page.path)
            assert answer.status == 200
            assert f'<meta property="og:site_name" content="{NEW_SITE_NAME}">' in answer.body


def _run(
    live_server: LiveServer, pages: list[Page], failover: Failover, label: str
) -> tuple[LoadReport, float]:
    paths = [page.path for page in pages]
    warm = run_load(live_server.url, paths, workers=2, per_worker=4)
    assert warm.errors == []
    failover.load = GatedLoad(live_server.url, paths, workers=WORKERS, per_worker=PER_WORKER)
    report = failover.load.run(failover.kill)
    assert failover.edited.is_set()
    resumed = failover.wait()
    print(f"{report.summary(label)} resumed_after={resumed:.2f}s")
    _assert_served_from_db(report, pages)
    return report, resumed


def test_sentinel_primary_killed_under_load(
    live_server: LiveServer,
    demo_pages: list[Page],
    sentinel: SentinelTopology,
    settings: SettingsWrapper,
    fresh_pools: None,
    page_cache: bool,
) -> None:
    _point_at(settings, sentinel, page_cache)
    old = sentinel.current_primary()
    failover = Failover(lambda: sentinel.fail_over())
    report, resumed = _run(live_server, demo_pages, failover, "sentinel primary SIGKILLed")
    assert report.sent == WORKERS * PER_WORKER
    assert resumed < RESUME_BOUND
    new = sentinel.current_primary()
    assert new is not old
    _assert_fresh(live_server, demo_pages, page_cache)
    assert not pending
    with new.client() as client:
        assert NEW_TITLE in client.hgetall(HOME_SEO_KEY).values()
        assert NEW_SITE_NAME in str(client.hgetall(SETTINGS_KEY))


def test_cluster_node_primary_killed_under_load(
    live_server: LiveServer,
    demo_pages: list[Page],
    cluster: ClusterTopology,
    settings: SettingsWrapper,
    fresh_pools: None,
    page_cache: bool,
) -> None:
    _point_at(settings, cluster, page_cache)
    old = cluster.primary_of(HOME_SEO_KEY)
    failover = Failover(lambda: cluster.fail_over(HOME_SEO_KEY))
    report, resumed = _run(live_server, demo_pages, failover, "cluster primary of {home} SIGKILLed")
    assert report.sent == WORKERS * PER_WORKER
    assert resumed < RESUME_BOUND
    new = cluster.primary_of(HOME_SEO_KEY)
    assert new is not old
    _assert_fresh_eventually(live_server, demo_pages, page_cache)
    assert not pending
    with new.client() as client:
        assert NEW_TITLE in client.hgetall(HOME_SEO_KEY).values()


def _assert_fresh_eventually(live_server: LiveServer, pages: list[Page], page_cache: bool) -> None:
    """Never stale: every answer until then shows the new title or came from the DB; once the
    breaker's probe has reached the promoted primary, the entries are cached and fresh."""
    deadline = time.monotonic() + RESUME_BOUND
    while pending and time.monotonic() < deadline:
        answer = fetch(live_server.url, "/en/")
        assert answer.status == 200
        assert f"<title>{escape(NEW_TITLE)}</title>" in answer.body
        time.sleep(0.05)
    _assert_fresh(live_server, pages, page_cache)
