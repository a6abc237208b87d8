"""pytest fixtures for the SEO conformance kit.

Enable with ``pytest_plugins = ["codex_core.testing.pytest_plugin"]`` in the root ``conftest.py``
(it needs pytest-django; the Chromium adapter needs pytest-playwright)::

    def test_seo(seo_audit, page):
        seo_audit(page=page).assert_clean()
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Protocol

import pytest

from codex_core.testing.audit import Report, run_audit
from codex_core.testing.chromium import ChromiumFetcher
from codex_core.testing.django import site_spec

if TYPE_CHECKING:
    from playwright.sync_api import Page


class SeoAudit(Protocol):
    def __call__(
        self,
        *,
        base_url: str | None = None,
        page: Page | None = None,
        canonical_host: str | None = None,
        scheme: str | None = None,
        lastmod: Callable[[str], str | None] | None = None,
        ld_types: Callable[[str], Iterable[str]] | None = None,
    ) -> Report: ...


@pytest.fixture
def seo_audit(live_server: Any) -> SeoAudit:
    """Audit the ``live_server``: through Chromium when given a Playwright ``page``, else with urllib.

    Requests go to ``base_url`` (default ``live_server.url``); the canonical host defaults to the
    settings' ``CANONICAL_DOMAIN``. Make the two differ to catch URLs built from the request's host.
    """

    def audit(
        *,
        base_url: str | None = None,
        page: Page | None = None,
        canonical_host: str | None = None,
        scheme: str | None = None,
        lastmod: Callable[[str], str | None] | None = None,
        ld_types: Callable[[str], Iterable[str]] | None = None,
    ) -> Report:
        spec = site_spec(
            base_url or live_server.url,
            canonical_host=canonical_host,
            scheme=scheme,
            lastmod=lastmod,
            ld_types=ld_types,
        )
        return run_audit(spec, ChromiumFetcher(page) if page is not None else None)

    return audit
