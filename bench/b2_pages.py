"""B2 — pages under load: gunicorn (2 workers) on a seeded SQLite file, three Redis modes.

Modes: ``warm`` (a private redis-server, entries cached), ``disabled``
(``CODEX_REDIS_ENABLED=0``) and ``unreachable`` (``REDIS_URL`` on a closed port, so the
circuit breaker opens). For each page and mode: req/s and p50/p99 from a bounded load
generator, plus, measured in this process with Django's test client on one warm request,
the SQL queries (those reading SEO and site settings counted apart) and Redis round trips.
"""

from __future__ import annotations

import io
import os
import secrets
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench.environment import ROOT, use_redis
from bench.loadgen import load

MODES = ("warm", "disabled", "unreachable")


def seed() -> None:
    """Fill this process's database with the demo content (``manage.py seed_demo``)."""
    from django.core.management import call_command

    call_command("seed_demo", stdout=io.StringIO())


def page_paths() -> dict[str, str]:
    """Home, the first public article and the first active master, in English."""
    from django.utils import translation

    from features.articles.selectors import article_list_public
    from features.booking.models import Master

    with translation.override("en"):
        article = article_list_public().first()
        master = Master.objects.filter(is_active=True).order_by("order", "pk").first()
        if article is None or master is None:
            raise RuntimeError("B2 needs at least one public article and one active master; run seed_demo.")
        return {"home": "/en/", "article": article.get_absolute_url(), "master": master.get_absolute_url()}


def _mode_redis(mode: str, redis_url: str, dead_url: str) -> tuple[str, bool]:
    return {"warm": (redis_url, True), "disabled": (redis_url, False), "unreachable": (dead_url, True)}[mode]


def count_per_request(paths: dict[str, str]) -> dict[str, dict[str, Any]]:
    """SQL queries and Redis round trips of one request per page, after one warm-up request."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from codex_core.redis.instrumentation import collect_calls
    from features.pages.models import StaticPageSeo
    from features.site_settings.models import SiteSettings

    tables = (StaticPageSeo._meta.db_table, SiteSettings._meta.db_table)
    client = Client(HTTP_HOST="127.0.0.1")
    counts = {}
    for name, path in paths.items():
        client.get(path)
        with CaptureQueriesContext(connection) as queries, collect_calls() as calls:
            response = client.get(path)
        counts[name] = {
            "status": response.status_code,
            "sql_queries": len(queries),
            "sql_seo_settings": sum(any(t in q["sql"] for t in tables) for q in queries.captured_queries),
            "redis_round_trips": sum(call.round_trips for call in calls),
            "redis_calls": [f"{c.manager}.{c.operation}:{c.outcome}" for c in calls],
            "sql": [q["sql"][:120] for q in queries.captured_queries],
        }
    return counts


def server_env(database_path: Path, redis_url: str, enabled: bool) -> dict[str, str]:
    """Production settings (as ``make demo DEBUG=0``) served over plain HTTP on loopback."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="demo_site.settings_production",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        SECURE_HSTS_SECONDS="0",
        CANONICAL_SCHEME="http",
        DATABASE_URL=f"sqlite:///{database_path}",
        REDIS_URL=redis_url,
        CODEX_REDIS_ENABLED="1" if enabled else "0",
    )
    return env


def collectstatic(env: dict[str, str]) -> None:
    """Collect static files for whitenoise's manifest (into the git-ignored ``staticfiles/``)."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )


@contextmanager
def gunicorn(
    env: dict[str, str],
    log: Path,
    workers: int = 2,
    *,
    app: str = "demo_site.wsgi:application",
    probe: str = "/robots.txt",
) -> Iterator[str]:
    """Serve ``app`` (the demo) with gunicorn on a free loopback port once ``probe`` answers 200;
    yields the base URL."""
    from tests.redis_server import free_port

    port = free_port()
    binary = str(Path(sys.executable).with_name("gunicorn"))
    args = [binary, app, "--bind", f"127.0.0.1:{port}", "--workers", str(workers)]
    with log.open("ab") as out:
        proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=out, stderr=out)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(f"{base}{probe}", proc)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _wait_until_up(url: str, proc: subprocess.Popen[bytes], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {proc.returncode}; see its log")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"gunicorn did not answer {url} within {timeout:.0f}s")
        time.sleep(0.2)


def run(
    redis_url: str,
    database_path: Path,
    workdir: Path,
    *,
    requests: int = 300,
    concurrency: int = 8,
) -> dict[str, Any]:
    """Seed, then for each mode count per-request work in-process and load gunicorn.

    Target: a warm page makes 0 SQL queries for SEO and settings and at most 2 Redis
    round trips.
    """
    from tests.redis_server import free_port

    seed()
    paths = page_paths()
    dead_url = f"redis://127.0.0.1:{free_port()}/0"
    collectstatic(server_env(database_path, redis_url, True))
    modes: dict[str, Any] = {}
    for mode in MODES:
        url, enabled = _mode_redis(mode, redis_url, dead_url)
        use_redis(url, enabled=enabled)
        counts = count_per_request(paths)
        loads = {}
        with gunicorn(server_env(database_path, url, enabled), workdir / "gunicorn.log") as base:
            for name, path in paths.items():
                load(base + path, requests=min(requests, 4 * concurrency), concurrency=concurrency)  # warm
                loads[name] = load(base + path, requests=requests, concurrency=concurrency)
        modes[mode] = {name: {**loads[name], **counts[name]} for name in paths}
    use_redis(redis_url)
    warm = modes["warm"].values()
    return {
        "paths": paths,
        "requests": requests,
        "concurrency": concurrency,
        "modes": modes,
        "target": "warm page: 0 SQL queries for SEO/settings, <= 2 Redis round trips",
        "target_met": all(p["sql_seo_settings"] == 0 and p["redis_round_trips"] <= 2 for p in warm),
    }
