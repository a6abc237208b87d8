"""Static pages: status per language, SEO from StaticPageSeo, contacts data, caching, robots.txt, 404."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import translation

from features.pages import demo_data
from features.pages.models import StaticPageSeo
from tests.features.factories_articles import (
    LANGUAGES,
    ORIGIN,
    make_article,
    make_page_seo,
    make_site_settings,
    use_test_site,
)

pytestmark = pytest.mark.django_db

PAGES = ("home", "about", "contacts")


@pytest.fixture(autouse=True)
def _site(settings):
    use_test_site(settings)


def url(name: str, language: str) -> str:
    with translation.override(language):
        return reverse(f"pages:{name}")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_page_renders_in_every_language(client, page, language):
    make_site_settings()
    response = client.get(url(page, language))
    assert response.status_code == 200
    doc = lxml.html.fromstring(response.content)
    assert doc.get("lang") == language
    assert response.headers["Content-Language"] == language


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_page_head_comes_from_its_seo_row(client, page, language):
    make_site_settings()
    make_page_seo(page)
    doc = lxml.html.fromstring(client.get(url(page, language)).content)
    assert doc.findtext(".//title") == f"{page} title {language}"
    assert doc.xpath("//meta[@name='description']/@content") == [f"{page} description {language}"]


def test_page_without_seo_row_falls_back_to_site_settings(client):
    make_site_settings(site_name="Fallback Site", tagline="Fallback tagline")
    doc = lxml.html.fromstring(client.get(url("about", "en")).content)
    assert doc.findtext(".//title") == "Fallback Site"
    assert doc.xpath("//meta[@name='description']/@content") == ["Fallback tagline"]


def test_missing_translation_falls_back_to_english(client):
    make_site_settings()
    make_page_seo("about", seo_title_de="", seo_description_de="")
    doc = lxml.html.fromstring(client.get(url("about", "de")).content)
    assert doc.findtext(".//title") == "about title en"


def test_home_lists_recent_public_articles(client):
    make_site_settings()
    visible = make_article("Visible news")
    make_article("Hidden news", is_active=False)
    make_article("Deleted news", is_deleted=True)
    doc = lxml.html.fromstring(client.get(url("home", "en")).content)
    links = doc.xpath("//section[@class='recent-articles']//h3/a")
    assert [(a.text, a.get("href")) for a in links] == [("Visible news", visible.get_absolute_url())]


def test_contacts_shows_site_settings_but_never_the_api_key(client):
    make_site_settings()
    response = client.get(url("contacts", "en"))
    doc = lxml.html.fromstring(response.content)
    details = [dd.text_content().strip() for dd in doc.xpath("//dl[@class='contact-list']/dd")]
    assert details == ["Musterstraße 1, 10115 Berlin", "+49 30 1234567", "hello@example.com"]
    hrefs = doc.xpath("//dl[@class='contact-list']//a/@href")
    assert hrefs == ["tel:+49301234567", "mailto:hello@example.com"]
    assert b"secret-api-key-never-rendered" not in response.content


@pytest.mark.parametrize("page", ["about", "contacts"])
def test_warm_static_page_makes_no_query(client, django_assert_num_queries, page):
    make_site_settings()
    make_page_seo(page)
    client.get(url(page, "en"))  # warms the SEO and site settings caches
    with django_assert_num_queries(0):
        response = client.get(url(page, "en"))
    assert b"title en" in response.content


def test_warm_home_page_only_queries_its_articles(client, django_assert_num_queries):
    make_site_settings()
    make_page_seo("home")
    make_article()
    client.get(url("home", "en"))
    with django_assert_num_queries(1) as captured:
        client.get(url("home", "en"))
    assert "articles_article" in captured.captured_queries[0]["sql"]


def test_robots_txt_names_the_sitemap_on_the_canonical_domain(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == (
        f"User-agent: *\nDisallow: /admin/\nDisallow: /i18n/\n\nSitemap: {ORIGIN}/sitemap.xml\n"
    )


def test_favicon_redirects_to_the_static_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/img/favicon.svg"
    icon = finders.find("img/favicon.svg")
    assert icon is not None
    assert Path(icon).read_text().startswith("<svg")


def test_unknown_page_is_a_404_without_canonical(client):
    make_site_settings()
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    doc = lxml.html.fromstring(response.content)
    assert doc.xpath("//meta[@name='robots']/@content") == ["noindex"]
    assert doc.xpath("//link[@rel='canonical']") == []
    assert doc.get("lang") == "en"


def test_seed_creates_three_pages_in_three_languages_idempotently():
    assert demo_data.seed() == {"static_page_seo": 3}
    assert demo_data.seed() == {"static_page_seo": 3}
    assert sorted(StaticPageSeo.objects.values_list("page_key", flat=True)) == sorted(PAGES)
    for page in StaticPageSeo.objects.all():
        titles = {page.seo_title_en, page.seo_title_de, page.seo_title_ru}
        descriptions = {page.seo_description_en, page.seo_description_de, page.seo_description_ru}
        assert len(titles) == 3
        assert len(descriptions) == 3
        assert "" not in titles | descriptions


@pytest.mark.parametrize(("view", "status"), [("server_error", 500), ("bad_request", 400)])
def test_error_pages_render_without_a_request_context(rf, view, status):
    from django.core.exceptions import BadRequest
    from django.views import defaults

    request = rf.get("/en/")
    response = (
        defaults.server_error(request)
        if view == "server_error"
        else defaults.bad_request(request, BadRequest())
    )
    assert response.status_code == status
    doc = lxml.html.fromstring(response.content)
    assert doc.xpath("//meta[@name='robots']/@content") == ["noindex"]
    assert doc.xpath("//link[@rel='stylesheet']/@href") == ["/static/css/site.css"]
    assert doc.findtext(".//h1") == {500: "Server error", 400: "Bad request"}[status]
