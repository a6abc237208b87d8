"""Fetching without following redirects: the kit must see a 301 where a browser would hide it."""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import urlsplit, urlunsplit


@dataclass(frozen=True)
class Response:
    """What one request answered: the final word of the first hop, never a followed redirect."""

    url: str
    status: int
    headers: dict[str, str]
    body: str

    @property
    def location(self) -> str:
        return self.headers.get("location", "")


class Fetcher(Protocol):
    """Anything that GETs a URL without following redirects (urllib here, Chromium in the pytest plugin)."""

    def __call__(self, url: str) -> Response: ...


class FetchError(Exception):
    """The host did not answer at all (refused, DNS, timeout): a configuration problem, not a violation."""


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


@dataclass
class UrllibFetcher:
    """GET with :mod:`urllib`, redirects reported as they are, ``Host`` of the base URL."""

    timeout: float = 15.0
    _opener: urllib.request.OpenerDirector = field(
        default_factory=lambda: urllib.request.build_opener(_NoRedirect())
    )

    def __call__(self, url: str) -> Response:
        if urlsplit(url).scheme not in {"http", "https"}:
            raise FetchError(f"{url}: only http and https URLs are fetched")
        request = urllib.request.Request(url, headers={"User-Agent": "codex-seo-audit/1"})  # noqa: S310 (checked)
        try:
            with self._opener.open(request, timeout=self.timeout) as answer:
                return _response(url, answer.status, dict(answer.headers.items()), answer.read())
        except urllib.error.HTTPError as error:
            return _response(url, error.code, dict(error.headers.items()), error.read())
        except (urllib.error.URLError, OSError) as error:
            raise FetchError(f"{url}: {getattr(error, 'reason', error)}") from error


def _response(url: str, status: int, headers: dict[str, str], body: bytes) -> Response:
    lowered = {name.lower(): value for name, value in headers.items()}
    return Response(url, status, lowered, body.decode("utf-8", errors="replace"))


@dataclass(frozen=True)
class Origins:
    """The canonical origin the site names and the origin the kit actually talks to.

    They differ on staging (``--canonical-host example.com`` against ``https://staging…``) and in
    our e2e suite (``localhost:PORT`` canonical, ``127.0.0.1:PORT`` requested).
    """

    canonical: str  # "https://example.com"
    request: str  # "http://127.0.0.1:8000"

    def to_request(self, url: str) -> str:
        """Where to fetch a canonical URL: same path and query on the requested origin."""
        parts = urlsplit(url)
        if origin_of(url) != self.canonical:
            return url
        target = urlsplit(self.request)
        return urlunsplit((target.scheme, target.netloc, parts.path, parts.query, ""))

    def to_canonical(self, url: str) -> str:
        parts = urlsplit(url)
        if origin_of(url) != self.request:
            return url
        target = urlsplit(self.canonical)
        return urlunsplit((target.scheme, target.netloc, parts.path, parts.query, ""))


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()
