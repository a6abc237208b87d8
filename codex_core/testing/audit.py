"""Run every rule over one crawl and report the violations."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from codex_core.testing.checks_fetch import check_fetches, check_lastmod, check_sitemap_alternates
from codex_core.testing.checks_head import check_head
from codex_core.testing.checks_ld import check_json_ld
from codex_core.testing.checks_social import check_origins, check_social
from codex_core.testing.crawler import Crawl, SiteSpec, crawl
from codex_core.testing.fetch import Fetcher, UrllibFetcher
from codex_core.testing.rules import RULES, Violation

CHECKS: tuple[Callable[[Crawl], Iterator[Violation]], ...] = (
    check_fetches,
    check_sitemap_alternates,
    check_lastmod,
    check_head,
    check_origins,
    check_social,
    check_json_ld,
)


@dataclass(frozen=True)
class Report:
    """The violations of one audit and how much it looked at."""

    violations: tuple[Violation, ...]
    pages: int
    locs: int

    @property
    def rules_broken(self) -> set[str]:
        return {violation.rule for violation in self.violations}

    def table(self) -> str:
        """A plain-text table: rule, URL, detail; one line per violation."""
        if not self.violations:
            return f"No SEO violations ({self.locs} sitemap URLs, {self.pages} pages checked)."
        rows = [("rule", "URL", "detail"), *((v.rule, v.url, v.detail) for v in self.violations)]
        width = [max(len(row[i]) for row in rows[:200]) for i in (0, 1)]
        lines = [f"{rule:<{width[0]}}  {url:<{width[1]}}  {detail}" for rule, url, detail in rows]
        lines.append(f"{len(self.violations)} violations of {len(self.rules_broken)} rules:")
        lines += [
            f"  {RULES[rule].id}: {RULES[rule].summary} ({RULES[rule].docs})"
            for rule in sorted(self.rules_broken)
        ]
        return "\n".join(lines)

    def as_json(self) -> str:
        return json.dumps(
            {"pages": self.pages, "locs": self.locs, "violations": [v.as_dict() for v in self.violations]},
            indent=2,
            ensure_ascii=False,
        )

    def assert_clean(self) -> None:
        """Fail a test with the table when any rule is broken."""
        if self.violations:
            raise AssertionError(self.table())


def run_audit(spec: SiteSpec, fetch: Fetcher | None = None) -> Report:
    """Crawl the site ``spec`` describes and check every rule; ``FetchError`` when the host is down."""
    result = crawl(spec, fetch or UrllibFetcher())
    violations = _unique(v for check in CHECKS for v in check(result))
    return Report(tuple(violations), pages=len(result.pages), locs=len(result.entries))


def _unique(violations: Iterable[Violation]) -> list[Violation]:
    seen: dict[Violation, None] = {}
    for violation in violations:
        seen.setdefault(violation, None)
    return list(seen)
