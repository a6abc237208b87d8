"""A cached page: status, headers and body of a response, as one JSON string."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass

from django.http import HttpResponse

#: Headers never stored: they are per request or added again by the outer middleware.
SKIPPED_HEADERS = frozenset({"set-cookie", "x-cache", "date"})


@dataclass(frozen=True)
class PageEntry:
    """What is stored for one page."""

    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    tags: tuple[str, ...]

    @classmethod
    def from_response(cls, response: HttpResponse, tags: set[str]) -> PageEntry:
        headers = tuple((k, v) for k, v in response.items() if k.lower() not in SKIPPED_HEADERS)
        return cls(response.status_code, headers, bytes(response.content), tuple(sorted(tags)))

    def dumps(self) -> str:
        try:
            body, encoding = self.body.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            body, encoding = base64.b64encode(self.body).decode("ascii"), "base64"
        data = {"s": self.status, "h": self.headers, "b": body, "e": encoding, "t": self.tags}
        return json.dumps(data, separators=(",", ":"), ensure_ascii=False)

    @classmethod
    def loads(cls, raw: str) -> PageEntry | None:
        """The entry stored as ``raw``; ``None`` when it is not one (a foreign or corrupt value)."""
        try:
            data = json.loads(raw)
            text = str(data["b"])
            body = text.encode("utf-8") if data["e"] == "utf-8" else base64.b64decode(text)
            headers = tuple((str(k), str(v)) for k, v in data["h"])
            return cls(int(data["s"]), headers, body, tuple(str(t) for t in data["t"]))
        except (ValueError, KeyError, TypeError):
            return None

    def to_response(self) -> HttpResponse:
        response = HttpResponse(self.body, status=self.status)
        for name, value in self.headers:
            response[name] = value
        return response
