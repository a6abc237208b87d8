"""Two WSGI apps that bound what a page-cache hit can cost here (B6 serves them beside the modes).

* :func:`constant`: a body of ``BENCH_FLOOR_BYTES`` bytes and nothing else: gunicorn, the kernel
  and ``wrk`` alone.
* :func:`stored_page`: reads the page that the page-cache server stored for ``BENCH_FLOOR_URL``
  from Redis through the page cache's manager (breaker, decoding) and answers it, with the key
  derived once: a hit without the per-request work of deriving the key (request object,
  language, route, validated host, query).

The page cache's own hits sit between the second and the modes it is compared with; how far
below the first it is, is what no code in the cache can win back.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any
from urllib.parse import unquote_to_bytes, urlsplit

StartResponse = Callable[..., Any]


def constant(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
    body = _constant_body()
    start_response(
        "200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))]
    )
    return [body]


def stored_page(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
    from codex_core.pagecache.store import get_page_cache_manager

    entry = get_page_cache_manager().lookup(_page_key())
    if entry is None:
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"the page-cache server has not stored this page"]
    status, headers, body = entry.reply(head=False, x_cache=False)
    start_response(status, headers)
    return [body]


@cache
def _constant_body() -> bytes:
    return b"x" * int(os.environ.get("BENCH_FLOOR_BYTES", "8000"))


@cache
def _page_key() -> str:
    """The Redis key of the page at ``BENCH_FLOOR_URL`` (scheme, host and path of the page-cache
    server's URL), as its middleware derived it."""
    import io

    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIRequest

    from codex_core.pagecache.lookup import page_lookup
    from codex_core.pagecache.store import get_page_cache_manager

    url = urlsplit(os.environ["BENCH_FLOOR_URL"])
    host = url.netloc
    request = WSGIRequest(
        {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": unquote_to_bytes(url.path).decode("iso-8859-1"),  # as a WSGI server passes it
            "QUERY_STRING": url.query,
            "SCRIPT_NAME": "",
            "HTTP_HOST": host,
            "SERVER_NAME": host.rsplit(":", 1)[0],
            "SERVER_PORT": host.rsplit(":", 1)[-1],
            "wsgi.url_scheme": url.scheme,
            "wsgi.input": io.BytesIO(b""),
        }
    )
    lookup = page_lookup(request)
    if not lookup.key:
        raise RuntimeError(
            f"{url.geturl()} is not looked up in the page cache ({lookup.reason or 'not cached'})"
        )
    return get_page_cache_manager().page_key(lookup.key)
