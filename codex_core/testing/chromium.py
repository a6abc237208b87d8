"""A :class:`~codex_core.testing.fetch.Fetcher` that loads HTML pages in Chromium through Playwright.

The rules then judge the DOM the browser built (after any script ran), and a redirect is reported
with the status and ``Location`` of its first hop, as with urllib. Non-HTML resources (robots.txt,
sitemaps) go through Playwright's request context with redirects off.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from codex_core.testing.fetch import Response

if TYPE_CHECKING:
    from playwright.sync_api import Page

NOT_HTML = (".xml", ".txt")


@dataclass
class ChromiumFetcher:
    page: Page

    def __call__(self, url: str) -> Response:
        if url.split("?", 1)[0].endswith(NOT_HTML):
            answer = self.page.request.get(url, max_redirects=0)
            return Response(url, answer.status, dict(answer.headers), answer.text())
        response = self.page.goto(url, wait_until="domcontentloaded")
        if response is None:
            return Response(url, 0, {}, "")
        first = response.request
        while first.redirected_from is not None:
            first = first.redirected_from
        if first is not response.request:
            hop = first.response()
            headers = dict(hop.headers) if hop is not None else {}
            return Response(url, hop.status if hop is not None else 0, headers, "")
        headers = dict(response.headers)
        body = self.page.content() if "html" in headers.get("content-type", "") else response.text()
        return Response(url, response.status, headers, body)
