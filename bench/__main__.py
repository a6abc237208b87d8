"""``python -m bench [--only B1,B3] [--quick] [--with-suite] [--large]``: run, print, record.

A full run (no ``--only``, no ``--quick``) writes ``bench/results.json`` and the tables in
``bench/README.md``; partial or quick runs write the git-ignored ``bench/results.local.json``.
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ALL = ("B1", "B2", "B3", "B4", "B5", "B6")
README_SECTION = re.compile(r"(<!-- results:start -->\n).*?(<!-- results:end -->)", re.DOTALL)


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--only", default=",".join(ALL), help="comma-separated benchmarks, e.g. B1,B3")
    parser.add_argument("--quick", action="store_true", help="tiny sizes (smoke run; numbers mean nothing)")
    parser.add_argument("--with-suite", action="store_true", help="B4: run and time make test and make e2e")
    parser.add_argument("--large", action="store_true", help="B3: add 100k articles (slow)")
    parser.add_argument("--output", type=Path, help="where to write the JSON results")
    args = parser.parse_args(argv)
    args.only = [name.strip().upper() for name in args.only.split(",") if name.strip()]
    unknown = sorted(set(args.only) - set(ALL))
    if unknown:
        parser.error(f"unknown benchmark(s) {', '.join(unknown)}; choose from {', '.join(ALL)}")
    return args


def _plan(args: argparse.Namespace, redis_url: str, db: Path, workdir: Path) -> dict[str, Callable[[], Any]]:
    from bench import b2_pages, b3_sitemaps, b4_suite, b5_soak, b6_page_cache

    sizes = (50,) if args.quick else (1000, 10_000, 100_000) if args.large else (1000, 10_000)
    return {
        "B1": lambda: _b1(redis_url, n=100 if args.quick else 3000, budget=0.5 if args.quick else 4.0),
        "B2": lambda: b2_pages.run(
            redis_url, db, workdir, requests=16 if args.quick else 300, concurrency=4 if args.quick else 8
        ),
        "B3": lambda: b3_sitemaps.run(sizes),
        "B4": lambda: b4_suite.run(with_suite=args.with_suite),
        "B6": lambda: b6_page_cache.run(
            redis_url,
            db,
            workdir,
            requests=16 if args.quick else 2000,
            concurrency=4 if args.quick else 8,
            edits=20 if args.quick else 1000,
            large=100_000 if args.large else 0,
            seconds=1 if args.quick else 2,
            rounds=1 if args.quick else 5,
        ),
        "B5": lambda: b5_soak.run(
            operations=60 if args.quick else 2000, seeds=(1,) if args.quick else (1, 2, 3)
        ),
    }


def _b1(redis_url: str, *, n: int, budget: float) -> dict[str, Any]:
    """B1 on the one server, then the same managers on a 3-node cluster beside it."""
    from bench import b1_managers
    from bench.environment import private_cluster

    result = b1_managers.run(redis_url, n=n, budget=budget)
    with private_cluster() as cluster_url:
        result["cluster"] = b1_managers.run_cluster(redis_url, cluster_url, n=n, budget=budget)
    return result


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    from bench import report
    from bench.environment import machine_info, private_redis, setup_django, use_redis

    full = not args.quick and args.only == list(ALL)
    output = args.output or HERE / ("results.json" if full else "results.local.json")
    with tempfile.TemporaryDirectory(prefix="codex-bench-") as tmp:
        workdir = Path(tmp)
        db = workdir / "bench.sqlite3"
        setup_django(db)
        results: dict[str, Any] = {"machine": machine_info(), "quick": args.quick, "benchmarks": {}}
        with private_redis() as redis_url:
            use_redis(redis_url)
            plan = _plan(args, redis_url, db, workdir)
            for name in args.only:
                print(f"[bench] {name} …", flush=True)
                results["benchmarks"][name] = plan[name]()
    output.write_text(json.dumps(results, indent=2) + "\n")
    tables = report.render(results)
    print(tables)
    print(f"[bench] results written to {output}")
    if full:
        for readme in (HERE / "README.md", HERE.parent / "README.md"):
            text = README_SECTION.sub(lambda m: m.group(1) + tables + m.group(2), readme.read_text())
            readme.write_text(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
