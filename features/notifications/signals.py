"""Drop a template's cached sources in every language once an edit is committed."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from codex_core.redis.managers.notifications import get_notifications_cache_manager
from features.notifications.cache_keys import language_codes, template_cache_key
from features.notifications.models import NotificationTemplate


def invalidate_template(key: str) -> None:
    """Delete the cached sources of template ``key`` in every language."""
    manager = get_notifications_cache_manager()
    for language in language_codes():
        manager.delete(template_cache_key(key, language))


@receiver(pre_save, sender=NotificationTemplate, dispatch_uid="notification_template_remember_key")
def remember_old_key(*, instance: NotificationTemplate, **kwargs: Any) -> None:
    """Note the stored key, so renaming a template also drops the old key's entries."""
    old = NotificationTemplate.objects.filter(pk=instance.pk).values_list("key", flat=True).first()
    instance._old_key = old  # type: ignore[attr-defined]


@receiver(post_save, sender=NotificationTemplate, dispatch_uid="notification_template_invalidate_save")
@receiver(post_delete, sender=NotificationTemplate, dispatch_uid="notification_template_invalidate_delete")
def invalidate_on_change(*, instance: NotificationTemplate, **kwargs: Any) -> None:
    """Invalidate after commit, so no reader re-caches the old text in between."""
    keys = {instance.key, getattr(instance, "_old_key", None) or instance.key}
    for key in keys:
        transaction.on_commit(lambda key=key: invalidate_template(key))
