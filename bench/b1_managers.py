"""B1 — manager operations against a private redis-server, codex_core vs a per-call baseline.

The baseline is the reference implementation's approach, written here: every operation
opens a client with ``redis.Redis.from_url(url)``, runs its command(s) and closes it, so
each call pays a TCP connect (and the ``HELLO``/``SELECT`` handshake). codex_core's
managers share one pool per process (per event loop for async) and go through the
circuit breaker and instrumentation on every call.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any

import redis
import redis.asyncio as aioredis
from redis.typing import EncodableT

from bench.stats import compare_async, compare_sync

PAGE_KEY = "home"
SEO_PAYLOAD = {
    "title": "Codex — multilingual SEO for Django",
    "description": "A reference site with Redis-backed caching and hreflang sitemaps.",
    "og_image": "/static/img/share.png",
    "robots": "index,follow",
}
BUSY = [["2026-01-05T09:00:00+00:00", "2026-01-05T10:00:00+00:00"]] * 6
MASTER, DAY = 1, "2026-01-05"
READS = ("get_page", "load_cached", "get_busy")


def _encodable(mapping: dict[str, str]) -> dict[EncodableT, EncodableT]:
    return dict(mapping.items())


class PerCallBaseline:
    """The reference's approach: a new connection per operation, closed afterwards."""

    def __init__(self, url: str) -> None:
        self.url = url

    def _client(self) -> redis.Redis:
        return redis.Redis.from_url(self.url, decode_responses=True)

    def get_page(self, key: str) -> dict[str, str]:
        client = self._client()
        try:
            return {str(k): str(v) for k, v in client.hgetall(key).items()}
        finally:
            client.close()

    def set_page(self, key: str, mapping: dict[str, str], timeout: int) -> None:
        client = self._client()
        try:
            client.hset(key, mapping=_encodable(mapping))
            client.expire(key, timeout)
        finally:
            client.close()

    def load_cached(self, key: str) -> dict[str, Any]:
        client = self._client()
        try:
            return {str(k): json.loads(v) for k, v in client.hgetall(key).items()}
        finally:
            client.close()

    def get_busy(self, key: str) -> list[list[str]] | None:
        client = self._client()
        try:
            raw = client.get(key)
        finally:
            client.close()
        return None if raw is None else list(json.loads(raw))

    # -- async ---------------------------------------------------------------------
    def _aclient(self) -> aioredis.Redis:
        return aioredis.Redis.from_url(self.url, decode_responses=True)

    async def aget_page(self, key: str) -> dict[str, str]:
        client = self._aclient()
        try:
            return {str(k): str(v) for k, v in (await client.hgetall(key)).items()}
        finally:
            await client.aclose()

    async def aset_page(self, key: str, mapping: dict[str, str], timeout: int) -> None:
        client = self._aclient()
        try:
            await client.hset(key, mapping=_encodable(mapping))
            await client.expire(key, timeout)
        finally:
            await client.aclose()

    async def aload_cached(self, key: str) -> dict[str, Any]:
        client = self._aclient()
        try:
            return {str(k): json.loads(v) for k, v in (await client.hgetall(key)).items()}
        finally:
            await client.aclose()

    async def aget_busy(self, key: str) -> list[list[str]] | None:
        client = self._aclient()
        try:
            raw = await client.get(key)
        finally:
            await client.aclose()
        return None if raw is None else list(json.loads(raw))


def _managers(cluster_url: str | None = None) -> tuple[Any, Any, Any]:
    """The three managers of the settings, or of a Redis Cluster reached through ``cluster_url``."""
    from codex_core.redis.managers.booking import BookingCacheManager
    from codex_core.redis.managers.seo import SeoRedisManager
    from codex_core.redis.managers.settings import DjangoSiteSettingsManager

    managers = SeoRedisManager(), DjangoSiteSettingsManager(), BookingCacheManager()
    if cluster_url is not None:
        for manager in managers:
            manager.options = replace(manager.options, url=cluster_url, mode="cluster")
    return managers


def _operations(
    url: str, cluster_url: str | None = None
) -> tuple[dict[str, Callable[[], object]], dict[str, Callable[[], object]], Any]:
    """``(ours, baseline)`` sync callables by operation name, reading the same keys."""
    from features.site_settings.models import SiteSettings

    seo, site, booking = _managers(cluster_url)
    seo_key, busy_key = seo.page_cache_key(PAGE_KEY, "en"), booking.busy_key(MASTER, DAY)
    base = PerCallBaseline(url)
    ours: dict[str, Callable[[], object]] = {
        "get_page": lambda: seo.get_page(PAGE_KEY, language="en"),
        "set_page": lambda: seo.set_page(PAGE_KEY, SEO_PAYLOAD, 3600, language="en"),
        "load_cached": lambda: site.load_cached(SiteSettings),
        "get_busy": lambda: booking.get_busy(MASTER, DAY),
    }
    baseline: dict[str, Callable[[], object]] = {
        "get_page": lambda: base.get_page(seo_key),
        "set_page": lambda: base.set_page(seo_key, SEO_PAYLOAD, 3600),
        "load_cached": lambda: base.load_cached(site.key),
        "get_busy": lambda: base.get_busy(busy_key),
    }
    return ours, baseline, (seo, site, booking, base, seo_key, busy_key)


def _async_operations(
    parts: Any,
) -> tuple[dict[str, Callable[[], Awaitable[object]]], dict[str, Callable[[], Awaitable[object]]]]:
    from features.site_settings.models import SiteSettings

    seo, site, booking, base, seo_key, busy_key = parts
    ours: dict[str, Callable[[], Awaitable[object]]] = {
        "get_page": lambda: seo.aget_page(PAGE_KEY, language="en"),
        "set_page": lambda: seo.aset_page(PAGE_KEY, SEO_PAYLOAD, 3600, language="en"),
        "load_cached": lambda: site.aload_cached(SiteSettings),
        "get_busy": lambda: booking.aget_busy(MASTER, DAY),
    }
    baseline: dict[str, Callable[[], Awaitable[object]]] = {
        "get_page": lambda: base.aget_page(seo_key),
        "set_page": lambda: base.aset_page(seo_key, SEO_PAYLOAD, 3600),
        "load_cached": lambda: base.aload_cached(site.key),
        "get_busy": lambda: base.aget_busy(busy_key),
    }
    return ours, baseline


def _warm(parts: Any) -> None:
    """Fill the three read keys so every read below is a hit."""
    from features.site_settings.models import SiteSettings

    seo, site, booking = parts[:3]
    seo.set_page(PAGE_KEY, SEO_PAYLOAD, 3600, language="en")
    site.save_instance(SiteSettings(site_name="Codex Demo", tagline="Bench", contact_email="a@example.com"))
    booking.set_busy(MASTER, DAY, BUSY, 3600)
    for name, value in (
        ("get_page", seo.get_page(PAGE_KEY, language="en")),
        ("get_busy", booking.get_busy(MASTER, DAY)),
    ):
        if not value:
            raise RuntimeError(f"B1: {name} missed after warming; is Redis enabled and reachable?")


def _row(op: str, mode: str, ours: dict[str, Any], base: dict[str, Any]) -> dict[str, Any]:
    ratio = ours["ops_per_s"] / base["ops_per_s"] if base["ops_per_s"] else None
    return {
        "operation": op,
        "mode": mode,
        "ours": ours,
        "baseline": base,
        "speedup": round(ratio, 2) if ratio else None,
        "read": op in READS,
    }


def run(url: str, n: int = 3000, budget: float = 4.0) -> dict[str, Any]:
    """Time each operation ``n`` times (or for ``budget`` seconds), sync and async, ours and
    baseline alternating, against ``url``.

    Codex_core must already point at ``url`` (see :func:`bench.environment.use_redis`).
    Target: every read at least 8x the baseline's throughput.
    """
    from codex_core.redis.client import aclose_clients

    ours, baseline, parts = _operations(url)
    _warm(parts)
    warmup = min(50, n)
    rows = [
        _row(op, "sync", *compare_sync((ours[op], baseline[op]), n, warmup=warmup, budget=budget))
        for op in ours
    ]

    async def run_async() -> list[dict[str, Any]]:
        aours, abase = _async_operations(parts)
        try:
            pairs = {op: (aours[op], abase[op]) for op in aours}
            return [
                _row(op, "async", *await compare_async(pair, n, warmup=warmup, budget=budget))
                for op, pair in pairs.items()
            ]
        finally:
            await aclose_clients()

    rows += asyncio.run(run_async())
    reads = [r["speedup"] for r in rows if r["read"] and r["speedup"] is not None]
    return {
        "n": n,
        "rows": rows,
        "min_read_speedup": min(reads) if reads else None,
        "target": "every read >= 8x baseline ops/s",
        "target_met": bool(reads) and min(reads) >= 8,
    }


def run_cluster(url: str, cluster_url: str, n: int = 3000, budget: float = 4.0) -> dict[str, Any]:
    """codex_core's managers on a 3-primary Redis Cluster (``cluster_url``, any node) beside the
    same managers on the one server at ``url``, alternating, sync and async.

    Every operation touches one slot (one key with its companions), so it costs one round
    trip to the node owning it; the figure to watch is the cluster's overhead per call.
    """
    from codex_core.redis.client import aclose_clients

    cluster, _, cparts = _operations(url, cluster_url)
    standalone, _, sparts = _operations(url)
    _warm(cparts)
    _warm(sparts)
    warmup = min(50, n)
    rows = [
        _row(op, "sync", *compare_sync((cluster[op], standalone[op]), n, warmup=warmup, budget=budget))
        for op in cluster
    ]

    async def run_async() -> list[dict[str, Any]]:
        acluster, _ = _async_operations(cparts)
        astandalone, _ = _async_operations(sparts)
        try:
            return [
                _row(op, "async", *await compare_async(pair, n, warmup=warmup, budget=budget))
                for op, pair in ((op, (acluster[op], astandalone[op])) for op in acluster)
            ]
        finally:
            await aclose_clients()

    rows += asyncio.run(run_async())
    ratios = [r["speedup"] for r in rows if r["speedup"] is not None]
    return {"n": n, "nodes": 3, "rows": rows, "min_ratio": min(ratios) if ratios else None}
