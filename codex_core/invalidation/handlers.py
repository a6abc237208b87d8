"""Handlers of the target kinds the codex_core Redis managers cache.

=================================  ==============================================================
target                             handler
=================================  ==============================================================
``("seo", page_key)``              ``SeoRedisManager.invalidate_page(page_key)`` (every language)
``("site_settings",)``             ``DjangoSiteSettingsManager.invalidate()``
``("busy", master_id, date_iso)``  ``BookingCacheManager.invalidate_master_date(master_id, date)``
``("notifications", key)``         ``NotificationsCacheManager.delete(key)``
=================================  ==============================================================

A further cache of the same rows adds a handler to a kind (or a new kind) in one line::

    registry.handle("seo", my_page_cache.invalidate)
"""

from __future__ import annotations

from codex_core.invalidation.registry import InvalidationRegistry, registry
from codex_core.redis.managers.booking import get_booking_cache_manager
from codex_core.redis.managers.notifications import get_notifications_cache_manager
from codex_core.redis.managers.seo import get_seo_redis_manager
from codex_core.redis.managers.settings import get_site_settings_manager


def invalidate_seo_page(page_key: str) -> None:
    """Drop the cached SEO of ``page_key`` in every language."""
    get_seo_redis_manager().invalidate_page(page_key)


def invalidate_site_settings() -> None:
    """Drop the cached site settings hash."""
    get_site_settings_manager().invalidate()


def invalidate_busy(master_id: int | str, date_iso: str) -> None:
    """Drop the cached busy intervals of one master on one day."""
    get_booking_cache_manager().invalidate_master_date(master_id, date_iso)


def invalidate_notification(key: str) -> None:
    """Drop one notifications cache entry."""
    get_notifications_cache_manager().delete(key)


def register_core_handlers(target_registry: InvalidationRegistry = registry) -> None:
    """Register the handlers above (idempotent; ``CodexCoreConfig.ready`` calls it)."""
    target_registry.handle("seo", invalidate_seo_page)
    target_registry.handle("site_settings", invalidate_site_settings)
    target_registry.handle("busy", invalidate_busy)
    target_registry.handle("notifications", invalidate_notification)
