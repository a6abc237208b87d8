"""App configuration: registers the system checks, the invalidation handlers and the SEO model."""

from __future__ import annotations

from django.apps import AppConfig


class CodexCoreConfig(AppConfig):
    name = "codex_core"
    label = "codex_core"
    verbose_name = "Codex core"

    def ready(self) -> None:
        from codex_core import checks  # noqa: F401  (registers the checks)
        from codex_core.invalidation.handlers import register_core_handlers
        from codex_core.pagecache import checks as page_cache_checks  # noqa: F401  (registers)
        from codex_core.pagecache.handlers import register_page_handlers
        from codex_core.seo.invalidation import connect_seo_invalidation

        register_core_handlers()
        register_page_handlers()
        connect_seo_invalidation()


class CoreConfig(CodexCoreConfig):
    """The reference's name: ``"codex_core.apps.CoreConfig"`` in ``INSTALLED_APPS`` works.

    ``default = False`` keeps ``"codex_core"`` choosing :class:`CodexCoreConfig` (Django picks
    the only config class not marked ``default = False``); both have label ``codex_core``.
    """

    default = False
