"""The page cache: hits and misses, tags and their invalidation on commit, keys, headers, hooks."""

from __future__ import annotations

import pytest
from django.db import transaction

from features.articles.models import Article
from tests.core.pagecache import views
from tests.core.pagecache.conftest import page_keys
from tests.features.factories_articles import make_article

pytestmark = pytest.mark.django_db(transaction=True)

purged: list[list[str]] = []


def record_purge(tags: list[str]) -> None:
    purged.append(tags)


def test_second_request_is_a_hit_with_the_same_body_and_no_query(
    client, redis_client, django_assert_num_queries
):
    article = make_article("Cached")
    url = f"/t/article/{article.pk}/"
    first = client.get(url)
    assert first["X-Cache"] == "MISS"
    assert len(page_keys(redis_client)) == 1
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content == b"<h1>Cached</h1>"
    assert second["Content-Type"] == first["Content-Type"]
    assert views.renders == [url]


def test_the_page_carries_its_tags_in_cache_tag_and_surrogate_key(client):
    article = make_article("Tagged")
    first = client.get(f"/t/article/{article.pk}/")
    second = client.get(f"/t/article/{article.pk}/")
    for response in (first, second):
        assert response["Cache-Tag"] == f"article:{article.pk}"
        assert response["Surrogate-Key"] == f"article:{article.pk}"


def test_a_committed_edit_drops_the_pages_of_its_tag_and_only_those(client, redis_client):
    edited, other = make_article("Before"), make_article("Other")
    for article in (edited, other):
        client.get(f"/t/article/{article.pk}/")
    assert len(page_keys(redis_client)) == 2
    with transaction.atomic():
        Article.objects.filter(pk=edited.pk).update(title_en="After")
        assert client.get(f"/t/article/{edited.pk}/").content == b"<h1>Before</h1>"  # not committed yet
    response = client.get(f"/t/article/{edited.pk}/")
    assert (response["X-Cache"], response.content) == ("MISS", b"<h1>After</h1>")
    assert client.get(f"/t/article/{other.pk}/")["X-Cache"] == "HIT"


def test_a_rolled_back_edit_drops_nothing(client):
    article = make_article("Kept")
    client.get(f"/t/article/{article.pk}/")
    with transaction.atomic():
        Article.objects.filter(pk=article.pk).update(title_en="Gone")
        transaction.set_rollback(True)
    assert client.get(f"/t/article/{article.pk}/")["X-Cache"] == "HIT"


def test_any_article_write_drops_the_lists(client):
    assert client.get("/t/list/")["X-Cache"] == "MISS"
    assert client.get("/t/list/")["X-Cache"] == "HIT"
    make_article("New")
    assert client.get("/t/list/")["X-Cache"] == "MISS"


def test_the_listed_query_parameter_selects_its_own_page_and_others_bypass(client, redis_client):
    assert client.get("/t/list/", {"page": "2"}).content == b"page 2"
    assert client.get("/t/list/", {"page": "2"})["X-Cache"] == "HIT"
    assert client.get("/t/list/", {"page": "3"}).content == b"page 3"
    assert client.get("/t/list/?page=2&page=3")["X-Cache"] == "MISS"
    assert client.get("/t/list/", {"utm_source": "x"})["X-Cache"] == "MISS"
    assert len(page_keys(redis_client)) == 2  # page 2 and page 3 only


def test_the_language_is_part_of_the_key(client, redis_client):
    client.get("/t/list/", HTTP_ACCEPT_LANGUAGE="de")
    assert client.get("/t/list/", HTTP_ACCEPT_LANGUAGE="en")["X-Cache"] == "MISS"
    assert client.get("/t/list/", HTTP_ACCEPT_LANGUAGE="de")["X-Cache"] == "HIT"
    assert len(page_keys(redis_client)) == 2


def test_head_is_answered_from_the_get_entry_without_a_body(client):
    get = client.get("/t/list/")
    head = client.head("/t/list/")
    assert head["X-Cache"] == "HIT"
    assert head.content == b""
    assert head["Content-Length"] == str(len(get.content))


def test_views_not_opted_in_are_not_cached(client, redis_client):
    response = client.get("/t/uncached/")
    assert "X-Cache" not in response
    assert page_keys(redis_client) == []


def test_disabled_page_cache_stores_nothing(client, redis_client, settings):
    settings.CODEX_PAGE_CACHE_ENABLED = False
    client.get("/t/list/")
    assert "X-Cache" not in client.get("/t/list/")
    assert page_keys(redis_client) == []


def test_x_cache_is_off_unless_asked_for(client, settings):
    settings.CODEX_PAGE_CACHE_X_CACHE = False
    client.get("/t/list/")
    assert "X-Cache" not in client.get("/t/list/")


def test_the_purge_hook_gets_the_dropped_tags(client, settings):
    settings.CODEX_PAGE_CACHE_PURGE_HOOK = "tests.core.pagecache.test_pagecache.record_purge"
    purged.clear()
    article = make_article("Hooked")
    article.title_en = "Hooked again"
    article.save()
    assert [f"article:{article.pk}"] in purged
    assert ["article_list"] in purged


def test_a_foreign_value_under_a_page_key_is_a_miss(client, redis_client):
    client.get("/t/list/")
    (key,) = page_keys(redis_client)
    redis_client.set(key, "not json")
    response = client.get("/t/list/")
    assert (response.status_code, response.content) == (200, b"page 1")


def test_the_remembered_route_follows_the_urlconf_and_the_language(client, settings):
    """A hit skips the resolver by remembering each path's options: per URLconf and language."""
    from django.urls import reverse
    from django.utils import translation

    from codex_core.pagecache.routes import view_options

    assert view_options("/t/list/", "en") is not None
    with translation.override("de"):
        german_home = reverse("pages:home")
    assert view_options(german_home, "en") is None  # /de/ in English: not this language's page
    with translation.override("en"):  # the language passed in counts, not the active one
        assert view_options(german_home, "de") is not None

    settings.ROOT_URLCONF = "demo_site.urls"  # setting_changed forgets the remembered routes
    assert view_options("/t/list/", "en") is None
    assert client.get("/t/list/").status_code == 404
