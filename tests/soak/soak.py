"""Randomized soak: readers and writers of the SEO model against a real Redis with faults.

Writers save rows (ORM), update them through the queryset, delete and re-create them and
rename their page key; readers read through :func:`get_static_page_seo`; between writes the
server is now and then SIGSTOPped, ``CLIENT PAUSE``d, filled up (OOM), killed and restarted,
or this process's breaker is opened while Redis is healthy. After quiescence every cached
entry must equal the database. Bounded and seeded: the same seed gives the same operations
(not the same interleaving).
"""

from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import redis
from django.db import OperationalError, connections
from django.utils import translation

from codex_core.redis.breaker import breaker
from codex_core.redis.keys import unescape_part
from codex_core.redis.managers.seo import MISSING_FIELD, get_seo_redis_manager
from codex_core.redis.pending import pending
from codex_core.seo.selectors import get_static_page_seo, resolve_static_page_seo_model, seo_payload
from tests.redis_server import RedisServer, client_pause, client_unpause, out_of_memory

PAGES = ("home", "about", "contacts", "extra")


@dataclass
class SoakReport:
    seed: int
    operations: int = 0
    reads: int = 0
    writes: dict[str, int] = field(default_factory=dict)
    faults: dict[str, int] = field(default_factory=dict)
    db_busy: int = 0
    cached_keys: int = 0
    stale: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "seed": self.seed,
            "operations": self.operations,
            "reads": self.reads,
            "writes": self.writes,
            "faults": self.faults,
            "db_busy": self.db_busy,
            "cached_keys": self.cached_keys,
            "stale_keys": len(self.stale),
        }


def _model() -> Any:
    model = resolve_static_page_seo_model()
    if model is None:
        raise RuntimeError("CODEX_STATIC_PAGE_SEO_MODEL does not resolve")
    return model


def _write(rng: random.Random, report: SoakReport, step: int) -> None:
    model = _model()
    page = rng.choice(PAGES)
    kind = rng.choice(("save", "save", "update", "delete", "rename"))
    row = model._default_manager.filter(page_key__in=(page, f"{page}-renamed")).first()
    if row is None:
        model._default_manager.create(page_key=page, seo_title_en=f"{page} {step}")
        kind = "create"
    elif kind == "save":
        row.seo_title_en = f"{page} saved {step}"
        row.save()
    elif kind == "update":
        model._default_manager.filter(pk=row.pk).update(seo_title_en=f"{page} updated {step}")
    elif kind == "delete":
        row.delete()
    else:
        row.page_key = page if row.page_key.endswith("-renamed") else f"{page}-renamed"
        row.save()
    report.writes[kind] = report.writes.get(kind, 0) + 1


def _fault(rng: random.Random, server: RedisServer, report: SoakReport, hold: float) -> None:
    kind = rng.choice(("sigstop", "client_pause", "oom", "breaker_open", "kill"))
    report.faults[kind] = report.faults.get(kind, 0) + 1
    if kind == "sigstop":
        server.pause()
        time.sleep(hold)
        server.resume()
    elif kind == "client_pause":
        client_pause(server, 60_000)
        time.sleep(hold)
        client_unpause(server)
    elif kind == "oom":
        with out_of_memory(server):
            time.sleep(hold)
    elif kind == "kill":
        server.stop()
        time.sleep(hold)
        server.start()  # empty: no persistence
    else:
        breaker.record_failure(redis.TimeoutError("soak: one slow reply"), 0.05)


def _quiesce(deadline: float) -> None:
    """Let the breaker close and the queued invalidations land."""
    manager = get_seo_redis_manager()
    while pending or breaker.state != "closed":
        if time.monotonic() > deadline:
            raise RuntimeError(f"no quiescence: breaker {breaker.state}, {len(pending)} pending")
        manager.lookup_page("__soak_probe__", language="en")
        time.sleep(0.02)


def _stale_keys(report: SoakReport) -> None:
    manager = get_seo_redis_manager()
    client = manager.client
    prefix = manager.page_cache_key("", "en").rsplit(":", 1)[0] + ":"
    for key in client.scan_iter(match=f"{prefix}*", count=500):
        if key.endswith("#gen"):
            continue
        if key.endswith("#lock"):  # a refill lock a fault interrupted: it must expire by itself
            assert client.pttl(key) > 0, f"{key}: a refill lock without a TTL"
            continue
        page = unescape_part(key[len(prefix) :].strip("{}"))
        cached = client.hgetall(key)
        expected = get_seo_redis_manager()  # noqa: F841 - keeps the pool warm
        row = _model()._default_manager.filter(page_key=page).first()

        with translation.override("en"):
            want = {MISSING_FIELD: "1"} if row is None else seo_payload(row)
        report.cached_keys += 1
        if cached != want:
            report.stale.append(f"{key}: cached {cached!r}, database {want!r}")


def run(
    server: RedisServer, *, seed: int, operations: int, readers: int = 3, hold: float = 0.15
) -> SoakReport:
    """Run ``operations`` writes interleaved with reads and faults; return the report."""
    rng = random.Random(seed)
    report = SoakReport(seed)
    stop = threading.Event()
    lock = threading.Lock()

    def reader(index: int) -> None:
        local = random.Random(seed * 1000 + index)
        try:
            while not stop.is_set():
                page = local.choice(PAGES) + local.choice(("", "", "-renamed"))
                try:
                    get_static_page_seo(page, language="en")
                except OperationalError:  # SQLite: a writer holds the table
                    with lock:
                        report.db_busy += 1
                with lock:
                    report.reads += 1
        finally:
            connections.close_all()

    threads = [threading.Thread(target=reader, args=(i,), daemon=True) for i in range(readers)]
    for thread in threads:
        thread.start()
    try:
        for step in range(operations):
            if rng.random() < 0.05:
                _fault(rng, server, report, hold)
            for _attempt in range(20):
                try:
                    _write(rng, report, step)
                    break
                except OperationalError:
                    report.db_busy += 1
                    time.sleep(0.01)
            report.operations += 1
        # The readers go on until the breaker closed and they read again: a restart among the
        # last operations empties Redis, and checking an empty cache would prove nothing.
        _quiesce(time.monotonic() + 30)
        _more_reads(report, lock, readers * 10, time.monotonic() + 30)
    finally:
        stop.set()
        for thread in threads:
            thread.join(30)
    _quiesce(time.monotonic() + 30)
    _stale_keys(report)
    return report


def _more_reads(report: SoakReport, lock: threading.Lock, count: int, deadline: float) -> None:
    """Wait until the readers made ``count`` more reads."""
    with lock:
        target = report.reads + count
    while time.monotonic() < deadline:
        with lock:
            if report.reads >= target:
                return
        time.sleep(0.01)
    raise RuntimeError(f"the readers made fewer than {count} reads in 30 s")
