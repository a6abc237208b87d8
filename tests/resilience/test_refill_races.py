"""A late refill never writes the old row back: forced interleavings on a real Redis.

One thread misses, reads v1 from the database and is held (by a gate) before it stores;
meanwhile the edit to v2 commits and its invalidation (or write) runs; then the reader is
let go. Whatever it stores must not be v1. Sync and async, for every manager.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import Any, ClassVar

import pytest
import redis
from asgiref.sync import sync_to_async
from django.db import connections

from codex_core.redis.client import aclose_clients
from codex_core.redis.managers.booking import get_booking_cache_manager
from codex_core.redis.managers.notifications import get_notifications_cache_manager
from codex_core.redis.managers.seo import get_seo_redis_manager
from codex_core.redis.managers.settings import get_site_settings_manager
from codex_core.seo.selectors import aget_static_page_seo, get_static_page_seo
from tests.core.support_models.gates import Gate, gate
from tests.core.support_models.models import CustomSeo


class Reader(threading.Thread):
    """Runs ``target`` (sync) or awaits it (async, on its own loop) in a thread."""

    def __init__(self, mode: str, target: Callable[[], Any]) -> None:
        super().__init__(daemon=True)
        self.mode, self.target = mode, target
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            if self.mode == "sync":
                self.result = self.target()
            else:

                async def main() -> Any:
                    try:
                        return await self.target()
                    finally:
                        await aclose_clients()

                self.result = asyncio.run(main())
        except BaseException as exc:
            self.error = exc
        finally:
            connections.close_all()

    def finish(self) -> Any:
        self.join(15)
        assert not self.is_alive()
        if self.error is not None:
            raise self.error
        return self.result


def race(mode: str, read: Callable[[], Any], gated: Gate, edit: Callable[[], None]) -> Any:
    """Hold ``read`` at ``gated``, run ``edit``, release, return what the reader returned."""
    reader = Reader(mode, read)
    reader.start()
    gated.wait_reached()
    edit()
    gated.open()
    return reader.finish()


# -- SEO, through the selector -----------------------------------------------------------------


def test_seo_refill_that_read_the_old_row_is_dropped(
    mode: str, custom_seo: CustomSeo, redis_client: redis.Redis
) -> None:
    def read() -> Any:
        if mode == "sync":
            return get_static_page_seo("about", language="en")
        return aget_static_page_seo("about", language="en")

    def edit() -> None:
        custom_seo.headline = "v2"
        custom_seo.save()  # autocommit: the on-commit invalidation runs now

    with gate("CustomSeo.to_seo_dict") as gated:
        assert race(mode, read, gated, edit)["title"] == "v1"  # read before the edit: fine
    key = get_seo_redis_manager().page_cache_key("about", "en")
    assert redis_client.hget(key, "title") is None  # v1 was not stored after the edit
    assert get_static_page_seo("about", language="en")["title"] == "v2"
    assert redis_client.hget(key, "title") == "v2"


# -- site settings -----------------------------------------------------------------------------


class GatedSettings:
    """A settings "model" whose ``load()`` (the database read) passes a gate."""

    row: ClassVar[dict[str, Any]] = {}
    gate: ClassVar[Gate | None] = None

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data

    @classmethod
    def load(cls) -> GatedSettings:
        read = cls(dict(cls.row))
        if cls.gate is not None:
            cls.gate()
        return read

    def to_dict(self) -> dict[str, Any]:
        return dict(self.data)


@pytest.mark.parametrize("edit_kind", ["invalidate", "save_instance"])
def test_settings_refill_that_read_the_old_row_is_dropped(
    mode: str, edit_kind: str, redis_client: redis.Redis
) -> None:
    manager = get_site_settings_manager()
    GatedSettings.row = {"site_name": "v1"}

    def read() -> Any:
        return getattr(manager, "load_cached" if mode == "sync" else "aload_cached")(GatedSettings)

    def edit() -> None:
        GatedSettings.row = {"site_name": "v2"}
        if edit_kind == "invalidate":
            manager.invalidate()
        else:
            manager.save_instance(GatedSettings(dict(GatedSettings.row)))  # type: ignore[arg-type]

    with gate("settings") as gated:
        GatedSettings.gate = gated
        try:
            assert race(mode, read, gated, edit) == {"site_name": "v1"}
        finally:
            GatedSettings.gate = None
    stored = redis_client.hget(manager.key, "site_name")
    assert stored == (None if edit_kind == "invalidate" else '"v2"')
    assert manager.load_cached(GatedSettings) == {"site_name": "v2"}  # type: ignore[arg-type]


# -- busy slots and notifications, through their refill API -------------------------------------


def gated_load(gated: Gate, value: Any, mode: str) -> Callable[[], Any]:
    def load() -> Any:
        gated()
        return value

    async def aload() -> Any:
        await sync_to_async(gated)()
        return value

    return load if mode == "sync" else aload


def test_busy_slot_refill_that_read_before_a_booking_is_dropped(mode: str, redis_client: redis.Redis) -> None:
    manager = get_booking_cache_manager()
    v1 = [["2030-01-01T09:00:00+00:00", "2030-01-01T10:00:00+00:00"]]
    with gate("busy") as gated:
        load = gated_load(gated, v1, mode)
        name = "refill_busy" if mode == "sync" else "arefill_busy"
        result = race(
            mode,
            lambda: getattr(manager, name)(1, "2030-01-01", load, 300),
            gated,
            lambda: manager.invalidate_master_date(1, "2030-01-01"),
        )
    assert result == v1
    assert not redis_client.exists(manager.busy_key(1, "2030-01-01"))


def test_notification_refill_that_read_before_an_edit_is_dropped(
    mode: str, redis_client: redis.Redis
) -> None:
    manager = get_notifications_cache_manager()
    with gate("notification") as gated:
        load = gated_load(gated, '["v1", "body"]', mode)
        name = "refill" if mode == "sync" else "arefill"
        result = race(
            mode,
            lambda: getattr(manager, name)("template:x:en", load, 60),
            gated,
            lambda: manager.set("template:x:en", '["v2", "body"]', 60),
        )
    assert result == '["v1", "body"]'
    assert redis_client.get(manager.make_key("template:x:en")) == '["v2", "body"]'


def test_refill_without_a_race_is_stored(mode: str, redis_client: redis.Redis) -> None:
    manager = get_notifications_cache_manager()

    def load() -> str:
        return "value"

    async def aload() -> str:
        return "value"

    if mode == "sync":
        assert manager.refill("k", load, 60) == "value"
    else:
        assert asyncio.run(manager.arefill("k", aload, 60)) == "value"
    assert redis_client.get(manager.make_key("k")) == "value"
