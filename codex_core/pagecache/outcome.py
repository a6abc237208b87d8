"""What the page cache did for one request (the debug panel and ``X-Cache`` read it)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import HttpRequest

_ATTR = "codex_page_cache"


@dataclass
class PageOutcome:
    """``status`` is ``"HIT"``, ``"MISS"`` (rendered; ``stored`` says whether it was kept) or
    ``"BYPASS"`` (not looked up); ``reason`` says why a page was not cached."""

    status: str
    key: str = ""
    reason: str = ""
    stored: bool = False
    tags: tuple[str, ...] = field(default_factory=tuple)


def set_outcome(request: HttpRequest, outcome: PageOutcome) -> None:
    setattr(request, _ATTR, outcome)


def get_outcome(request: HttpRequest) -> PageOutcome | None:
    """The page cache's outcome for ``request`` (``None``: the page cache did not see it)."""
    outcome = getattr(request, _ATTR, None)
    return outcome if isinstance(outcome, PageOutcome) else None
