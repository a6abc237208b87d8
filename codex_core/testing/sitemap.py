"""robots.txt and sitemaps (index and url sets), parsed with :mod:`xml.etree`."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@dataclass
class Entry:
    """One ``<url>`` of a sitemap."""

    loc: str
    lastmod: str | None
    alternates: dict[str, str] = field(default_factory=dict)  # hreflang -> href
    sitemap: str = ""


def robots_sitemaps(text: str) -> list[str]:
    """The ``Sitemap:`` lines of a robots.txt."""
    found = []
    for line in text.splitlines():
        name, _, value = line.partition(":")
        if name.strip().lower() == "sitemap" and value.strip():
            found.append(value.strip())
    return found


def parse_sitemap(xml: str, *, source: str) -> tuple[list[str], list[Entry]]:
    """``(child sitemaps, url entries)`` of one sitemap document; ``ValueError`` when it is not XML."""
    try:
        # expat (Python >= 3.7.1, expat >= 2.4) expands no external entities and caps entity
        # amplification; defusedxml would be a new runtime dependency for one call
        root = ET.fromstring(xml)  # noqa: S314
    except ET.ParseError as error:
        raise ValueError(f"{source} is not well-formed XML: {error}") from error
    if root.tag == f"{SM}sitemapindex":
        return [(node.findtext(f"{SM}loc") or "").strip() for node in root.iter(f"{SM}sitemap")], []
    if root.tag != f"{SM}urlset":
        raise ValueError(f"{source}: root element {root.tag} is neither urlset nor sitemapindex")
    entries = []
    for node in root.iter(f"{SM}url"):
        lastmod = node.findtext(f"{SM}lastmod")
        entry = Entry(
            (node.findtext(f"{SM}loc") or "").strip(), lastmod.strip() if lastmod else None, sitemap=source
        )
        for link in node.iter(f"{XHTML}link"):
            if link.get("rel") == "alternate":
                entry.alternates[link.get("hreflang", "")] = link.get("href", "")
        entries.append(entry)
    return [], entries
