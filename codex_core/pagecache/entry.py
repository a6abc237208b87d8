"""A cached page: status, headers and body of a response, as one Redis string.

The string is a line of JSON (status, headers, tags, the body's encoding, whether the headers
are the complete response's), a newline, then the body as it is (UTF-8 text) or in base64.
The body stays out of the JSON: decoding it there would unescape every quote of the HTML on
each hit, most of a hit's decoding time. It is read as bytes and served as the same bytes:
a UTF-8 body is never decoded to text and encoded again.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from functools import lru_cache
from http.client import responses

from django.http import HttpResponse

from codex_core.pagecache.marks import marks

#: Distinct head lines decoded once per process (one per stored page and version).
HEADS_REMEMBERED = 1024

#: Headers never stored: they are per request or added again by the outer middleware.
SKIPPED_HEADERS = frozenset({"set-cookie", "x-cache", "date"})


@dataclass(frozen=True)
class PageEntry:
    """What is stored for one page."""

    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    tags: tuple[str, ...]
    #: The headers are all the client gets (stored by the outermost middleware): the WSGI
    #: front (:mod:`codex_core.pagecache.wsgi`) may serve the entry without Django.
    complete: bool = False

    @classmethod
    def from_response(cls, response: HttpResponse, tags: set[str], *, complete: bool = False) -> PageEntry:
        headers = tuple((k, v) for k, v in response.items() if k.lower() not in SKIPPED_HEADERS)
        return cls(response.status_code, headers, bytes(response.content), tuple(sorted(tags)), complete)

    def dumps(self) -> bytes:
        try:
            self.body.decode("utf-8")
            body, encoding = self.body, "utf-8"
        except UnicodeDecodeError:
            body, encoding = base64.b64encode(self.body), "base64"
        head = {"s": self.status, "h": self.headers, "e": encoding, "t": self.tags, "c": self.complete}
        # json.dumps escapes every newline, so the first newline ends the head.
        return json.dumps(head, separators=(",", ":"), ensure_ascii=False).encode("utf-8") + b"\n" + body

    @classmethod
    def loads(cls, raw: bytes) -> PageEntry | None:
        """The entry stored as ``raw``; ``None`` when it is not one (a foreign or corrupt value)."""
        head, newline, body = raw.partition(b"\n")
        parsed = _head(head) if newline else None
        if parsed is None:
            return None
        status, headers, encoding, tags, complete = parsed
        if encoding == "base64":
            try:
                body = base64.b64decode(body, validate=True)
            except ValueError:
                return None
        return cls(status, headers, body, tags, complete)

    def reply(self, *, head: bool, x_cache: bool) -> tuple[str, list[tuple[str, str]], bytes]:
        """Status line, headers and body of a hit on this entry (for ``HEAD``: no body, its
        length), with the page cache's marks."""
        headers = [
            (name, value) for name, value in self.headers if not (head and name.lower() == "content-length")
        ]
        if head:
            headers.append(("Content-Length", str(len(self.body))))
        headers += marks("HIT", self.tags, x_cache)
        status = f"{self.status} {responses.get(self.status, 'Unknown Status Code')}"
        return status, headers, b"" if head else self.body


_Head = tuple[int, tuple[tuple[str, str], ...], str, tuple[str, ...], bool]


@lru_cache(maxsize=HEADS_REMEMBERED)
def _head(head: bytes) -> _Head | None:
    """The decoded head line (pure: a page's head repeats on every hit, so it is decoded once)."""
    try:
        data = json.loads(head)
        if data["e"] not in ("utf-8", "base64"):
            return None
        headers = tuple((str(k), str(v)) for k, v in data["h"])
        tags = tuple(str(t) for t in data["t"])
        return int(data["s"]), headers, str(data["e"]), tags, data.get("c") is True
    except (ValueError, KeyError, TypeError):
        return None
