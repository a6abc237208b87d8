"""Edits made in the admin through Chromium reach the public pages at once, with the Redis caches warm."""

from __future__ import annotations

import urllib.error
import urllib.request
from urllib.parse import quote

import lxml.etree
import pytest
import redis
from django.urls import reverse
from playwright.sync_api import Page

from features.articles.models import Article
from features.pages.models import StaticPageSeo
from tests.e2e.helpers import LANGUAGES, BrowserErrors, in_language, paths_of, save_change_form, visit

pytestmark = pytest.mark.django_db(transaction=True)

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def sitemap_locations(origin: str) -> set[str]:
    with urllib.request.urlopen(f"{origin}{reverse('sitemap_section', args=['articles'])}") as response:
        doc = lxml.etree.fromstring(response.read())
    return set(doc.xpath("//sm:loc/text()", namespaces=NS))


def test_static_page_seo_and_site_name_changes_show_on_the_next_load(
    demo: str, admin_page: Page, browser_errors: BrowserErrors, redis_client: redis.Redis
) -> None:
    page = admin_page
    about_en, about_de = (demo + in_language(code, lambda: reverse("pages:about")) for code in ("en", "de"))
    german_title = visit(page, about_de).findtext(".//title")
    assert visit(page, about_en).findtext(".//title") == "About Codex Demo"
    assert redis_client.keys("*"), "the public page filled the Redis caches"

    seo = StaticPageSeo.objects.get(page_key="about")
    url = demo + reverse("admin:pages_staticpageseo_change", args=[seo.pk])
    save_change_form(page, url, seo_title_en="About us, edited in the admin")
    doc = visit(page, about_en, browser_errors)
    assert doc.findtext(".//title") == "About us, edited in the admin"
    assert doc.xpath("//meta[@property='og:title']/@content") == ["About us, edited in the admin"]
    assert visit(page, about_de, browser_errors).findtext(".//title") == german_title

    save_change_form(
        page, demo + reverse("admin:site_settings_sitesettings_changelist"), site_name="Renamed Studio"
    )
    for code in LANGUAGES:
        doc = visit(page, demo + in_language(code, lambda: reverse("pages:home")), browser_errors)
        assert doc.xpath("//meta[@property='og:site_name']/@content") == ["Renamed Studio"]
        assert page.inner_text(".site-brand") == "Renamed Studio"
        assert page.inner_text(".hero h1") == "Renamed Studio"


def test_article_slug_change_deactivation_and_soft_delete_through_the_admin(
    demo: str, admin_page: Page, browser_errors: BrowserErrors
) -> None:
    page = admin_page
    first, second, third = Article.objects.public().order_by("published_at")[:3]
    old = paths_of(first.get_absolute_url)
    visit(page, demo + old["en"], browser_errors)

    change = demo + reverse("admin:articles_article_change", args=[first.pk])
    save_change_form(page, change, slug_en="renamed-in-the-admin")
    first.refresh_from_db()
    new = paths_of(first.get_absolute_url)
    assert new["en"].endswith("/renamed-in-the-admin/")
    assert visit(page, demo + new["en"], browser_errors).findtext(".//h1") == first.title_en
    assert status_of(demo + old["en"]) == 404
    assert {demo + new["en"], demo + old["de"]} <= sitemap_locations(demo)
    assert demo + old["en"] not in sitemap_locations(demo)
    # An Arabic slug typed into the admin: its URL, percent-encoded, serves the page and is in the sitemap.
    save_change_form(page, change, slug_ar="مقال-بعنوان-جديد")
    first.refresh_from_db()
    renamed = paths_of(first.get_absolute_url)
    assert renamed["ar"].endswith(f"/{quote('مقال-بعنوان-جديد')}/")
    assert visit(page, demo + renamed["ar"], browser_errors).findtext(".//h1") == first.title_ar
    assert status_of(demo + old["ar"]) == 404
    assert demo + renamed["ar"] in sitemap_locations(demo)
    assert demo + old["ar"] not in sitemap_locations(demo)

    second_urls = [demo + path for path in paths_of(second.get_absolute_url).values()]
    visit(page, second_urls[0], browser_errors)
    save_change_form(page, demo + reverse("admin:articles_article_change", args=[second.pk]), is_active=False)
    assert [status_of(url) for url in second_urls] == [404] * len(LANGUAGES)
    assert not set(second_urls) & sitemap_locations(demo)

    # Soft delete through the changelist action, the way an editor does it.
    third_urls = [demo + path for path in paths_of(third.get_absolute_url).values()]
    visit(page, third_urls[0], browser_errors)
    page.goto(demo + reverse("admin:articles_article_changelist") + f"?q={third.title_en}")
    page.check(f"input[name=_selected_action][value='{third.pk}']")
    page.select_option("select[name=action]", "soft_delete_selected")
    with page.expect_navigation():
        page.click("button[name=index]")
    assert page.locator(".messagelist .success").inner_text() == "1 object soft-deleted."
    assert [status_of(url) for url in third_urls] == [404] * len(LANGUAGES)
    assert not set(third_urls) & sitemap_locations(demo)
    # A deleted article's old slug does not redirect to it from another language either.
    assert status_of(third_urls[0].replace(third.slug_en, third.slug_de)) == 404
