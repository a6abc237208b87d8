"""Every manager shares one pool: many operations, one server connection."""

from __future__ import annotations

import asyncio
import gc

import redis

from codex_core.redis.client import CLIENT_NAME, aclose_clients, close_clients
from codex_core.redis.managers.booking import get_booking_cache_manager
from codex_core.redis.managers.notifications import get_notifications_cache_manager
from codex_core.redis.managers.seo import get_seo_redis_manager
from codex_core.redis.managers.settings import get_site_settings_manager
from tests.core.fakes import FakeSettings
from tests.topologies import wait_for


def other_connections(client: redis.Redis) -> int:
    """Connections to the server opened by codex_core's pools (named ``codex_core``).

    Counting by name keeps connections that other tests in this process leaked out of the
    count, so the test sees exactly what the managers hold.
    """
    return sum(1 for entry in client.client_list() if entry["name"] == CLIENT_NAME)


def closed_down_to(client: redis.Redis, count: int) -> None:
    """Wait until the server has dropped the connections we closed, down to ``count``.

    Closing a socket is one-sided: the server handles the close in a later turn of its event
    loop, and may answer our CLIENT LIST first (CI saw one such run). A connection that is
    never closed still fails the test, after the deadline.
    """
    wait_for(f"{CLIENT_NAME} connections down to {count}", lambda: other_connections(client) == count, 10)


def test_managers_share_one_client_and_pool() -> None:
    seo = get_seo_redis_manager()
    clients = [
        seo.client,
        get_seo_redis_manager().client,
        get_site_settings_manager().client,
        get_notifications_cache_manager().client,
        get_booking_cache_manager().client,
    ]
    assert all(client is seo.client for client in clients)
    assert all(client.connection_pool is seo.client.connection_pool for client in clients)


def test_many_sync_operations_use_one_connection(redis_client: redis.Redis) -> None:
    close_clients()
    gc.collect()  # connections of clients other tests dropped close when collected
    # Async pools of event loops other tests left behind may still be open: count from here.
    before = other_connections(redis_client)
    for i in range(50):
        get_seo_redis_manager().set_page(f"page-{i}", {"title": str(i)}, 60, language="en")
        get_seo_redis_manager().get_page(f"page-{i}", language="en")
        get_site_settings_manager().load_cached(FakeSettings)  # type: ignore[arg-type]
        get_notifications_cache_manager().set("k", i)
        get_booking_cache_manager().get_busy(i, "2026-03-01")
    assert other_connections(redis_client) - before == 1
    close_clients()
    closed_down_to(redis_client, before)


def test_many_async_operations_use_one_connection_per_loop(redis_client: redis.Redis) -> None:
    async def main() -> int:
        try:
            for i in range(50):
                await get_seo_redis_manager().aset_page(f"page-{i}", {"title": str(i)}, 60, language="en")
                await get_seo_redis_manager().aget_page(f"page-{i}", language="en")
                await get_notifications_cache_manager().aset("k", i)
                await get_booking_cache_manager().aget_busy(i, "2026-03-01")
            return other_connections(redis_client)
        finally:
            await aclose_clients()

    close_clients()
    gc.collect()
    before = other_connections(redis_client)
    assert asyncio.run(main()) - before == 1
    closed_down_to(redis_client, before)
