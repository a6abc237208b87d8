"""Redis integration: shared connection pools, a circuit breaker and the cache managers.

The managers and their factories are re-exported here, as in the reference
(``from codex_core.redis import get_seo_redis_manager``).
"""

from codex_core.redis.managers import (
    BaseDjangoRedisManager,
    BookingCacheManager,
    DjangoSiteSettingsManager,
    NotificationsCacheManager,
    SeoRedisManager,
    StaticContentManager,
    get_booking_cache_manager,
    get_default_redis_manager,
    get_notifications_cache_manager,
    get_seo_redis_manager,
    get_site_settings_manager,
    get_static_content_manager,
)

__all__ = [
    "BaseDjangoRedisManager",
    "BookingCacheManager",
    "DjangoSiteSettingsManager",
    "NotificationsCacheManager",
    "SeoRedisManager",
    "StaticContentManager",
    "get_booking_cache_manager",
    "get_default_redis_manager",
    "get_notifications_cache_manager",
    "get_seo_redis_manager",
    "get_site_settings_manager",
    "get_static_content_manager",
]
