"""A bounded, concurrent HTTP client for the resilience tests: fixed workers, fixed requests.

Each worker fetches its share of the paths one after another on a fresh connection per
request; every answer (status, body, latency) is kept so a test can assert on all of them.
An optional callback runs once, from whichever worker completes the request at the midpoint,
so an outage can start while requests are in flight.
"""

from __future__ import annotations

import http.client
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Answer:
    """One request as the client saw it; ``status`` 0 means no HTTP answer at all."""

    path: str
    status: int
    body: str
    seconds: float
    error: str = ""
    #: The page cache's ``X-Cache`` header (``HIT``/``MISS …``), ``""`` when absent.
    x_cache: str = ""


@dataclass
class LoadReport:
    """Every answer of one run, with the figures the tests assert and print."""

    answers: list[Answer] = field(default_factory=list)

    @property
    def sent(self) -> int:
        return len(self.answers)

    @property
    def errors(self) -> list[Answer]:
        """Answers that are a server error (>= 500) or no answer at all."""
        return [a for a in self.answers if a.status >= 500 or a.status == 0]

    @property
    def worst(self) -> float:
        return max((a.seconds for a in self.answers), default=0.0)

    def summary(self, label: str) -> str:
        statuses: dict[int, int] = {}
        for answer in self.answers:
            statuses[answer.status] = statuses.get(answer.status, 0) + 1
        return (
            f"[{label}] requests={self.sent} errors={len(self.errors)} "
            f"worst_latency={self.worst * 1000:.0f}ms statuses={dict(sorted(statuses.items()))}"
        )


def fetch(base_url: str, path: str, *, timeout: float = 30.0) -> Answer:
    """GET ``base_url + path`` on its own connection."""
    host_port = base_url.split("://", 1)[1].rstrip("/")
    host, port = host_port.rsplit(":", 1)
    started = time.perf_counter()
    conn = http.client.HTTPConnection(host, int(port), timeout=timeout)
    try:
        conn.request("GET", path, headers={"Connection": "close"})
        response = conn.getresponse()
        body = response.read().decode("utf-8", "replace")
        x_cache = response.getheader("X-Cache") or ""
        return Answer(path, response.status, body, time.perf_counter() - started, x_cache=x_cache)
    except OSError as exc:
        return Answer(path, 0, "", time.perf_counter() - started, f"{type(exc).__name__}: {exc}")
    finally:
        conn.close()


def run_load(
    base_url: str,
    paths: Sequence[str],
    *,
    workers: int,
    per_worker: int,
    at_midpoint: Callable[[], None] | None = None,
) -> LoadReport:
    """``workers`` threads each GET ``per_worker`` paths (cycling through ``paths``)."""
    total = workers * per_worker
    lock = threading.Lock()
    done = 0
    report = LoadReport()

    def worker(index: int) -> None:
        nonlocal done
        for n in range(per_worker):
            answer = fetch(base_url, paths[(index + n) % len(paths)])
            with lock:
                report.answers.append(answer)
                done += 1
                midpoint = done == total // 2
            if midpoint and at_midpoint is not None:
                at_midpoint()

    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="load") as pool:
        for future in [pool.submit(worker, i) for i in range(workers)]:
            future.result()
    return report
