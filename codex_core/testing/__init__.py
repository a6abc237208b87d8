"""The SEO conformance kit: crawl a site from robots.txt and check it against the rules in :mod:`.rules`.

``run_audit(site_spec(base_url))`` returns a :class:`Report`; the management command
``codex_seo_audit`` and the pytest plugin ``codex_core.testing.pytest_plugin`` wrap it.
See docs/seo-conformance.md.
"""

from __future__ import annotations

from codex_core.testing.audit import Report, run_audit
from codex_core.testing.crawler import SiteSpec
from codex_core.testing.fetch import FetchError, Origins, Response, UrllibFetcher
from codex_core.testing.rules import RULES, Rule, Violation

__all__ = [
    "RULES",
    "FetchError",
    "Origins",
    "Report",
    "Response",
    "Rule",
    "SiteSpec",
    "UrllibFetcher",
    "Violation",
    "run_audit",
]
