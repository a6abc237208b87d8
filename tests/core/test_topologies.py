"""The core Redis behaviours on each topology: one server, Sentinel, Cluster (``topology`` fixture).

Each test runs three times (standalone, sentinel: 1 primary + 1 replica + 3 sentinels,
cluster: 3 primaries + 3 replicas), sync and async where the manager has twins. The servers
are real (tests/topologies.py); what a cluster refuses (a ``MULTI`` or script over keys of
two slots, ``SELECT``) would fail here.
"""

from __future__ import annotations

import asyncio
from typing import Any, ClassVar

import pytest
import redis
from django.test import override_settings
from redis.cluster import RedisCluster, key_slot

from codex_core.pagecache.entry import PageEntry
from codex_core.pagecache.store import PageCacheManager
from codex_core.redis.batch import prefetched
from codex_core.redis.breaker import breaker
from codex_core.redis.client import CLIENT_NAME, aclose_clients, close_clients, get_client
from codex_core.redis.instrumentation import collect_calls
from codex_core.redis.managers.booking import BookingCacheManager
from codex_core.redis.managers.notifications import NotificationsCacheManager
from codex_core.redis.managers.seo import SeoRedisManager
from codex_core.redis.managers.settings import DjangoSiteSettingsManager
from codex_core.redis.memo import memo
from codex_core.redis.pending import adeliver, deliver, pending
from tests.topologies import ClusterTopology, SentinelTopology, Topology, wait_for
from tests.twins import call

LANGUAGES = [("en", "English"), ("de", "Deutsch"), ("fr", "Français")]
PAGES = [f"page-{i}" for i in range(12)]  # spread over the cluster's three primaries


class Row:
    """Duck-types a settings model: ``load()`` and ``to_dict()``."""

    data: ClassVar[dict[str, Any]] = {"site_name": "Codex", "max_guests": 12}
    loads: ClassVar[int] = 0

    @classmethod
    def load(cls) -> Row:
        cls.loads += 1
        return cls()

    def to_dict(self) -> dict[str, Any]:
        return dict(self.data)


@pytest.fixture(autouse=True)
def _languages() -> Any:
    with override_settings(LANGUAGES=LANGUAGES, LANGUAGE_CODE="en"):
        yield


def test_seo_set_lookup_and_invalidate_every_language(topology: Topology, mode: str) -> None:
    seo = SeoRedisManager(project_name="proj")
    for page in PAGES:
        for code, _name in LANGUAGES:
            assert call(mode, seo, "set_page", page, {"title": f"{page} {code}"}, 60, language=code)
    assert call(mode, seo, "lookup_page", "page-3", language="de") == {"title": "page-3 de"}
    for page in PAGES:
        call(mode, seo, "invalidate_page", page)
    assert all(call(mode, seo, "lookup_page", page, language="fr") is None for page in PAGES)
    assert topology.all_keys() == []
    assert not pending


def test_seo_missing_marker_and_refill(topology: Topology, mode: str) -> None:
    seo = SeoRedisManager(project_name="proj")
    assert call(mode, seo, "set_page", "gone", {}, 60) is True
    assert call(mode, seo, "lookup_page", "gone") == {}
    loads: list[str] = []

    def load() -> tuple[dict[str, str], int]:
        loads.append("db")
        return {"title": "Fresh"}, 60

    async def aload() -> tuple[dict[str, str], int]:
        return load()

    assert call(mode, seo, "refill_page", "fresh", aload if mode == "async" else load) == {"title": "Fresh"}
    assert call(mode, seo, "lookup_page", "fresh") == {"title": "Fresh"}
    assert loads == ["db"]


def test_a_refill_that_lost_to_an_invalidation_is_not_stored(topology: Topology) -> None:
    """The Lua guarded store (data, generation and lock keys in one slot) runs on every topology."""
    seo = SeoRedisManager(project_name="proj")
    for page in PAGES:
        ticket = seo.begin_page_refill(page)
        assert ticket.token is not None
        assert ticket.leads
        seo.invalidate_page(page)  # an edit commits while the reader is at the database
        assert seo.set_page(page, {"title": "old row"}, 60, ticket=ticket) is False
        assert seo.lookup_page(page) is None
        ticket = seo.begin_page_refill(page)
        assert seo.set_page(page, {"title": "new row"}, 60, ticket=ticket) is True
        assert seo.lookup_page(page) == {"title": "new row"}


def test_settings_store_load_and_invalidate(topology: Topology, mode: str) -> None:
    manager = DjangoSiteSettingsManager(project_name="proj")
    Row.loads = 0
    expected = {"site_name": "Codex", "max_guests": 12}
    assert call(mode, manager, "load_cached", Row) == expected
    assert call(mode, manager, "load_cached", Row) == expected
    assert Row.loads == 1
    call(mode, manager, "save_instance", Row())
    call(mode, manager, "invalidate")
    assert call(mode, manager, "load_cached", Row) == expected
    assert Row.loads == 2


def test_booking_days_of_one_master_and_refill(topology: Topology, mode: str) -> None:
    booking = BookingCacheManager(project_name="proj")
    busy = [["2026-03-01T10:00:00", "2026-03-01T11:00:00"]]
    for master in range(6):
        for day in ("2026-03-01", "2026-03-02"):
            assert call(mode, booking, "set_busy", master, day, busy, 60)
    assert call(mode, booking, "get_busy", 4, "2026-03-02") == busy
    call(mode, booking, "invalidate_master_date", 4, "2026-03-02")
    assert call(mode, booking, "get_busy", 4, "2026-03-02") is None
    assert call(mode, booking, "get_busy", 4, "2026-03-01") == busy

    async def aload() -> list[list[str]]:
        return busy

    loaded = call(mode, booking, "refill_busy", 9, "2026-03-03", aload if mode == "async" else lambda: busy)
    assert loaded == busy
    assert call(mode, booking, "get_busy", 9, "2026-03-03") == busy


def test_notifications_set_get_delete(topology: Topology, mode: str) -> None:
    notes = NotificationsCacheManager(project_name="proj")
    for i in range(10):
        assert call(mode, notes, "set", f"subject-{i}", f"Hello {i}", 60)
    assert call(mode, notes, "get", "subject-7") == "Hello 7"
    for i in range(10):
        call(mode, notes, "delete", f"subject-{i}")
    assert topology.all_keys() == []


def test_prefetch_reads_seo_and_settings_in_one_pipeline(topology: Topology) -> None:
    """One prefetch call: on a cluster a pipeline (not a transaction) that redis-py sends as
    one batch per node; the memo then answers both reads without Redis."""
    seo = SeoRedisManager(project_name="proj")
    settings_manager = DjangoSiteSettingsManager(project_name="proj")
    seo.set_page("home", {"title": "Home"}, 60)
    settings_manager.save_instance(Row())  # type: ignore[arg-type]
    with (
        override_settings(PROJECT_NAME="proj"),
        collect_calls() as calls,
        prefetched(seo_page_key="home", settings=True),
    ):
        assert memo.get() is not None
        assert seo.lookup_page("home") == {"title": "Home"}
        assert settings_manager.load_cached(Row) == {"site_name": "Codex", "max_guests": 12}  # type: ignore[arg-type]
    assert [c.operation for c in calls] == ["prefetch"]


def test_pending_invalidations_replay_across_slots(topology: Topology) -> None:
    """Queued invalidations of many units (many slots) replay as one non-transactional pipeline."""
    seo = SeoRedisManager(project_name="proj")
    for page in PAGES:
        seo.set_page(page, {"title": page}, 60)
    for page in PAGES:
        assert seo._queue(seo._invalidation_keys(page, None))
    assert deliver("test") is True
    assert not pending
    assert topology.all_keys() == []


def test_overflow_purge_reaches_every_primary(topology: Topology) -> None:
    """After an overflow the namespace purge SCANs every primary of a cluster, not one node."""
    seo = SeoRedisManager(project_name="proj")
    for page in PAGES:
        seo.set_page(page, {"title": page}, 60)
        seo.begin_page_refill(page)  # generation and lock keys too
    NotificationsCacheManager(project_name="other").set("keep", "me", 60)
    limit, pending.limit = pending.limit, 2
    try:
        for page in PAGES:
            seo._queue(seo._invalidation_keys(page, None))
    finally:
        pending.limit = limit
    assert deliver("test") is True
    assert topology.all_keys() == ["other:notifications:keep"]


def test_reads_and_writes_go_to_primaries(topology: Topology) -> None:
    """A replica can hand back what was just invalidated: codex_core never reads from one."""
    seo = SeoRedisManager(project_name="proj")
    for page in PAGES:
        seo.set_page(page, {"title": page}, 60)
        seo.lookup_page(page)
    replicas = [
        n for n in topology.data_nodes() if n.alive and n.client().info("replication")["role"] == "slave"
    ]
    if isinstance(topology, SentinelTopology | ClusterTopology):
        assert replicas
    for replica in replicas:
        with replica.client() as client:
            ours = [c for c in client.client_list() if c.get("name") == "codex_core"]
            assert ours == []
            assert "cmdstat_hgetall" not in client.info("commandstats")


def test_the_client_matches_the_mode(topology: Topology) -> None:
    client = get_client(SeoRedisManager().options)
    kind = {"standalone": redis.Redis, "sentinel": redis.Redis, "cluster": RedisCluster}[topology.name]
    assert isinstance(client, kind)
    if topology.name == "sentinel":
        assert type(client.connection_pool).__name__ == "SentinelConnectionPool"
    assert breaker.state == "closed"


def test_a_slot_without_a_primary_opens_the_breaker(
    cluster_topology: ClusterTopology, codex_log: pytest.LogCaptureFixture
) -> None:
    """``CLUSTERDOWN`` (a slot no primary serves, as mid-failover) is an outage, not a bad entry:
    the breaker opens, the read falls back (``None``), and it is logged once as unavailable."""
    with override_settings(**cluster_topology.settings()):
        close_clients()
        breaker.reset()
        seo = SeoRedisManager(project_name="proj")
        key = seo.page_cache_key("home", "en")
        slot = key_slot(key.encode())
        owner = cluster_topology.primary_of(key)
        with owner.client() as admin:
            admin.execute_command("CLUSTER", "DELSLOTS", slot)
        try:
            assert seo.lookup_page("home", language="en") is None
            assert breaker.state == "open"
            messages = [r.getMessage() for r in codex_log.records]
            assert any(m.startswith("Redis is unavailable (ClusterDownError") for m in messages), messages
        finally:
            with owner.client() as admin:
                admin.execute_command("CLUSTER", "ADDSLOTS", slot)
            wait_for("the cluster to serve the slot again", cluster_topology.healthy)
            close_clients()
            breaker.reset()


def test_prefetch_costs_at_most_one_round_trip_per_node(
    topology: Topology, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Count the packets the client writes per server while a warm prefetch runs: one per node
    that holds a key read (a cluster pipeline groups commands by node), never one per key."""
    import redis.connection

    seo = SeoRedisManager(project_name="proj")
    settings_manager = DjangoSiteSettingsManager(project_name="proj")
    seo.set_page("home", {"title": "Home"}, 60)
    settings_manager.save_instance(Row())  # type: ignore[arg-type]
    with override_settings(PROJECT_NAME="proj"), prefetched(seo_page_key="home", settings=True):
        pass  # connections opened (handshakes sent) before counting
    sends: list[tuple[str, int]] = []
    original = redis.connection.AbstractConnection.send_packed_command

    def counting(self: Any, command: Any, check_health: bool = True) -> None:
        sends.append((str(getattr(self, "host", "")), int(getattr(self, "port", 0))))
        original(self, command, check_health)

    monkeypatch.setattr(redis.connection.AbstractConnection, "send_packed_command", counting)
    with override_settings(PROJECT_NAME="proj"), prefetched(seo_page_key="home", settings=True):
        assert seo.lookup_page("home") == {"title": "Home"}
    monkeypatch.undo()
    assert sends, "the prefetch wrote nothing"
    assert len(sends) == len(set(sends))  # one write per node, whatever the number of keys
    if not isinstance(topology, ClusterTopology):
        assert len(sends) == 1


def test_page_cache_stores_reads_and_drops_pages_by_tag(topology: Topology) -> None:
    """Pages (read back as the bytes stored) and tag sets live in different slots: each drop
    of a tag reaches the pages on whichever primary holds them."""
    manager = PageCacheManager(project_name="proj")
    stored = {}
    for i, page in enumerate(PAGES):
        key = manager.page_key(page)
        ticket, since = manager.begin(key), manager.clock()
        assert since is not None
        body = f"<p>{page} · ü</p>".encode()
        entry = PageEntry(200, (("Content-Type", "text/html; charset=utf-8"),), body, ("all", f"p{i}"), True)
        assert manager.store(ticket, entry, since=since, timeout=60)
        stored[key] = entry
    assert {key: manager.lookup(key) for key in stored} == stored
    keys = list(stored)
    assert manager.drop_tag("p0")
    assert manager.lookup(keys[0]) is None
    assert manager.lookup(keys[1]) == stored[keys[1]]
    assert manager.drop_tag("all")
    assert [manager.lookup(key) for key in keys] == [None] * len(keys)
    assert breaker.state == "closed"


def _ours_on_sentinels(topology: SentinelTopology) -> int:
    count = 0
    for sentinel in topology.sentinels:
        with sentinel.client() as client:
            count += sum(1 for c in client.client_list() if c.get("name") == CLIENT_NAME)
    return count


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_closing_the_clients_closes_their_sentinel_connections(
    sentinel_topology: SentinelTopology, mode: str
) -> None:
    """The connections to the sentinels (named like every other of ours) close with the pools:
    none is left for the garbage collector to find."""
    close_clients()
    with override_settings(**sentinel_topology.settings()):
        wait_for("no connection of ours on the sentinels", lambda: _ours_on_sentinels(sentinel_topology) == 0)
        manager = SeoRedisManager(project_name="proj")
        if mode == "sync":
            manager.set_page("home", {"title": "Home"}, 60)
            assert _ours_on_sentinels(sentinel_topology) >= 1
            close_clients()
        else:

            async def main() -> int:
                await manager.aset_page("home", {"title": "Home"}, 60)
                opened = _ours_on_sentinels(sentinel_topology)
                await aclose_clients()
                return opened

            assert asyncio.run(main()) >= 1
        wait_for("the sentinel connections to close", lambda: _ours_on_sentinels(sentinel_topology) == 0, 10)


def test_the_page_cache_clock_is_the_earliest_primary_clock(topology: Topology) -> None:
    """Each tag's dropped-at stamp is its own node's time: the render's start time must not be
    later than any primary's clock, so it asks every primary (one TIME each) and keeps the least."""
    primaries = [
        n for n in topology.data_nodes() if n.alive and n.client().info("replication")["role"] == "master"
    ]
    for node in primaries:
        with node.client() as client:
            client.config_resetstat()
    since = PageCacheManager(project_name="proj").clock()
    assert since is not None
    for node in primaries:
        with node.client() as client:
            assert client.info("commandstats")["cmdstat_time"]["calls"] == 1
            seconds, micros = client.time()
            assert since <= int(seconds) * 1_000_000 + int(micros)


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_namespace_purge_deletes_a_foreign_key_name_that_is_not_utf8(topology: Topology, mode: str) -> None:
    """The purge SCANs our namespace: a key another client named with bytes that are not UTF-8
    is deleted like the rest, not an error that keeps the purge (and every call) waiting."""
    seo = SeoRedisManager(project_name="proj")
    seo.set_page("home", {"title": "Home"}, 60)
    client = get_client(seo.options)
    foreign = seo.make_key().encode() + b":\xff\xfe"
    client.set(foreign, b"x")
    pending.purge(seo.options, (f"{seo.make_key()}:*",))

    async def adelivered() -> bool:
        try:
            return await adeliver("test")
        finally:
            await aclose_clients()

    assert (deliver("test") if mode == "sync" else asyncio.run(adelivered())) is True
    assert not pending
    assert client.exists(foreign) == 0
    assert seo.lookup_page("home") is None  # our own keys went too
