"""Browser fixtures: Debian's Chromium driven by Playwright against ``live_server``.

On failure the page's screenshot and HTML are saved under ``test-artifacts/e2e/`` (CI keeps
that folder). Without Chromium the e2e tests fail under CI and skip elsewhere.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.module_loading import import_string
from playwright.sync_api import Browser, Page
from pytest_django.fixtures import Settings
from pytest_django.live_server_helper import LiveServer

from codex_core.pagecache.wsgi import PageCacheFront
from tests.e2e.helpers import CSP_RECORDER, VIEWPORTS, BrowserErrors

#: ``demo_data.seed`` of every feature, in dependency order (as ``manage.py seed_demo``).
DEMO_SEEDS = (
    "features.site_settings.demo_data.seed",
    "features.notifications.demo_data.seed",
    "features.pages.demo_data.seed",
    "features.articles.demo_data.seed",
    "features.booking.demo_data.seed",
)

CHROMIUM = os.environ.get("CODEX_CHROMIUM", "/usr/bin/chromium")
E2E_TIMEOUT_MS = 60_000
ADMIN_PASSWORD = "e2e-admin-password"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "e2e"

# live_server runs in a thread while Playwright's sync API drives the browser from the test
# thread; Django would otherwise refuse ORM calls made from inside Playwright's event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _is_e2e(item: pytest.Item) -> bool:
    return Path(__file__).parent in Path(str(item.fspath)).parents


def pytest_itemcollected(item: pytest.Item) -> None:
    """Mark every test under tests/e2e ``e2e`` as it is collected (before ``-m`` selects)."""
    if _is_e2e(item):
        item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the e2e tests after all other tests.

    Playwright's sync API keeps an asyncio loop running in the main thread for as long as
    the session-scoped browser lives; any later test calling ``asyncio.run()`` (the async
    twins in tests/core) would fail with "cannot be called from a running event loop".
    ``trylast`` puts this after pytest-django's reordering of database tests.
    """
    items[:] = sorted(items, key=_is_e2e)  # stable: each group keeps its order


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    if not os.path.exists(CHROMIUM):
        message = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def base_url() -> str | None:
    """No base URL: tests build absolute URLs from ``live_server``.

    Overrides pytest-playwright's fallback fixture, which is defined as an instance method
    of a plugin object; pytest 9 warns about that and the suite turns warnings into errors.
    """
    return None


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[Any]:
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture(scope="module")
def module_page(browser: Browser) -> Iterator[Page]:
    """One tab per test module: a new renderer costs ~0.5 s on a small runner, a new test far less."""
    context = browser.new_context()
    # Waits are bounds, not assertions: twice Playwright's 30 s default, for a loaded 2-core machine.
    context.set_default_timeout(E2E_TIMEOUT_MS)
    page = context.new_page()
    page.add_init_script(CSP_RECORDER)
    yield page
    context.close()


@pytest.fixture(params=sorted(VIEWPORTS), ids=lambda width: f"{width}px")
def sized_page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A new tab at each width of :data:`~tests.e2e.helpers.VIEWPORTS` (the test runs once per width)."""
    width: int = request.param
    context = browser.new_context(viewport={"width": width, "height": VIEWPORTS[width]})
    context.set_default_timeout(E2E_TIMEOUT_MS)
    page = context.new_page()
    page.add_init_script(CSP_RECORDER)
    yield page
    context.close()


@pytest.fixture
def page(module_page: Page, request: pytest.FixtureRequest) -> Iterator[Page]:
    """The module's tab with no cookies, saving a screenshot and the HTML when the test fails.

    Extra tabs a test opens (``page.context.new_page()``) are closed afterwards.
    """
    page = module_page
    page.context.clear_cookies()
    yield page
    failed = any(
        (report := getattr(request.node, f"rep_{when}", None)) is not None and report.failed
        for when in ("setup", "call")
    )
    if failed:
        _save_artifacts(page, request.node.nodeid)
    for other in page.context.pages:
        if other is not page:
            other.close()


def _save_artifacts(page: Page, nodeid: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid)[-150:]
    try:
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        (ARTIFACTS / f"{name}.html").write_text(page.content(), encoding="utf-8")
    except Exception as exc:  # the page may be closed or crashed; the test result stands
        (ARTIFACTS / f"{name}.error.txt").write_text(repr(exc), encoding="utf-8")


@pytest.fixture
def site(live_server: LiveServer, settings: Settings) -> str:
    """The live server's origin, made the canonical origin so canonical and hreflang URLs load."""
    origin = live_server.url
    settings.CANONICAL_DOMAIN = origin.split("://", 1)[1]
    settings.CODEX_CANONICAL_SCHEME = "http"
    settings.CODEX_PAGE_CACHE_ENABLED = True  # the demo's setting: the browser suite runs with it on
    httpd = live_server.thread.httpd  # behind the page cache's WSGI front, as demo_site/wsgi.py serves
    if not isinstance(httpd.get_app(), PageCacheFront):
        httpd.set_app(PageCacheFront(httpd.get_app()))
    return origin


@pytest.fixture
def demo(site: str) -> str:
    """The demo content of every feature (the transactional test database starts empty)."""
    for path in DEMO_SEEDS:
        import_string(path)()
    return site


@pytest.fixture
def browser_errors(page: Page) -> Iterator[BrowserErrors]:
    """Console errors, uncaught exceptions, CSP violations and failed requests of ``page``."""
    errors = BrowserErrors.attach(page)
    yield errors
    errors.detach()


@pytest.fixture
def admin_page(demo: str, page: Page) -> Page:
    """``page`` logged into the admin as a fresh superuser, through the login form."""
    get_user_model().objects.create_superuser("e2e-admin", "admin@example.com", ADMIN_PASSWORD)
    page.goto(f"{demo}{reverse('admin:login')}")
    page.fill("input[name=username]", "e2e-admin")
    page.fill("input[name=password]", ADMIN_PASSWORD)
    with page.expect_navigation():
        page.click("input[type=submit]")
    assert page.url == f"{demo}{reverse('admin:index')}"
    return page
