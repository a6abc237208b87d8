"""Load from ``wrk``, a C load generator, so the client does not eat the cores it measures.

On a 2-core machine the Python load generator (:mod:`bench.loadgen`) spends about half a
millisecond of CPU per request (``http.client`` and the GIL), as much as the server spends on a
page-cache hit: it halves the throughput it reports for fast pages and barely touches slow
ones, so it understates any speed-up. ``wrk`` spends about a tenth of that. B6 uses it when
it is installed (``apt-get install wrk``) and says which generator measured.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from typing import Any

UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}
_LATENCY = r"([\d.]+)(us|ms|s|m)\b"


def binary() -> str | None:
    """The ``wrk`` executable, or ``None`` when it is not installed."""
    return shutil.which("wrk")


def load(url: str, *, seconds: int, concurrency: int, timeout: int = 10) -> dict[str, Any]:
    """GET ``url`` from ``concurrency`` connections for ``seconds`` (whole seconds, as ``wrk``
    takes them); same fields as :func:`bench.loadgen.load` (``req_per_s``, ``p50_ms``,
    ``p99_ms``, ``errors``)."""
    exe = binary()
    if exe is None:
        raise RuntimeError("wrk is not installed (apt-get install wrk)")
    if seconds < 1 or concurrency < 1:
        raise ValueError(f"seconds and concurrency must be positive, got {seconds!r}, {concurrency!r}")
    args = [exe, "-t1", f"-c{concurrency}", f"-d{seconds}s", f"--timeout={timeout}s", "--latency", url]
    done = subprocess.run(args, capture_output=True, text=True, check=True, timeout=seconds + timeout + 30)
    return parse(done.stdout)


def parse(output: str) -> dict[str, Any]:
    """The figures of one ``wrk --latency`` report."""
    total = re.search(r"^\s*(\d+) requests in ([\d.]+)(us|ms|s|m),", output, re.MULTILINE)
    if total is None:
        raise ValueError(f"not a wrk report:\n{output}")
    n = int(total.group(1))
    wall_ms = float(total.group(2)) * UNITS_MS[total.group(3)]
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    errors = (int(non_2xx.group(1)) if non_2xx else 0) + (
        sum(int(g) for g in sockets.groups()) if sockets else 0
    )
    return {
        "n": n,
        "req_per_s": round(n / (wall_ms / 1000), 1) if wall_ms else None,
        "p50_ms": _percentile(output, "50"),
        "p99_ms": _percentile(output, "99"),
        "errors": errors,
    }


def _percentile(output: str, which: str) -> float:
    found = re.search(rf"^\s*{which}%\s+{_LATENCY}", output, re.MULTILINE)
    if found is None:
        raise ValueError(f"wrk report without a {which}% latency (run it with --latency):\n{output}")
    return round(float(found.group(1)) * UNITS_MS[found.group(2)], 3)
