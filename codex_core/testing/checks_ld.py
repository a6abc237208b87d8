"""Rules about JSON-LD (SEO019-021)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from codex_core.testing.checks_social import is_absolute
from codex_core.testing.crawler import Crawl
from codex_core.testing.rules import Violation


def _items(data: Any) -> list[dict[str, Any]]:
    """The objects of a block: a list, an object, or an object's ``@graph``."""
    found: list[dict[str, Any]] = []
    for item in data if isinstance(data, list) else [data]:
        if isinstance(item, dict):
            found.append(item)
            found += _items(item.get("@graph", []))
    return found


def _types(item: dict[str, Any]) -> set[str]:
    value = item.get("@type")
    return {str(v) for v in value} if isinstance(value, list) else ({str(value)} if value else set())


def check_json_ld(crawl: Crawl) -> Iterator[Violation]:
    for url, page in crawl.pages.items():
        found: set[str] = set()
        for index, block in enumerate(page.json_ld):
            try:
                data = json.loads(block)
            except ValueError as error:
                yield Violation("SEO019", url, f"JSON-LD block {index + 1} does not parse: {error}")
                continue
            items = _items(data)
            if not items or not all(
                isinstance(d, dict) for d in (data if isinstance(data, list) else [data])
            ):
                yield Violation(
                    "SEO019", url, f"JSON-LD block {index + 1} is not an object or a list of objects"
                )
            for item in (data if isinstance(data, list) else [data]) if items else []:
                if isinstance(item, dict) and (
                    "@context" not in item or ("@type" not in item and "@graph" not in item)
                ):
                    yield Violation("SEO019", url, f"JSON-LD block {index + 1} lacks @context or @type")
            for item in items:
                found |= _types(item)
                if "BreadcrumbList" in _types(item):
                    yield from _breadcrumbs(url, item)
        expected = set(crawl.spec.ld_types(url)) if crawl.spec.ld_types else set()
        if expected - found:
            yield Violation(
                "SEO020", url, f"JSON-LD @type {sorted(expected - found)} missing (found {sorted(found)})"
            )


def _breadcrumbs(url: str, item: dict[str, Any]) -> Iterator[Violation]:
    elements = item.get("itemListElement")
    if not isinstance(elements, list) or not elements:
        yield Violation("SEO021", url, "BreadcrumbList has no itemListElement")
        return
    positions = [e.get("position") if isinstance(e, dict) else None for e in elements]
    if positions != list(range(1, len(elements) + 1)):
        yield Violation("SEO021", url, f"BreadcrumbList positions {positions}")
    for number, element in enumerate(elements, start=1):
        target = element.get("item") if isinstance(element, dict) else None
        target = target.get("@id") if isinstance(target, dict) else target
        # Google allows the last crumb without an item; the others need an absolute URL
        if (target is not None or number < len(elements)) and not (
            isinstance(target, str) and is_absolute(target)
        ):
            yield Violation("SEO021", url, f"BreadcrumbList item {number} URL {target!r} is not absolute")
