from django.apps import AppConfig


class CompatSupportConfig(AppConfig):
    name = "tests.compat.support"
    label = "codex_compat"
