"""The benchmarks (``python -m bench``) run end to end on tiny sizes, so their code cannot rot.

Not a timing test: it asserts that each benchmark measures what it claims (hits, the same
sitemap URLs as plain Django, request counts) against the real Redis and database.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from pytest_django.fixtures import Settings

from bench import b1_managers, b2_pages, b3_sitemaps, b4_suite, b5_soak, report, wrk
from bench.__main__ import _parse
from bench.environment import machine_info
from bench.loadgen import load
from tests.redis_server import RedisServer
from tests.topologies import ClusterTopology


class _Ok(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        status = 200 if self.path == "/ok" else 404
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def http_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Ok)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def plain_static(settings: Settings) -> None:
    """Pages render without ``collectstatic`` (no manifest)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.mark.django_db
def test_b1_times_every_operation_sync_and_async_against_both(redis_server: RedisServer) -> None:
    result = b1_managers.run(redis_server.url, n=10, budget=0.2)

    assert {(r["operation"], r["mode"]) for r in result["rows"]} == {
        (op, mode) for op in ("get_page", "set_page", "load_cached", "get_busy") for mode in ("sync", "async")
    }
    for row in result["rows"]:
        assert row["ours"]["n"] == row["baseline"]["n"] == 10
        assert row["speedup"] > 0
    assert result["min_read_speedup"] == min(r["speedup"] for r in result["rows"] if r["read"])


@pytest.mark.django_db
def test_b1_on_a_cluster_beside_standalone(
    redis_server: RedisServer, cluster_topology: ClusterTopology
) -> None:
    """The cluster rows time codex_core's managers on the cluster (every key on the cluster,
    none on the one server) against the same managers on the one server, sync and async."""
    result = b1_managers.run_cluster(redis_server.url, cluster_topology.url, n=10, budget=0.2)
    assert {(r["operation"], r["mode"]) for r in result["rows"]} == {
        (op, mode) for op in ("get_page", "set_page", "load_cached", "get_busy") for mode in ("sync", "async")
    }
    assert all(r["ours"]["n"] == r["baseline"]["n"] == 10 for r in result["rows"])
    assert "codex_demo:seo:en:{home}" in cluster_topology.all_keys()
    text = "\n".join(report.b1({**b1_managers.run(redis_server.url, n=5, budget=0.1), "cluster": result}))
    assert "B1 — the same managers on a 3-node Redis Cluster beside one server (same run)" in text
    cluster_topology.flushall()


def test_b1_baseline_reads_what_the_managers_wrote(redis_server: RedisServer) -> None:
    ours, baseline, _parts = b1_managers._operations(redis_server.url)
    b1_managers._warm(_parts)

    assert baseline["get_page"]() == ours["get_page"]() == b1_managers.SEO_PAYLOAD
    assert baseline["get_busy"]() == ours["get_busy"]() == b1_managers.BUSY
    assert baseline["load_cached"]() == ours["load_cached"]()


@pytest.mark.django_db
def test_b3_ours_and_plain_django_emit_the_same_urls() -> None:
    result = b3_sitemaps.run((5,))

    [row] = result["rows"]
    assert row["same_output_but_x_default"] is True
    assert row["within_limits"] is True
    # 5 articles x 4 languages, in one section page.
    urls = [[s["urls"] for s in row[impl]["sections"]] for impl in ("ours", "plain")]
    assert urls == [[20], [20]]
    assert row["ours"]["index"]["sections"] == 1
    from features.articles.models import Article

    assert not Article.objects.filter(slug_en__startswith=b3_sitemaps.SLUG_PREFIX).exists()


@pytest.mark.django_db
@pytest.mark.usefixtures("plain_static")
def test_b2_counts_queries_and_round_trips_of_warm_pages(http_server: str) -> None:
    b2_pages.seed()
    paths = b2_pages.page_paths()
    counts = b2_pages.count_per_request(paths)

    assert set(counts) == {"home", "article", "master"}
    for page in counts.values():
        assert page["status"] == 200
        assert page["sql_seo_settings"] == 0
        assert page["redis_round_trips"] <= 2
        assert "_BatchReader.prefetch:hit" in page["redis_calls"]

    loaded = load(f"{http_server}/ok", requests=12, concurrency=3)
    assert (loaded["n"], loaded["errors"], loaded["statuses"]) == (12, 0, {"200": 12})
    missing = load(f"{http_server}/missing", requests=2, concurrency=2)
    assert (missing["errors"], missing["statuses"]) == (2, {"404": 2})

    result = {
        "requests": 12,
        "concurrency": 3,
        "modes": {"warm": {name: {**loaded, **page} for name, page in counts.items()}},
        "target": "t",
        "target_met": True,
    }
    assert "| master | warm |" in "\n".join(report.b2(result))


def test_load_rejects_an_empty_run() -> None:
    with pytest.raises(ValueError, match="requests and concurrency must be positive, got 0, 1"):
        load("http://127.0.0.1:1/", requests=0, concurrency=1)


def test_b4_reports_env_values_or_runs_the_commands(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BENCH_MAKE_TEST_SECONDS", "123.4")
    monkeypatch.delenv("BENCH_MAKE_E2E_SECONDS", raising=False)

    assert b4_suite.run()["rows"] == {
        "make test": {"seconds": 123.4, "source": "$BENCH_MAKE_TEST_SECONDS"},
        "make e2e": {"seconds": None, "source": "$BENCH_MAKE_E2E_SECONDS"},
    }
    assert b4_suite.time_command(["false"])["returncode"] == 1
    monkeypatch.setenv("BENCH_MAKE_TEST_SECONDS", "soon")
    with pytest.raises(ValueError, match="BENCH_MAKE_TEST_SECONDS='soon' is not a number of seconds"):
        b4_suite.run()


def test_runner_options_and_report(capsys: pytest.CaptureFixture[str]) -> None:
    assert _parse(["--only", "b1, B3", "--quick"]).only == ["B1", "B3"]
    with pytest.raises(SystemExit):
        _parse(["--only", "B9"])
    assert "unknown benchmark(s) B9; choose from B1, B2, B3, B4, B5, B6" in capsys.readouterr().err

    info = machine_info()
    assert info["nproc"] >= 1
    assert info["cpu_model"]
    text = report.render({"machine": info, "benchmarks": {"B4": b4_suite.run()}})
    assert text.startswith(f"Measured {info['date']} on {info['nproc']} x ")
    assert "| make test |" in text


@pytest.mark.django_db(transaction=True)
def test_b5_soaks_on_a_server_of_its_own_and_reports_stale_keys() -> None:
    result = b5_soak.run(operations=20, seeds=(3,))

    [row] = result["rows"]
    assert (row["seed"], row["operations"], row["stale_keys"]) == (3, 20, 0)
    assert result["target_met"] is True
    assert "| 3 | 20 |" in "\n".join(report.b5(result))


B6_ROW = {"req_per_s": 100.0, "p50_ms": 1.0, "p99_ms": 2.0, "errors": 0}
B6_MODES = ("page_cache", "todays_warm", "redis_off")


def b6_result(page: str, path: str, **extra: Any) -> dict[str, Any]:
    """A B6 result of one page, every mode at :data:`B6_ROW`, 3 edits and 9 background requests."""
    return {
        "paths": {page: path},
        "articles": "demo",
        "concurrency": 8,
        "modes": {mode: {page: B6_ROW} for mode in B6_MODES},
        "speedup_vs_todays_warm": {page: 1.0},
        "freshness": {
            "edits": 3,
            "background_requests": 9,
            "stale_after_commit": 0,
            "next_request_p50_ms": 1.0,
            "next_request_p99_ms": 2.0,
        },
        "target": "t",
        "target_met": False,
        **extra,
    }


def test_b6_report_lists_every_page_and_mode_and_the_freshness() -> None:
    result = b6_result("home", "/en/", rounds=5, load_generator="wrk")
    text = "\n".join(report.b6(result))
    for mode in B6_MODES:
        assert f"| home | {mode} | 100.0 | 1.0 | 2.0 | 0 |" in text
    assert "3 edits under load (9 background requests), **0 stale** responses after commit" in text
    assert "load from wrk, 8 connections; each figure the median of 5 rounds" in text


def test_b6_report_gives_the_cpu_time_stolen_during_the_rounds() -> None:
    assert "stolen by the hypervisor during the rounds: 4.2%." in "\n".join(
        report.b6(b6_result("home", "/en/", cpu_steal_percent=4.2))
    )
    assert "stolen" not in "\n".join(report.b6(b6_result("home", "/en/", cpu_steal_percent=None)))


def test_steal_is_the_stolen_share_of_the_cpu_time_between_two_readings() -> None:
    from bench.environment import cpu_times, steal_percent

    assert steal_percent((1000, 10), (3000, 60)) == 2.5
    assert steal_percent((1000, 10), (1000, 10)) is None
    before = cpu_times()
    sum(range(2_000_000))  # some CPU time passes
    after = cpu_times()
    assert after[0] >= before[0] > 0  # Linux: /proc/stat is read
    assert 0 <= (steal_percent(before, after) or 0) <= 100


def test_b6_figures_are_the_median_of_their_rounds() -> None:
    from bench.b6_page_cache import median_of_rounds

    rounds = [
        {"req_per_s": 900.0, "p50_ms": 3.0, "p99_ms": 40.0, "errors": 0},
        {"req_per_s": 1500.0, "p50_ms": 2.0, "p99_ms": 6.0, "errors": 1},
        {"req_per_s": 1400.0, "p50_ms": 2.5, "p99_ms": 7.0, "errors": 0},
    ]
    assert median_of_rounds(rounds) == {
        "req_per_s": 1400.0,
        "p50_ms": 2.5,
        "p99_ms": 7.0,
        "errors": 1,
        "rounds": [900.0, 1500.0, 1400.0],
    }


def _require_wrk() -> None:
    if wrk.binary() is None:
        message = "wrk is not installed (apt-get install wrk); B6 measures with it"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def test_wrk_load_counts_requests_latency_and_errors(http_server: str) -> None:
    _require_wrk()
    ok = wrk.load(f"{http_server}/ok", seconds=1, concurrency=2)
    missing = wrk.load(f"{http_server}/missing", seconds=1, concurrency=2)

    assert ok["n"] > 0
    assert ok["errors"] == 0
    assert 0 < ok["p50_ms"] <= ok["p99_ms"]
    assert ok["req_per_s"] > 0
    assert missing["n"] > 0
    assert missing["errors"] >= missing["n"]


def test_wrk_report_parsing_reads_every_unit() -> None:
    report_text = """Running 5s test @ http://127.0.0.1:1/en/
  1 threads and 8 connections
  Latency Distribution
     50%  812.00us
     75%    1.20ms
     90%    2.01ms
     99%    1.05s
  6000 requests in 5.00s, 45.00MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:   1200.00
"""
    expected = {"n": 6000, "req_per_s": 1200.0, "p50_ms": 0.812, "p99_ms": 1050.0, "errors": 7}
    assert wrk.parse(report_text) == expected
    with pytest.raises(ValueError, match="not a wrk report"):
        wrk.parse("wrk: connection refused")


def test_b6_report_gives_the_article_floors() -> None:
    floors = {"constant": {"req_per_s": 900.0}, "stored_page": {"req_per_s": 400.0}}
    result = b6_result("article", "/en/articles/a/", article_floors=floors)
    text = "\n".join(report.b6(result))
    assert (
        "a constant body of the page's size 900.0 req/s; the stored page read from Redis with its key "
        "derived once 400.0 req/s; the page cache 100.0 req/s."
    ) in " ".join(text.split())


def _wsgi_get(app, path: str = "/") -> tuple[str, bytes]:
    import io

    seen: dict[str, str] = {}
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "wsgi.input": io.BytesIO(b"")}
    body = b"".join(app(environ, lambda status, headers: seen.update(status=status)))
    return seen["status"], body


def test_the_constant_floor_answers_its_size(monkeypatch) -> None:
    from bench import floors

    monkeypatch.setenv("BENCH_FLOOR_BYTES", "1234")
    floors._constant_body.cache_clear()
    try:
        assert _wsgi_get(floors.constant) == ("200 OK", b"x" * 1234)
    finally:
        floors._constant_body.cache_clear()


@pytest.mark.django_db(transaction=True)
def test_the_stored_page_floor_answers_what_the_page_cache_stored(client, settings, monkeypatch) -> None:
    from bench import floors

    settings.CODEX_PAGE_CACHE_ENABLED = True
    settings.ROOT_URLCONF = "tests.core.pagecache.views"
    settings.ALLOWED_HOSTS = ["testserver"]
    monkeypatch.setenv("BENCH_FLOOR_URL", "http://testserver/t/list/?page=2")
    floors._page_key.cache_clear()
    try:
        assert _wsgi_get(floors.stored_page)[0] == "404 Not Found"  # nothing stored yet
        assert client.get("/t/list/?page=2").content == b"page 2"  # stored by the middleware
        assert _wsgi_get(floors.stored_page) == ("200 OK", b"page 2")
    finally:
        floors._page_key.cache_clear()
