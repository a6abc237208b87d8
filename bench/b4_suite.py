"""B4 — wall time of ``make test`` and ``make e2e``.

Too slow to run on every ``make bench``: with ``--with-suite`` they are run and timed,
otherwise the last values measured by hand are taken from ``BENCH_MAKE_TEST_SECONDS`` and
``BENCH_MAKE_E2E_SECONDS`` (``null`` when unset).
"""

from __future__ import annotations

import os
import subprocess
import time
from typing import Any

from bench.environment import ROOT

TARGETS = {"make test": "BENCH_MAKE_TEST_SECONDS", "make e2e": "BENCH_MAKE_E2E_SECONDS"}


def _env_seconds(name: str) -> float | None:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return None
    try:
        return float(raw)
    except ValueError:
        raise ValueError(f"{name}={raw!r} is not a number of seconds") from None


def time_command(command: list[str]) -> dict[str, Any]:
    """Run ``command`` in the project root; its wall time and exit code."""
    started = time.perf_counter()
    completed = subprocess.run(command, cwd=ROOT, check=False, capture_output=True)
    return {"seconds": round(time.perf_counter() - started, 1), "returncode": completed.returncode}


def run(*, with_suite: bool = False) -> dict[str, Any]:
    """Time the suite targets (``with_suite``) or report the values passed in the environment."""
    rows = {}
    for target, env_name in TARGETS.items():
        if with_suite:
            rows[target] = {**time_command(target.split()), "source": "measured"}
        else:
            rows[target] = {"seconds": _env_seconds(env_name), "source": f"${env_name}"}
    return {"rows": rows}
