"""The page cache middleware: serve opted-in anonymous pages from Redis, render and store misses.

Place it first in ``MIDDLEWARE`` (after only the debug toolbar's): a hit then skips every
other middleware, a miss is stored with every header they added, and the entry is marked
complete, so the WSGI front (:mod:`codex_core.pagecache.wsgi`) may answer it before Django
runs at all. It must at least precede everything that renders or marks the response
(``CodexPrefetchMiddleware``, ``CsrfViewMiddleware``, ``AuthenticationMiddleware``,
``MessageMiddleware``; system check ``codex_core.E012``). It decides the request's language as
``LocaleMiddleware`` will (:mod:`codex_core.pagecache.language`), so it may sit before it.
Only views wrapped in :func:`codex_core.pagecache.page_cache` are cached.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase

from codex_core.conf import get_config
from codex_core.pagecache.entry import PageEntry
from codex_core.pagecache.lookup import page_lookup
from codex_core.pagecache.marks import marks
from codex_core.pagecache.outcome import PageOutcome, set_outcome
from codex_core.pagecache.paths import MIDDLEWARE_PATHS, OUTSIDE
from codex_core.pagecache.policy import response_refusal
from codex_core.pagecache.store import PageCacheManager, get_page_cache_manager
from codex_core.pagecache.tags import collect_tags
from codex_core.redis.flight import flights
from codex_core.redis.refill import OTHER_PROCESS_WAIT, POLL


class PageCacheMiddleware:
    """Answer anonymous ``GET``/``HEAD`` requests of opted-in views from the page cache."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.outermost = is_outermost(settings.MIDDLEWARE)

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        config = get_config()
        if not config.page_cache_enabled:
            return self.get_response(request)
        lookup = page_lookup(request)
        if lookup.options is None:
            return self.get_response(request)
        if not lookup.key:
            with collect_tags() as collected:  # shown by the debug panel
                response = self.get_response(request)
            set_outcome(request, PageOutcome("BYPASS", reason=lookup.reason, tags=tuple(sorted(collected))))
            return _mark(response, "MISS", (), config.page_cache_x_cache)
        manager = get_page_cache_manager()
        page_key = manager.page_key(lookup.key)
        entry = manager.lookup(page_key)
        if entry is None:
            return self._render(request, manager, page_key)
        set_outcome(request, PageOutcome("HIT", page_key, stored=True, tags=entry.tags))
        return _served(request, entry, config.page_cache_x_cache)

    def _render(self, request: HttpRequest, manager: PageCacheManager, key: str) -> HttpResponseBase:
        """Render a miss and store it (single flight per key in this process)."""
        config = get_config()
        since = manager.clock()  # before the flight's wait, before any database read
        if since is None:  # Redis unusable: render, store nothing, make nobody wait
            with collect_tags() as collected:
                response = self.get_response(request)
            tags = tuple(sorted(collected))
            set_outcome(request, PageOutcome("MISS", key, reason="redis unavailable", tags=tags))
            return _mark(response, "MISS", (), config.page_cache_x_cache)
        with flights.lead(f"page {manager.options.url} {key}") as (flight, leader):
            if not leader and flight.stored and isinstance(flight.value, PageEntry):
                set_outcome(request, PageOutcome("HIT", key, stored=True, tags=flight.value.tags))
                return _served(request, flight.value, config.page_cache_x_cache)
            ticket, stored = manager.begin(key), False
            try:
                if not ticket.leads and ticket.token is not None:
                    found = _wait_for_other_process(manager, key)
                    if found is not None:
                        set_outcome(request, PageOutcome("HIT", key, stored=True, tags=found.tags))
                        return _served(request, found, config.page_cache_x_cache)
                with collect_tags() as collected:
                    response = self.get_response(request)
                tags = tuple(sorted(collected))
                refusal = response_refusal(request, response)
                if not refusal and isinstance(response, HttpResponse):
                    entry = PageEntry.from_response(response, collected, complete=self.outermost)
                    stored = manager.store(ticket, entry, since=since, timeout=config.page_cache_timeout)
                    refusal = "" if stored else "changed while rendering"
                    if stored and leader:
                        flight.publish(entry)
                set_outcome(request, PageOutcome("MISS", key, reason=refusal, stored=stored, tags=tags))
                return _mark(response, "MISS", tags if stored else (), config.page_cache_x_cache)
            finally:
                if ticket.leads and ticket.token is not None and not stored:
                    manager.release(ticket)


def is_outermost(middleware: list[str] | tuple[str, ...]) -> bool:
    """Whether the page cache is the first of ``middleware`` but for the debug toolbar's."""
    rest = [path for path in middleware if path not in OUTSIDE]
    return bool(rest) and rest[0] in MIDDLEWARE_PATHS


def _wait_for_other_process(manager: PageCacheManager, key: str) -> PageEntry | None:
    """Another process holds the page's refill lock: wait (bounded) for its store."""
    waited, pause = 0.0, POLL
    while waited < OTHER_PROCESS_WAIT:
        time.sleep(pause)
        waited += pause
        pause = min(pause * 2, 0.2)
        found = manager.lookup(key)
        if found is not None:
            return found
    return None


def _served(request: HttpRequest, entry: PageEntry, x_cache: bool) -> HttpResponse:
    _status, headers, body = entry.reply(head=request.method == "HEAD", x_cache=x_cache)
    response = HttpResponse(body, status=entry.status)
    for name, value in headers:
        response[name] = value
    return response


def _mark(response: HttpResponseBase, status: str, tags: tuple[str, ...], x_cache: bool) -> HttpResponseBase:
    for name, value in marks(status, tags, x_cache):
        response[name] = value
    return response
