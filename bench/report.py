"""Plain-text tables of the benchmark results (Markdown, so README.md can hold them)."""

from __future__ import annotations

from typing import Any


def _table(header: list[str], rows: list[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join("—" if cell is None else str(cell) for cell in row) + " |" for row in rows]
    return lines


def _met(result: dict[str, Any]) -> str:
    return f"Target: {result['target']} — **{'met' if result['target_met'] else 'NOT met'}**."


STATS = ("ops_per_s", "p50_ms", "p99_ms")


def _b1_rows(rows: list[dict[str, Any]]) -> list[list[Any]]:
    """One table row per operation and mode: ours (or the cluster), then its comparison, then the ratio."""
    return [
        [
            r["operation"],
            r["mode"],
            *(r[side][stat] for side in ("ours", "baseline") for stat in STATS),
            r["speedup"],
        ]
        for r in rows
    ]


def b1(result: dict[str, Any]) -> list[str]:
    header = ["operation", "mode", "ours ops/s", "p50 ms", "p99 ms"]
    header += ["baseline ops/s", "p50 ms", "p99 ms", "speed-up"]
    rows = _b1_rows(result["rows"])
    title = "B1 — manager operations (baseline: a new connection per operation)"
    return [f"### {title}", "", *_table(header, rows), "", _met(result), *_b1_cluster(result.get("cluster"))]


def _b1_cluster(result: dict[str, Any] | None) -> list[str]:
    if not result:
        return []
    header = ["operation", "mode", "cluster ops/s", "p50 ms", "p99 ms"]
    header += ["standalone ops/s", "p50 ms", "p99 ms", "cluster/standalone"]
    rows = _b1_rows(result["rows"])
    title = f"B1 — the same managers on a {result['nodes']}-node Redis Cluster beside one server (same run)"
    return ["", f"### {title}", "", *_table(header, rows)]


def b2(result: dict[str, Any]) -> list[str]:
    header = ["page", "mode", "req/s", "p50 ms", "p99 ms", "errors"]
    header += ["SQL/req", "SQL SEO+settings", "Redis RT/req"]
    rows = [
        [
            page,
            mode,
            r["req_per_s"],
            r["p50_ms"],
            r["p99_ms"],
            r["errors"],
            r["sql_queries"],
            r["sql_seo_settings"],
            r["redis_round_trips"],
        ]
        for mode, pages in result["modes"].items()
        for page, r in pages.items()
    ]
    title = (
        f"B2 — pages under gunicorn (2 workers), {result['requests']} requests, "
        f"{result['concurrency']} concurrent"
    )
    return [f"### {title}", "", *_table(header, rows), "", _met(result)]


def b3(result: dict[str, Any]) -> list[str]:
    header = [
        "articles x 3 langs",
        "impl",
        "index s",
        "index MiB peak",
        "sections",
        "sections s",
        "max section MiB peak",
        "max URLs/file",
        "max file MiB",
        "ms per 1k articles",
    ]
    rows = []
    for row in result["rows"]:
        for impl in ("ours", "plain"):
            r = row[impl]
            sections = r["sections"]
            rows.append(
                [
                    row["articles"],
                    impl,
                    r["index"]["seconds"],
                    r["index"]["peak_mib"],
                    len(sections),
                    round(sum(s["seconds"] for s in sections), 3),
                    max(s["peak_mib"] for s in sections),
                    max(s["urls"] for s in sections),
                    max(s["mib"] for s in sections),
                    row[f"{impl}_ms_per_1k_articles"],
                ]
            )
    ratios = ", ".join(f"{r['articles']}: {r['time_ratio']}x" for r in result["rows"])
    same = all(r["same_output_but_x_default"] for r in result["rows"])
    notes = [f"Time ours/plain: {ratios}. Same URLs as plain Django (x-default aside): {same}."]
    title = "### B3 — sitemaps (ours vs plain Django Sitemap)"
    return [title, "", *_table(header, rows), "", *notes, _met(result)]


def b4(result: dict[str, Any]) -> list[str]:
    rows = [[target, r["seconds"], r["source"]] for target, r in result["rows"].items()]
    return ["### B4 — suite wall time", "", *_table(["target", "seconds", "source"], rows)]


def b5(result: dict[str, Any]) -> list[str]:
    header = ["seed", "operations", "reads", "writes", "faults", "cached keys", "stale keys"]
    rows = [
        [
            r["seed"],
            r["operations"],
            r["reads"],
            ", ".join(f"{k} {v}" for k, v in sorted(r["writes"].items())),
            ", ".join(f"{k} {v}" for k, v in sorted(r["faults"].items())),
            r["cached_keys"],
            r["stale_keys"],
        ]
        for r in result["rows"]
    ]
    return ["### B5 — coherence soak (faults injected)", "", *_table(header, rows), "", _met(result)]


def b6(result: dict[str, Any]) -> list[str]:
    header = ["page", "mode", "req/s", "p50 ms", "p99 ms", "errors"]
    rows = [
        [page, mode, r["req_per_s"], r["p50_ms"], r["p99_ms"], r["errors"]]
        for page in result["paths"]
        for mode, pages in result["modes"].items()
        for r in [pages[page]]
    ]
    fresh = result["freshness"]
    notes = [
        "Speed-up of the page cache over today's warm: "
        + ", ".join(f"{page} {ratio}x" for page, ratio in result["speedup_vs_todays_warm"].items())
        + f" (articles: {result['articles']}; load from {result.get('load_generator', 'python')}, "
        + f"{result['concurrency']} connections; each figure the median of "
        + f"{result.get('rounds', 1)} rounds, the three modes loaded in turn)."
        + _steal(result.get("cpu_steal_percent")),
        "",
        f"Freshness: {fresh['edits']} edits under load ({fresh['background_requests']} background requests), "
        f"**{fresh['stale_after_commit']} stale** responses after commit; next request p50 "
        f"{fresh['next_request_p50_ms']} ms, p99 {fresh['next_request_p99_ms']} ms.",
        "",
    ]
    floors = result.get("article_floors") or {}
    if floors:
        notes[1:1] = [
            "",
            "Floors for the article, same gunicorn and load, same rounds (bench/floors.py): a constant "
            f"body of the page's size {floors['constant']['req_per_s']} req/s; the stored page read "
            f"from Redis with its key derived once {floors['stored_page']['req_per_s']} req/s; the "
            f"page cache {result['modes']['page_cache']['article']['req_per_s']} req/s.",
        ]
    return [
        "### B6 — page cache under gunicorn (2 workers)",
        "",
        *_table(header, rows),
        "",
        *notes,
        _met(result),
    ]


def _steal(percent: float | None) -> str:
    """The CPU time a VM's neighbours took during the rounds: the noise in the figures."""
    return "" if percent is None else f" CPU time stolen by the hypervisor during the rounds: {percent}%."


def machine(info: dict[str, Any]) -> list[str]:
    return [
        f"Measured {info['date']} on {info['nproc']} x {info['cpu_model']}; Python {info['python']}, "
        f"Django {info['django']}, redis-py {info['redis_py']}, redis-server {info['redis_server']}.",
    ]


RENDERERS = {"B1": b1, "B2": b2, "B3": b3, "B4": b4, "B5": b5, "B6": b6}


def render(results: dict[str, Any]) -> str:
    """All tables of ``results`` (as written to ``results.json``), as Markdown."""
    lines = machine(results["machine"])
    for name, renderer in RENDERERS.items():
        if name in results["benchmarks"]:
            lines += ["", *renderer(results["benchmarks"][name])]
    return "\n".join(lines) + "\n"
