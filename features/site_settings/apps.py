from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteSettingsConfig(AppConfig):
    name = "features.site_settings"
    label = "site_settings"
    verbose_name = _("Site settings")

    def ready(self) -> None:
        from features.site_settings import signals  # noqa: F401  (connects the receivers)
