"""Read notification templates through the notifications Redis cache."""

from __future__ import annotations

import json

from django.utils import translation

from codex_core.redis.managers.notifications import get_notifications_cache_manager
from features.notifications.cache_keys import language_codes, template_cache_key
from features.notifications.models import NotificationTemplate

#: Edits invalidate at once; the TTL only bounds what a missed invalidation can cost.
CACHE_TIMEOUT = 60 * 60 * 24


def notification_template_get(key: str, language: str) -> tuple[str, str]:
    """Return the ``(subject, body)`` template sources of ``key`` in ``language``.

    Empty translations fall back to the default language (modeltranslation). The pair is
    cached as JSON per key and language until the template is edited.

    Raises:
        ValueError: ``language`` is not one of ``settings.LANGUAGES``.
        NotificationTemplate.DoesNotExist: no template has this key.
    """
    if language not in language_codes():
        raise ValueError(f"Unknown language {language!r}; expected one of {language_codes()}")
    manager = get_notifications_cache_manager()
    cache_key = template_cache_key(key, language)
    cached = manager.get(cache_key)
    if cached is not None:
        subject, body = json.loads(cached)
        return str(subject), str(body)
    template = NotificationTemplate.objects.get(key=key)
    with translation.override(language):
        pair = (str(template.subject), str(template.body))
    manager.set(cache_key, json.dumps(pair), timeout=CACHE_TIMEOUT)
    return pair
