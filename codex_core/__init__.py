"""codex_core: multilingual SEO, Redis-backed caching and sitemaps for Django projects."""

__version__ = "0.1.0"

#: The reference's (Django < 3.2) pointer to the app config; Django 5 ignores it.
default_app_config = "codex_core.apps.CodexCoreConfig"
