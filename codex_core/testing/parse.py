"""What the kit reads from a page: the head's links and metas, JSON-LD, ``<html>``, switcher links."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Link:
    rel: str
    href: str
    hreflang: str = ""


@dataclass
class Page:
    """The SEO-relevant parts of one HTML document."""

    html_lang: str | None = None
    html_dir: str | None = None
    head_links: list[Link] = field(default_factory=list)
    metas: list[tuple[str, str]] = field(default_factory=list)  # (property or name, content)
    json_ld: list[str] = field(default_factory=list)
    #: ``<a hreflang>`` in the body: the language switcher
    switcher: list[Link] = field(default_factory=list)
    #: ``<a rel="next">`` in the body: pagination
    anchors_next: list[Link] = field(default_factory=list)

    def links(self, rel: str) -> list[Link]:
        return [link for link in self.head_links if rel in link.rel.split()]

    def meta(self, key: str) -> list[str]:
        return [content for name, content in self.metas if name == key]


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._in_head = False
        self._ld: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {name: value or "" for name, value in attrs}
        if tag == "html":
            self.page.html_lang = attr.get("lang")
            self.page.html_dir = attr.get("dir")
        elif tag == "head":
            self._in_head = True
        elif tag == "body":
            self._in_head = False
        elif tag == "link" and self._in_head:
            self.page.head_links.append(
                Link(attr.get("rel", "").lower(), attr.get("href", ""), attr.get("hreflang", ""))
            )
        elif tag == "meta" and self._in_head and ("property" in attr or "name" in attr):
            self.page.metas.append((attr.get("property") or attr.get("name", ""), attr.get("content", "")))
        elif tag == "script" and attr.get("type", "").lower() == "application/ld+json":
            self._ld = []
        elif tag == "a" and not self._in_head and attr.get("hreflang"):
            self.page.switcher.append(Link(attr.get("rel", ""), attr.get("href", ""), attr["hreflang"]))
        elif tag == "a" and not self._in_head and "next" in attr.get("rel", "").lower().split():
            self.page.anchors_next.append(Link("next", attr.get("href", "")))

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self._in_head = False
        elif tag == "script" and self._ld is not None:
            self.page.json_ld.append("".join(self._ld))
            self._ld = None

    def handle_data(self, data: str) -> None:
        if self._ld is not None:
            self._ld.append(data)


def parse_page(html: str) -> Page:
    """Parse ``html`` with the standard library's tolerant parser."""
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.page
