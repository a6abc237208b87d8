"""Unambiguous Redis key building.

Every component is percent-encoded (only ``-``, ``.``, ``_`` and ASCII alphanumerics stay
as they are; the empty component is written ``~``, which no other component can produce),
so ``:``, ``~``, glob characters, spaces, newlines and any unicode never reach the key raw and
two different component tuples can never produce the same key.
"""

from __future__ import annotations

from urllib.parse import quote, unquote


def escape_part(part: str) -> str:
    """Encode one key component so it contains no ``:`` and no glob characters."""
    if not isinstance(part, str):
        raise TypeError(f"Redis key components must be str, got {type(part).__name__}: {part!r}")
    if not part:
        return "~"
    # quote() always leaves "~" alone; encode it too so "~" can stand for the empty part.
    return quote(part, safe="").replace("~", "%7E")


def unescape_part(part: str) -> str:
    """Invert :func:`escape_part`."""
    return "" if part == "~" else unquote(part)


def build_key(*parts: str) -> str:
    """Join escaped components with ``:``. Injective for any tuple of strings."""
    if not parts:
        raise ValueError("build_key() needs at least one component")
    return ":".join(escape_part(p) for p in parts)


def build_tagged_key(prefix: str, *tag_parts: str) -> str:
    """``prefix`` (a :func:`build_key` result) plus ``:{tag}``, a Redis Cluster hash tag.

    Keys that share a tag share a cluster slot (one page's languages, say), so one command
    may touch them all. Injective too: escaped components never contain ``{`` or ``}``.
    """
    return f"{prefix}:{{{build_key(*tag_parts)}}}"
