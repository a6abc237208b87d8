"""Calling a WSGI application as a WSGI server does, for the tests of the page cache's front."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote_to_bytes

from django.core.handlers.wsgi import WSGIHandler


@dataclass
class Reply:
    status: str
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)

    def without_x_cache(self) -> list[tuple[str, str]]:
        return sorted((k, v) for k, v in self.headers if k != "X-Cache")


@dataclass
class Counting:
    """Django's WSGI handler, counting the requests that reach it."""

    handler: WSGIHandler = field(default_factory=WSGIHandler)
    calls: int = 0

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        self.calls += 1
        return self.handler(environ, start_response)


def wsgi_environ(method: str, url: str, **extra: str) -> dict[str, Any]:
    """The environ a WSGI server passes: the path as latin-1 text of its bytes, the query raw.
    (RequestFactory's environ has been through a WSGIRequest already, which decodes the path.)"""
    path, _, query = url.partition("?")
    environ: dict[str, Any] = {
        "REQUEST_METHOD": method.upper(),
        "SCRIPT_NAME": "",
        "PATH_INFO": unquote_to_bytes(path).decode("iso-8859-1"),
        "QUERY_STRING": query,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "CONTENT_LENGTH": "0",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": io.StringIO(),
    }
    environ.update(extra)
    return environ


def call(app: Any, method: str = "get", url: str = "/t/list/", **extra: str) -> Reply:
    environ = wsgi_environ(method, url, **extra)
    seen: dict[str, Any] = {}

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> None:
        seen.update(status=status, headers=headers)

    chunks = app(environ, start_response)
    try:
        body = b"".join(chunks)
    finally:
        getattr(chunks, "close", lambda: None)()
    return Reply(seen["status"], list(seen["headers"]), body)
