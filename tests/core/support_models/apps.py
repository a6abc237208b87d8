from django.apps import AppConfig


class SupportModelsConfig(AppConfig):
    name = "tests.core.support_models"
    label = "codex_test_models"
