from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "features.pages"
    label = "pages"
