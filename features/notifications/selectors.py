"""Read notification templates through the notifications Redis cache."""

from __future__ import annotations

import json
import logging

from django.utils import translation

from codex_core.redis.managers.notifications import get_notifications_cache_manager
from features.notifications.cache_keys import language_codes, template_cache_key
from features.notifications.models import NotificationTemplate

logger = logging.getLogger("codex_core.redis")

#: Edits invalidate at once; the TTL only bounds what a missed invalidation can cost.
CACHE_TIMEOUT = 60 * 60 * 24


def _decode(raw: str) -> tuple[str, str] | None:
    """The cached ``(subject, body)`` pair, or ``None`` if ``raw`` is not such a JSON pair."""
    try:
        value = json.loads(raw)
    except ValueError:
        return None
    if isinstance(value, list) and len(value) == 2 and all(isinstance(part, str) for part in value):
        return value[0], value[1]
    return None


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
        pair = _decode(cached)
        if pair is not None:
            return pair
        # Corrupt (or foreign): a miss; the refill below replaces it.
        logger.warning("Discarding corrupt notification cache entry %s: %.80r", cache_key, cached)

    def load() -> str:
        template = NotificationTemplate.objects.get(key=key)
        with translation.override(language):
            return json.dumps([str(template.subject), str(template.body)])

    loaded = _decode(manager.refill(cache_key, load, timeout=CACHE_TIMEOUT))
    if loaded is None:  # pragma: no cover - load() always writes a JSON pair
        raise ValueError(f"Notification template {key!r} did not encode as a pair")
    return loaded
