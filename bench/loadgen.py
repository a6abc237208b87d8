"""A bounded HTTP load generator: a fixed number of GETs from a pool of client threads."""

from __future__ import annotations

import http.client
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import urlsplit

from bench.stats import summarize


def _get(host: str, port: int, path: str, timeout: float) -> tuple[float, int]:
    started = time.perf_counter()
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Host": f"{host}:{port}", "Connection": "close"})
        response = conn.getresponse()
        response.read()
        status = response.status
    finally:
        conn.close()
    return time.perf_counter() - started, status


def load(url: str, *, requests: int, concurrency: int, timeout: float = 30.0) -> dict[str, Any]:
    """GET ``url`` ``requests`` times, ``concurrency`` at a time (one connection each).

    Returns req/s over the whole run, p50/p99 latency and the status codes seen; any
    non-200 answer is counted under ``errors``.
    """
    if requests < 1 or concurrency < 1:
        raise ValueError(f"requests and concurrency must be positive, got {requests!r}, {concurrency!r}")
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        results = list(pool.map(lambda _: _get(host, port, path, timeout), range(requests)))
    wall = time.perf_counter() - started
    summary = summarize([duration for duration, _status in results], wall)
    summary["req_per_s"] = summary.pop("ops_per_s")
    statuses: dict[str, int] = {}
    for _duration, status in results:
        statuses[str(status)] = statuses.get(str(status), 0) + 1
    summary["statuses"] = statuses
    summary["errors"] = requests - statuses.get("200", 0)
    return summary
