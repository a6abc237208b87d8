"""Render admin-edited template strings in a restricted, plain-text engine.

The engine has no loaders (``{% include %}``/``{% extends %}`` find nothing), no
``{% load %}``-able libraries and no ``{% debug %}`` tag; autoescaping is off because
the output is a plain-text e-mail, never HTML. Callers pass plain values, not models.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.template import Context, Engine, Library


@lru_cache(maxsize=1)
def get_engine() -> Engine:
    """The shared restricted engine (default tags and filters minus ``debug``)."""
    engine = Engine(dirs=[], app_dirs=False, libraries={}, autoescape=False, string_if_invalid="")
    restricted: list[Library] = []
    for library in engine.template_builtins:
        copy = Library()
        copy.tags = {name: tag for name, tag in library.tags.items() if name != "debug"}
        copy.filters = dict(library.filters)
        restricted.append(copy)
    engine.template_builtins = restricted
    return engine


def render_string(source: str, context: dict[str, Any]) -> str:
    """Render ``source`` with ``context`` as plain text."""
    return get_engine().from_string(source).render(Context(context, autoescape=False))
