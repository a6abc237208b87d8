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


def build_tagged_key(prefix: str, *tag_parts: str, rest: tuple[str, ...] = ()) -> str:
    """``prefix`` (a :func:`build_key` result) plus ``:{tag}``, a Redis Cluster hash tag, then
    the escaped ``rest`` components (``prefix:{tag}:a:b``).

    Keys that share a tag share a cluster slot (one page's languages, one master's days), so
    one command, transaction or script may touch them all. Pick the tag per invalidation
    unit, never one for the whole project: a tag is a slot, and a slot lives on one node.
    Injective too: escaped components never contain ``{`` or ``}``.
    """
    tagged = f"{prefix}:{{{build_key(*tag_parts)}}}"
    return f"{tagged}:{build_key(*rest)}" if rest else tagged
