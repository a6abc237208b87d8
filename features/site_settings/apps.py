from django.apps import AppConfig


class SiteSettingsConfig(AppConfig):
    name = "features.site_settings"
    label = "site_settings"
