"""Drop the cached settings hash once a change to the row is committed."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from codex_core.redis.managers.settings import get_site_settings_manager
from features.site_settings.models import SiteSettings


@receiver(post_save, sender=SiteSettings, dispatch_uid="site_settings_invalidate_on_save")
@receiver(post_delete, sender=SiteSettings, dispatch_uid="site_settings_invalidate_on_delete")
def invalidate_site_settings(**kwargs: Any) -> None:
    """Invalidate after commit, so no reader can re-cache the old row in between."""
    transaction.on_commit(get_site_settings_manager().invalidate)
