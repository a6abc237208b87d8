from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def template_targets(row: Any) -> list[tuple[str, str]]:
    """A template's cached sources, one entry per language."""
    from features.notifications.cache_keys import language_codes, template_cache_key

    return [("notifications", template_cache_key(row.key, language)) for language in language_codes()]


class NotificationsConfig(AppConfig):
    name = "features.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from codex_core.invalidation import register_model

        register_model(self.get_model("NotificationTemplate"), targets=template_targets, fields=("key",))
