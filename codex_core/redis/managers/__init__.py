"""Redis cache managers for site settings, SEO, notifications, booking and static content.

The classes and their factories are re-exported here and from :mod:`codex_core.redis`, as
in the reference (``from codex_core.redis.managers import SeoRedisManager``).
"""

from codex_core.redis.managers.base import BaseDjangoRedisManager, get_default_redis_manager
from codex_core.redis.managers.booking import BookingCacheManager, get_booking_cache_manager
from codex_core.redis.managers.notifications import NotificationsCacheManager, get_notifications_cache_manager
from codex_core.redis.managers.seo import SeoRedisManager, get_seo_redis_manager
from codex_core.redis.managers.settings import DjangoSiteSettingsManager, get_site_settings_manager
from codex_core.redis.managers.static_content import StaticContentManager, get_static_content_manager

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
