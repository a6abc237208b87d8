"""The headers the page cache adds to a page it served or rendered."""

from __future__ import annotations


def marks(status: str, tags: tuple[str, ...], x_cache: bool) -> list[tuple[str, str]]:
    """``Cache-Tag`` and ``Surrogate-Key`` for a stored page's ``tags`` (a CDN in front purges
    by them) and, when ``x_cache``, ``X-Cache: <status>``."""
    headers = []
    if tags:
        headers += [("Cache-Tag", ",".join(tags)), ("Surrogate-Key", " ".join(tags))]
    if x_cache:
        headers.append(("X-Cache", status))
    return headers
