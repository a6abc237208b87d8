"""B5 — randomized soak of cache coherence (``tests/soak/soak.py``) at a large size.

Readers and writers of the SEO model against a private redis-server with injected faults
(SIGSTOP, CLIENT PAUSE, OOM, a breaker opened while Redis is healthy). Target: 0 stale
cache keys after quiescence.
"""

from __future__ import annotations

from typing import Any


def run(operations: int = 2000, seeds: tuple[int, ...] = (1, 2, 3)) -> dict[str, Any]:
    """Soak ``operations`` writes per seed on a redis-server of its own (faults stop it)."""
    from django.test import override_settings

    from codex_core.redis.client import close_clients
    from tests.redis_server import RedisServer, find_redis_server
    from tests.soak.soak import run as soak

    binary = find_redis_server()
    if binary is None:
        raise SystemExit("redis-server is not installed (apt-get install redis-server)")
    server = RedisServer(binary)
    server.start()
    close_clients()
    try:
        with override_settings(
            REDIS_URL=server.url, CODEX_REDIS_BREAKER_COOLDOWN=0.05, CODEX_REDIS_SOCKET_TIMEOUT=0.1
        ):
            rows = [soak(server, seed=seed, operations=operations).as_dict() for seed in seeds]
    finally:
        close_clients()
        server.cleanup()
    stale = sum(r["stale_keys"] for r in rows)
    return {"rows": rows, "stale_keys": stale, "target": "0 stale keys", "target_met": stale == 0}
