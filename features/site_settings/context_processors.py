"""Expose the cached site settings to every template as ``site_settings``."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from codex_core.pagecache import add_tag
from codex_core.redis.managers.settings import SettingsProxy, get_site_settings_manager
from features.site_settings.models import SiteSettings


def site_settings(request: HttpRequest) -> dict[str, Any]:
    """Return ``{"site_settings": SettingsProxy}`` read from Redis (database on a miss)."""
    add_tag("site_settings")
    return {"site_settings": SettingsProxy(get_site_settings_manager().load_cached(SiteSettings))}
