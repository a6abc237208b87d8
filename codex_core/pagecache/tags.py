"""The tags a page is built from, collected while it renders.

A *tag* names one unit of data a page shows, spelled like an invalidation target
(:mod:`codex_core.invalidation`): ``("seo", "home")`` is the tag ``seo:home``,
``("site_settings",)`` is ``site_settings``, ``("article", 12)`` is ``article:12``. Selectors,
managers and views call :func:`add_tag` with the target they read; when the page cache renders
a page it collects them (:func:`collect_tags`), and the committed invalidation of a target
drops every page carrying its tag. Outside a collection :func:`add_tag` costs one
context-variable lookup.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from codex_core.redis.keys import build_key

_collectors: ContextVar[tuple[set[str], ...]] = ContextVar("codex_page_tags", default=())


def tag_of(kind: str, *parts: Hashable) -> str:
    """The tag of the target ``(kind, *parts)``: its components escaped and joined by ``:``."""
    return build_key(str(kind), *(str(part) for part in parts))


def add_tag(kind: str, *parts: Hashable) -> None:
    """Record that the page being rendered shows the target ``(kind, *parts)``."""
    collectors = _collectors.get()
    if collectors:
        tag = tag_of(kind, *parts)
        for tags in collectors:
            tags.add(tag)


@contextmanager
def collect_tags() -> Iterator[set[str]]:
    """Collect every tag added inside the block (in this context)."""
    tags: set[str] = set()
    token = _collectors.set((*_collectors.get(), tags))
    try:
        yield tags
    finally:
        _collectors.reset(token)
