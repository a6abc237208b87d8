"""A small conforming bilingual site served by :mod:`http.server` on loopback, to break one rule at a time.

Documents are plain strings keyed by path (with query); ``{C}`` in them is the canonical origin.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Doc:
    body: str
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)


PAGES = {
    "home": {"en": "/en/", "de": "/de/"},
    "list": {"en": "/en/list/", "de": "/de/liste/"},
    "list2": {"en": "/en/list/?page=2", "de": "/de/liste/?page=2"},
}
LASTMOD = "2025-01-02"


def _head(lang: str, key: str) -> str:
    own = PAGES[key][lang]
    alternates = "".join(
        f'<link rel="alternate" hreflang="{code}" href="{{C}}{path}">' for code, path in PAGES[key].items()
    )
    crumbs = [{"@type": "ListItem", "position": 1, "name": "Home", "item": f"{{C}}/{lang}/"}]
    if key != "home":
        crumbs.append({"@type": "ListItem", "position": 2, "name": "List", "item": "{C}" + own})
    ld = [
        {"@context": "https://schema.org", "@type": "Organization", "name": "Fake", "url": "{C}/"},
        {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": crumbs},
    ]
    scripts = "".join(f'<script type="application/ld+json">{json.dumps(block)}</script>' for block in ld)
    return (
        f'<link rel="canonical" href="{{C}}{own}">{alternates}'
        f'<link rel="alternate" hreflang="x-default" href="{{C}}{PAGES[key]["en"]}">'
        f'<meta property="og:title" content="T {key}"><meta property="og:type" content="website">'
        f'<meta property="og:url" content="{{C}}{own}"><meta property="og:image" content="{{C}}/s.png">'
        f'<meta name="twitter:card" content="summary"><meta name="twitter:title" content="T {key}">'
        f'<meta name="twitter:image" content="{{C}}/s.png">{scripts}'
    )


def _page(lang: str, key: str) -> str:
    switcher = "".join(f'<a href="{path}" hreflang="{code}">{code}</a>' for code, path in PAGES[key].items())
    nav = '<a rel="next" href="?page=2">next</a>' if key == "list" else ""
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{key}</title>'
        f"{_head(lang, key)}</head><body><nav>{switcher}</nav>{nav}</body></html>"
    )


def _urlset() -> str:
    urls = []
    for key in ("home", "list"):
        links = "".join(
            f'<xhtml:link rel="alternate" hreflang="{code}" href="{{C}}{path}"/>'
            for code, path in PAGES[key].items()
        )
        links += f'<xhtml:link rel="alternate" hreflang="x-default" href="{{C}}{PAGES[key]["en"]}"/>'
        urls += [
            f"<url><loc>{{C}}{path}</loc><lastmod>{LASTMOD}</lastmod>{links}</url>"
            for path in PAGES[key].values()
        ]
    return (
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:xhtml="http://www.w3.org/1999/xhtml">{"".join(urls)}</urlset>'
    )


def good_site() -> dict[str, Doc]:
    """Every document of the conforming site."""
    xml = "application/xml"
    docs = {
        "/robots.txt": Doc("User-agent: *\nSitemap: {C}/sitemap.xml\n", content_type="text/plain"),
        "/sitemap.xml": Doc(
            '<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            "<sitemap><loc>{C}/sitemap-pages.xml</loc></sitemap></sitemapindex>",
            content_type=xml,
        ),
        "/sitemap-pages.xml": Doc(_urlset(), content_type=xml),
    }
    for key, paths in PAGES.items():
        for lang, path in paths.items():
            docs[path] = Doc(_page(lang, key))
    return docs


class _Handler(BaseHTTPRequestHandler):
    server: FakeServer

    def do_GET(self) -> None:
        doc = self.server.docs.get(self.path) or Doc("not found", status=404, content_type="text/plain")
        body = doc.body.replace("{C}", self.server.canonical).replace("{R}", self.server.origin).encode()
        if callable(self.server.hook):
            body = self.server.hook(self.path, body)
        self.send_response(doc.status)
        self.send_header("Content-Type", doc.content_type)
        for name, value in doc.headers.items():
            self.send_header(name, value.replace("{C}", self.server.canonical))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class FakeServer(ThreadingHTTPServer):
    docs: dict[str, Doc]
    canonical: str
    origin: str
    hook: object = None


@contextmanager
def serve() -> Iterator[FakeServer]:
    """The server on a free loopback port; canonical ``http://localhost:PORT``, requests to 127.0.0.1."""
    server = FakeServer(("127.0.0.1", 0), _Handler)
    server.docs = good_site()
    server.canonical = f"http://localhost:{server.server_address[1]}"
    server.origin = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
