"""Debug-toolbar panel listing every codex_core Redis call of the request (DEBUG only)."""

from __future__ import annotations

from typing import Any

from debug_toolbar.panels import Panel
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from codex_core.pagecache.outcome import get_outcome
from codex_core.redis.breaker import breaker
from codex_core.redis.instrumentation import collect_calls
from codex_core.redis.pending import pending


class CodexRedisPanel(Panel):  # type: ignore[misc]
    """Shows manager, key, hit or miss and time of each cache call made by the request, the
    circuit breaker's state (closed, open, half-open), the invalidations waiting for Redis and
    what the page cache did (hit, miss or bypass, why, and the page's tags)."""

    title = _("Codex Redis")
    template = "debug_panels/codex_redis.html"

    def process_request(self, request: HttpRequest) -> HttpResponse:
        with collect_calls() as calls:
            response: HttpResponse = super().process_request(request)
        self._calls = calls
        return response

    @property
    def nav_subtitle(self) -> str:
        calls = getattr(self, "_calls", [])
        hits = sum(1 for c in calls if c.outcome == "hit")
        state = "" if breaker.state == "closed" else f", breaker {breaker.state}"
        return f"{len(calls)} calls, {hits} hits{state}"

    def generate_stats(self, request: HttpRequest, response: HttpResponse) -> None:
        calls = getattr(self, "_calls", [])
        self.record_stats(
            {
                "calls": [
                    {
                        "manager": c.manager,
                        "operation": c.operation,
                        "key": c.key,
                        "outcome": c.outcome,
                        "duration_ms": round(c.duration_ms, 3),
                    }
                    for c in calls
                ],
                "total_ms": round(sum(c.duration_ms for c in calls), 3),
                "breaker": breaker.state,
                "pending_invalidations": len(pending),
                "page_cache": _page_cache(request),
            }
        )

    def get_stats(self) -> dict[str, Any]:
        return super().get_stats()  # type: ignore[no-any-return]


def _page_cache(request: HttpRequest) -> dict[str, Any] | None:
    """What the page cache did for ``request``, as plain data (the toolbar's store serializes stats)."""
    outcome = get_outcome(request)
    if outcome is None:
        return None
    return {
        "status": outcome.status,
        "reason": outcome.reason,
        "stored": outcome.stored,
        "key": outcome.key,
        "tags": list(outcome.tags),
    }
