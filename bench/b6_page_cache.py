"""B6 — the page cache under gunicorn (2 workers), in one run: page cache warm vs today's warm
(Redis data caches only) vs Redis off, for home, an article and the article list (and the
sitemap index); then "edit → next request" freshness over many edits under load.

Freshness: background clients load the article page while this process edits the article's
title (each edit commits, its on-commit invalidation drops the page's tags) and, right after
the commit, requests the page: a response without the new title is *stale*. Target: 0.
"""

from __future__ import annotations

import statistics
import threading
import time
import urllib.request
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from bench import wrk
from bench.b2_pages import collectstatic, gunicorn, seed, server_env
from bench.environment import cpu_times, steal_percent, use_redis
from bench.loadgen import load

#: Apps of :mod:`bench.floors`, loaded beside the modes on the article page.
FLOORS = ("constant", "stored_page")

MODES = {
    "page_cache": {"redis": True, "page_cache": True},
    "todays_warm": {"redis": True, "page_cache": False},
    "redis_off": {"redis": False, "page_cache": False},
}


def paths() -> dict[str, str]:
    from django.utils import translation

    from features.articles.selectors import article_list_public

    with translation.override("en"):
        article = article_list_public().first()
        if article is None:
            raise RuntimeError("B6 needs a public article; run seed_demo.")
        return {
            "home": "/en/",
            "article": article.get_absolute_url(),
            "list": "/en/articles/",
            "sitemap": "/sitemap.xml",
        }


def _env(database_path: Path, redis_url: str, mode: dict[str, bool]) -> dict[str, str]:
    env = server_env(database_path, redis_url, mode["redis"])
    env["CODEX_PAGE_CACHE_ENABLED"] = "1" if mode["page_cache"] else "0"
    return env


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode()


def freshness(base: str, path: str, *, edits: int, background: int = 2) -> dict[str, Any]:
    """Edit the article ``edits`` times under load; count responses missing the committed title."""
    from django.db import close_old_connections
    from django.utils import translation

    from features.articles.models import Article
    from features.articles.selectors import article_list_public

    with translation.override("en"):
        article = article_list_public().first()
    assert article is not None
    stop, served = threading.Event(), [0]

    def hammer() -> None:
        while not stop.is_set():
            _get(base + path)
            served[0] += 1

    threads = [threading.Thread(target=hammer, daemon=True) for _ in range(background)]
    for thread in threads:
        thread.start()
    stale, lags, started = 0, [], time.perf_counter()
    try:
        for n in range(edits):
            title = f"Fresh title {n}"
            Article.objects.filter(pk=article.pk).update(title_en=title)  # autocommit: invalidates on commit
            t0 = time.perf_counter()
            body = _get(base + path)
            lags.append(time.perf_counter() - t0)
            if title not in body:
                stale += 1
    finally:
        stop.set()
        for thread in threads:
            thread.join(10)
        close_old_connections()
    lags.sort()
    return {
        "edits": edits,
        "stale_after_commit": stale,
        "background_requests": served[0],
        "seconds": round(time.perf_counter() - started, 1),
        "next_request_p50_ms": round(lags[len(lags) // 2] * 1000, 2),
        "next_request_p99_ms": round(lags[min(len(lags) - 1, int(len(lags) * 0.99))] * 1000, 2),
    }


def median_of_rounds(samples: list[dict[str, Any]]) -> dict[str, Any]:
    """One figure per field: the median of the rounds' req/s, p50 and p99; errors summed."""
    figures: dict[str, Any] = {
        field: statistics.median(s[field] for s in samples) for field in ("req_per_s", "p50_ms", "p99_ms")
    }
    figures["errors"] = sum(s["errors"] for s in samples)
    figures["rounds"] = [s["req_per_s"] for s in samples]
    return figures


def measure(url: str, *, requests: int, concurrency: int, seconds: int) -> dict[str, Any]:
    """Load ``url``: from ``wrk`` for ``seconds`` when it is installed (``seconds`` > 0),
    else ``requests`` GETs from the Python load generator."""
    if seconds > 0 and wrk.binary() is not None:
        return wrk.load(url, seconds=seconds, concurrency=concurrency)
    return load(url, requests=requests, concurrency=concurrency)


def run(
    redis_url: str,
    database_path: Path,
    workdir: Path,
    *,
    requests: int = 2000,
    concurrency: int = 8,
    edits: int = 1000,
    large: int = 0,
    seconds: int = 2,
    rounds: int = 5,
) -> dict[str, Any]:
    """Targets: page cache warm >= 8x today's warm req/s and p99 <= 10 ms; 0 stale; with
    ``large`` articles the sitemap index warm p99 <= 10 ms.

    The three modes are served side by side (one gunicorn each) and loaded in turn, ``rounds``
    times per page, so a change in the machine's load falls on all three alike; each figure is
    the median of its rounds. A round is ``seconds`` of ``wrk`` (see :mod:`bench.wrk`), or
    without ``wrk`` (or ``seconds=0``) ``requests / rounds`` GETs (an eighth of that without
    the page cache) from the Python load generator."""
    seed()
    if large:
        from bench.b3_sitemaps import create_articles

        create_articles(large)
    pages = paths()
    collectstatic(server_env(database_path, redis_url, True))
    use_redis(redis_url)
    results: dict[str, Any] = {name: {} for name in MODES}
    floors: dict[str, Any] = {}
    cpu_before = cpu_times()
    with ExitStack() as servers:
        bases = {
            name: servers.enter_context(
                gunicorn(_env(database_path, redis_url, mode), workdir / f"gunicorn-b6-{name}.log")
            )
            for name, mode in MODES.items()
        }
        for page, path in pages.items():
            for base in bases.values():
                load(base + path, requests=4 * concurrency, concurrency=concurrency)  # warm
            loaded = {name: bases[name] + path for name in MODES}
            if page == "article":  # the floors, beside the modes (bench/floors.py)
                env = _env(database_path, redis_url, MODES["page_cache"])
                env.update(
                    BENCH_FLOOR_URL=loaded["page_cache"],
                    BENCH_FLOOR_BYTES=str(len(_get(loaded["page_cache"]))),
                )
                for name in FLOORS:
                    base = servers.enter_context(
                        gunicorn(
                            env, workdir / f"gunicorn-b6-{name}.log", app=f"bench.floors:{name}", probe="/"
                        )
                    )
                    loaded[name] = base + "/"
            samples: dict[str, list[dict[str, Any]]] = {name: [] for name in loaded}
            for _round in range(rounds):
                for name, url in loaded.items():
                    cached = name in FLOORS or MODES[name]["page_cache"]
                    n = requests if cached else max(requests // 8, 4 * concurrency)
                    samples[name].append(
                        measure(
                            url,
                            requests=max(n // rounds, concurrency),
                            concurrency=concurrency,
                            seconds=seconds,
                        )
                    )
            for name in MODES:
                results[name][page] = median_of_rounds(samples[name])
            for name in FLOORS:
                if name in samples:
                    floors[name] = median_of_rounds(samples[name])
        steal = steal_percent(cpu_before, cpu_times())
        results["freshness"] = freshness(bases["page_cache"], pages["article"], edits=edits)
    ratios = {
        page: round(results["page_cache"][page]["req_per_s"] / results["todays_warm"][page]["req_per_s"], 1)
        for page in pages
    }
    main = ("home", "article", "list")
    return {
        "paths": pages,
        "concurrency": concurrency,
        "rounds": rounds,
        "load_generator": "wrk" if seconds > 0 and wrk.binary() is not None else "python",
        "articles": large or "demo",
        "modes": {name: results[name] for name in MODES},
        "speedup_vs_todays_warm": ratios,
        "article_floors": floors,
        "cpu_steal_percent": steal,
        "freshness": results["freshness"],
        "target": "page cache warm >= 8x today's warm req/s, p99 <= 10 ms; 0 stale after commit",
        "target_met": all(ratios[p] >= 8 and results["page_cache"][p]["p99_ms"] <= 10 for p in main)
        and results["freshness"]["stale_after_commit"] == 0,
    }
