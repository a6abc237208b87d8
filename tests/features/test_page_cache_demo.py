"""The demo's pages and sitemaps through the page cache: hits, tags, and fresh on the next request
after an edit's commit."""

from __future__ import annotations

from urllib.parse import unquote

import pytest
from django.utils import translation

from features.articles.models import Article
from features.pages.models import StaticPageSeo
from features.site_settings.models import SiteSettings
from tests.features.factories_articles import make_article, make_site_settings, use_test_site

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _site(settings):
    use_test_site(settings)
    settings.CODEX_PAGE_CACHE_ENABLED = True
    settings.CODEX_PAGE_CACHE_X_CACHE = True
    make_site_settings()


def twice(client, url: str):
    first = client.get(url)
    second = client.get(url)
    assert (first.status_code, first["X-Cache"], second["X-Cache"]) == (200, "MISS", "HIT"), url
    assert first.content == second.content
    return second


def test_home_list_detail_and_sitemaps_are_served_from_the_page_cache(client):
    article = make_article("Cached article")
    StaticPageSeo.objects.create(page_key="home", seo_title_en="Home title")
    home = twice(client, "/en/")
    assert set(home["Cache-Tag"].split(",")) == {"article_list", "seo:home", "site_settings"}
    detail = twice(client, article.get_absolute_url())
    assert f"article:{article.pk}" in detail["Cache-Tag"].split(",")
    twice(client, "/en/articles/")
    twice(client, "/en/articles/?page=1")
    index = twice(client, "/sitemap.xml")
    assert "article_list" in index["Cache-Tag"].split(",")
    twice(client, "/sitemap-articles.xml")
    twice(client, "/sitemap-static.xml")


def test_the_next_request_after_an_edit_shows_it(client):
    article = make_article("First title")
    url = article.get_absolute_url()
    twice(client, url)
    twice(client, "/en/")
    Article.objects.filter(pk=article.pk).update(title_en="Second title")
    assert "Second title" in client.get(url).content.decode()
    assert "Second title" in client.get("/en/").content.decode()


def test_a_site_settings_edit_drops_every_page(client):
    twice(client, "/en/about/")
    twice(client, "/en/contacts/")
    SiteSettings.objects.update(site_name="Renamed Salon")
    for url in ("/en/about/", "/en/contacts/"):
        response = client.get(url)
        assert response["X-Cache"] == "MISS"
        assert "Renamed Salon" in response.content.decode()


def test_a_static_page_seo_edit_drops_its_page_and_the_static_sitemap(client):
    seo = StaticPageSeo.objects.create(page_key="about", seo_title_en="About v1")
    twice(client, "/en/about/")
    twice(client, "/sitemap-static.xml")
    twice(client, "/en/contacts/")
    seo.seo_title_en = "About v2"
    seo.save()
    assert "About v2" in client.get("/en/about/").content.decode()
    assert client.get("/sitemap-static.xml")["X-Cache"] == "MISS"
    assert client.get("/en/contacts/")["X-Cache"] == "HIT"


def test_the_booking_page_with_its_csrf_form_is_never_cached(client):
    from features.booking.demo_data import seed

    seed()
    for _ in range(2):
        response = client.get("/en/masters/anna-schmidt/")
        assert response.status_code == 200
        assert "X-Cache" not in response  # not opted in: it holds the booking form's CSRF token


def test_a_service_edit_drops_the_master_list_that_names_it(client):
    """The master list names each master's services: a service saved, renamed through a
    queryset or deleted shows on the next request."""
    from django.urls import reverse
    from django.utils import translation

    from features.booking.models import Service
    from tests.features.factories_booking import make_master

    master = make_master()
    service = Service.objects.create(master=master, name_en="Classic cut", price=30, minutes=45)
    with translation.override("en"):
        url = reverse("booking:master_list")
    twice(client, url)

    def shown() -> str:
        response = client.get(url)
        assert response["X-Cache"] == "MISS"  # the edit dropped the cached page
        return response.content.decode()

    service.name_en = "Signature cut"
    service.save()
    assert "Signature cut" in shown()
    Service.objects.filter(pk=service.pk).update(name_en="Beard trim")
    assert "Beard trim" in shown()
    service.delete()
    assert "Beard trim" not in shown()


def test_an_arabic_page_is_one_cache_entry_whether_its_iri_arrives_encoded_or_raw(client):
    """The key is built from Django's decoded path: one entry, dropped by the article's edit."""
    article = make_article("Beard care", slug_ar="العناية-باللحية")
    with translation.override("ar"):
        encoded = article.get_absolute_url()
    assert encoded.isascii()
    twice(client, encoded)
    raw = client.get(unquote(encoded))
    assert (raw.status_code, raw["X-Cache"]) == (200, "HIT")
    Article.objects.filter(pk=article.pk).update(title_ar="العناية باللحية في الشتاء")
    fresh = client.get(unquote(encoded))
    assert fresh["X-Cache"] == "MISS"
    assert "العناية باللحية في الشتاء" in fresh.content.decode()
