from __future__ import annotations

from playwright.sync_api import Page


def test_admin_login_page_renders_in_chromium(live_server: object, page: Page) -> None:
    page.goto(f"{live_server}/admin/login/")
    assert page.locator("input[name=username]").count() == 1
    assert page.title().startswith("Log in")
