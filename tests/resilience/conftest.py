"""Fixtures of the resilience tests: the seeded demo site served by a threaded live server, and a
static-page SEO model whose refills the race tests hold at a gate."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.test import override_settings
from django.utils.html import escape

from codex_core.redis.client import close_clients
from codex_core.seo.invalidation import connect_seo_invalidation, disconnect_seo_invalidation
from features.articles.demo_data import article_texts
from tests.core.support_models.models import CustomSeo
from tests.resilience.demo import seed_all

SITE_NAME = "Codex Demo"


@dataclass(frozen=True)
class Page:
    """A public page and the ``<title>`` it must render (from the database, escaped)."""

    path: str
    title: str

    def renders_from_db(self, body: str) -> bool:
        return f"<title>{escape(self.title)}</title>" in body and (
            f'<meta property="og:site_name" content="{SITE_NAME}">' in body
        )


def _first_article_path_and_title() -> tuple[str, str]:
    fields = article_texts(0)
    return f"/en/articles/{fields['slug_en']}/", str(fields["seo_title_en"])


@pytest.fixture
def demo_pages(transactional_db: None) -> list[Page]:
    """Seed every feature's demo data (committed, so the live server sees it)."""
    seed_all()
    article_path, article_title = _first_article_path_and_title()
    return [
        Page("/en/", "Codex Demo — grooming and beauty in Berlin"),
        Page(article_path, article_title),
        Page("/en/about/", "About Codex Demo"),
        Page("/en/masters/anna-schmidt/", "Anna Schmidt"),
    ]


@pytest.fixture
def demo(db: None) -> None:
    """Every feature's demo data, rolled back after the test."""
    seed_all()


@pytest.fixture
def fresh_pools() -> Iterator[None]:
    """New Redis pools before and after: timeouts overridden by a test apply to new pools only."""
    close_clients()
    yield
    close_clients()


@pytest.fixture
def thread_baseline() -> int:
    return threading.active_count()


@pytest.fixture
def custom_seo(transactional_db: None) -> Iterator[CustomSeo]:
    """The test SEO model (row "about", headline v1, committed) with its invalidation connected."""
    with override_settings(
        CODEX_STATIC_PAGE_SEO_MODEL="codex_test_models.CustomSeo", CODEX_STATIC_PAGE_SEO_KEY_FIELD="code"
    ):
        connect_seo_invalidation(CustomSeo)
        try:
            yield CustomSeo.objects.create(code="about", headline="v1")
        finally:
            disconnect_seo_invalidation(CustomSeo)
