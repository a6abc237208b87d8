from django.apps import AppConfig


class DemoSiteConfig(AppConfig):
    """The project package as an app, so project-wide commands (``seed_demo``) have a home."""

    name = "demo_site"
    verbose_name = "Codex demo site"
