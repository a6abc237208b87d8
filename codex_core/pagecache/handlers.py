"""Invalidation handlers that drop the pages carrying a committed target's tag, and the purge hook.

``CODEX_PAGE_CACHE_PURGE_HOOK`` names a callable (``"myproject.cdn.purge"``) called with the
list of dropped tags after the page cache dropped them, e.g. to purge a CDN by ``Cache-Tag`` /
``Surrogate-Key``. Empty (the default): nothing is called.
"""

from __future__ import annotations

import logging
from collections.abc import Hashable
from dataclasses import dataclass

from django.utils.module_loading import import_string

from codex_core.conf import get_config
from codex_core.invalidation.registry import InvalidationRegistry, registry
from codex_core.pagecache.store import get_page_cache_manager
from codex_core.pagecache.tags import tag_of

logger = logging.getLogger("codex_core.pagecache")

#: Target kinds of the core caches whose data pages show.
CORE_KINDS = ("seo", "site_settings", "busy")


@dataclass(frozen=True)
class DropPages:
    """Handler of one target kind: drop the pages tagged with the committed target."""

    kind: str

    def __call__(self, *parts: Hashable) -> None:
        if not get_config().page_cache_enabled:
            return
        tag = tag_of(self.kind, *parts)
        get_page_cache_manager().drop_tag(tag)
        call_purge_hook([tag])


def call_purge_hook(tags: list[str]) -> None:
    """Hand ``tags`` to ``CODEX_PAGE_CACHE_PURGE_HOOK`` (if set); its failure is logged."""
    path = get_config().page_cache_purge_hook
    if not path:
        return
    try:
        import_string(path)(tags)
    except Exception:
        logger.exception("Page cache purge hook %r failed for %r.", path, tags)


def register_page_tag_kind(kind: str, target_registry: InvalidationRegistry = registry) -> None:
    """Drop the pages tagged ``kind:…`` whenever a target of ``kind`` is invalidated (idempotent)."""
    target_registry.handle(kind, DropPages(kind))


def register_page_handlers(target_registry: InvalidationRegistry = registry) -> None:
    """Register :data:`CORE_KINDS` (``CodexCoreConfig.ready`` calls it)."""
    for kind in CORE_KINDS:
        register_page_tag_kind(kind, target_registry)
