"""What the benchmarks run on: machine facts, Django set-up on a temp database, a private Redis."""

from __future__ import annotations

import os
import platform
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def cpu_model() -> str:
    """The CPU model name from ``/proc/cpuinfo`` (``"unknown"`` elsewhere)."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def cpu_times() -> tuple[int, int]:
    """All CPU time and the part of it stolen by the hypervisor, in ticks since boot, from
    ``/proc/stat`` (``(0, 0)`` elsewhere)."""
    try:
        first = Path("/proc/stat").read_text().splitlines()[0].split()
    except (OSError, IndexError):
        return 0, 0
    # cpu user nice system idle iowait irq softirq steal [guest guest_nice: inside user/nice]
    ticks = [int(field) for field in first[1:9]]
    return sum(ticks), ticks[7] if len(ticks) > 7 else 0


def steal_percent(before: tuple[int, int], after: tuple[int, int]) -> float | None:
    """The share of CPU time stolen between two :func:`cpu_times` (``None`` when unknown):
    on a VM, what its neighbours took while a benchmark ran."""
    total = after[0] - before[0]
    return round(100 * (after[1] - before[1]) / total, 1) if total > 0 else None


def machine_info() -> dict[str, Any]:
    """nproc, CPU model, Python/Django/redis-py/redis-server versions and the date (UTC)."""
    import django
    import redis

    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "nproc": os.cpu_count(),
        "cpu_model": cpu_model(),
        "platform": platform.platform(),
        "python": sys.version.split()[0],
        "django": django.get_version(),
        "redis_py": redis.__version__,
        "redis_server": _redis_server_version(),
    }


def _redis_server_version() -> str | None:
    import subprocess

    from tests.redis_server import find_redis_server

    binary = find_redis_server()
    if binary is None:
        return None
    out = subprocess.run([binary, "--version"], capture_output=True, text=True, check=False).stdout
    for part in out.split():
        if part.startswith("v="):
            return part[2:]
    return out.strip() or None


def setup_django(database_path: Path) -> None:
    """Configure the demo's settings on a fresh SQLite file and migrate it.

    The debug toolbar stays out (it would instrument every request); ``DEBUG`` keeps the
    demo's development default so templates render without collected static files.
    """
    os.environ["DJANGO_SETTINGS_MODULE"] = "demo_site.settings"
    os.environ["DEBUG_TOOLBAR"] = "0"
    os.environ["DATABASE_URL"] = f"sqlite:///{database_path}"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def use_redis(url: str, *, enabled: bool = True) -> None:
    """Point codex_core at ``url`` (and switch caching on/off) in this process."""
    from django.conf import settings

    from codex_core.conf import get_config
    from codex_core.redis.breaker import breaker
    from codex_core.redis.client import close_clients

    settings.REDIS_URL = url
    settings.CODEX_REDIS_ENABLED = enabled
    get_config.cache_clear()
    close_clients()
    breaker.reset()


@contextmanager
def private_cluster() -> Iterator[str]:
    """A private Redis Cluster of 3 primaries (no replicas) on loopback; yields a node's URL."""
    from tests.redis_server import find_redis_server
    from tests.topologies import ClusterTopology

    binary = find_redis_server()
    if binary is None:
        raise SystemExit("redis-server is not installed (apt-get install redis-server)")
    cluster = ClusterTopology(binary, replicas=0)
    cluster.start()
    try:
        yield cluster.url
    finally:
        cluster.stop()


@contextmanager
def private_redis() -> Iterator[str]:
    """A private ``redis-server`` on a free loopback port for the block; yields its URL."""
    from tests.redis_server import RedisServer, find_redis_server

    binary = find_redis_server()
    if binary is None:
        raise SystemExit("redis-server is not installed (apt-get install redis-server)")
    server = RedisServer(binary)
    server.start()
    try:
        yield server.url
    finally:
        server.cleanup()
