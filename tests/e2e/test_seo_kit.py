"""The SEO conformance kit (codex_core.testing) on the demo, in Chromium, with a canonical host that is
not the one the browser talks to: ``localhost:PORT`` canonical, ``127.0.0.1:PORT`` requested. A URL built
from the request instead of ``CANONICAL_DOMAIN`` shows up as SEO015.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.module_loading import import_string
from playwright.sync_api import Page
from pytest_django.fixtures import Settings
from pytest_django.live_server_helper import LiveServer

from codex_core.testing.pytest_plugin import SeoAudit, seo_audit  # noqa: F401  (the fixture)
from features.articles.models import Article
from features.booking.models import Master
from features.pages.models import StaticPageSeo
from tests.e2e.conftest import DEMO_SEEDS
from tests.e2e.helpers import LANGUAGES, paths_of
from tests.e2e.test_sitemaps import expected_entries

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def split_site(live_server: LiveServer, settings: Settings) -> str:
    """The demo with ``localhost:PORT`` as canonical host; returns that canonical origin."""
    port = live_server.url.rsplit(":", 1)[1]
    assert live_server.url == f"http://localhost:{port}"
    settings.CANONICAL_DOMAIN = f"localhost:{port}"
    settings.CODEX_CANONICAL_SCHEME = "http"
    for path in DEMO_SEEDS:
        import_string(path)()
    # Seeded rows are dated today, like the request: back-date each one so a <lastmod> taken from the
    # clock instead of the data differs (QuerySet.update() leaves auto_now alone and invalidates caches).
    past = timezone.now() - timedelta(days=400)
    for model in (StaticPageSeo, Article, Master):
        for offset, pk in enumerate(model.objects.order_by("pk").values_list("pk", flat=True)):
            model.objects.filter(pk=pk).update(updated_at=past - timedelta(days=offset))
    return f"http://localhost:{port}"


def ld_types_of(origin: str) -> dict[str, set[str]]:
    """Every page carries Organization; articles an Article, masters a Person (from the database)."""
    types: dict[str, set[str]] = {}
    for article in Article.objects.public():
        for path in paths_of(article.get_absolute_url).values():
            types[origin + path] = {"Organization", "Article"}
    for master in Master.objects.filter(is_active=True):
        for path in paths_of(master.get_absolute_url).values():
            types[origin + path] = {"Organization", "Person"}
    return types


def test_the_demo_passes_every_rule_in_chromium(split_site: str, seo_audit: SeoAudit, page: Page) -> None:  # noqa: F811
    origin = split_site
    lastmods = {loc: entry.lastmod for loc, entry in expected_entries(origin).items()}
    types = ld_types_of(origin)

    def ld_types(url: str) -> Iterable[str]:
        return types.get(url, {"Organization"})

    port = origin.rsplit(":", 1)[1]
    report = seo_audit(
        base_url=f"http://127.0.0.1:{port}", page=page, lastmod=lastmods.get, ld_types=ld_types
    )
    report.assert_clean()
    # every sitemap URL and the paginated list pages were looked at
    assert report.locs == len(lastmods)
    assert report.pages > report.locs
    # in all four languages, Arabic (right to left, Arabic-script paths) as many as each other
    per_language = {code: sum(f"/{code}/" in loc for loc in lastmods) for code in LANGUAGES}
    assert len(per_language) == 4
    assert len(set(per_language.values())) == 1, per_language
