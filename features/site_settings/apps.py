from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteSettingsConfig(AppConfig):
    name = "features.site_settings"
    label = "site_settings"
    verbose_name = _("Site settings")

    def ready(self) -> None:
        from codex_core.invalidation import register_model

        # Every write of the row drops the one cached hash, on commit.
        register_model(self.get_model("SiteSettings"), targets=lambda row: [("site_settings",)])
