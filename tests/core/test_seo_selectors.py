"""get_static_page_seo / aget_static_page_seo against the real database and a real Redis."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import redis
from asgiref.sync import async_to_sync
from django.test import override_settings
from django.utils import translation

from codex_core.redis.managers.seo import SeoRedisManager, get_seo_redis_manager
from codex_core.seo.selectors import aget_static_page_seo, get_static_page_seo, resolve_static_page_seo_model
from tests.core.support_models.helpers import static_seo_model
from tests.core.support_models.models import CustomSeo, StaticSeo
from tests.redis_server import RedisServer

pytestmark = pytest.mark.django_db

HOME_EN = {
    "page_key": "home",
    "seo_title": "Home",
    "seo_description": "Welcome",
    "robots": "",
    "priority": "5",
}


@pytest.fixture(autouse=True)
def _seo_model() -> Iterator[None]:
    with static_seo_model(CODEX_STATIC_PAGE_SEO_CACHE_TIMEOUT=120, CODEX_STATIC_PAGE_SEO_MISS_TIMEOUT=30):
        yield


@pytest.fixture
def home() -> StaticSeo:
    parent = StaticSeo.objects.create(page_key="root")
    return StaticSeo.objects.create(
        page_key="home",
        seo_title_en="Home",
        seo_title_de="Startseite",
        seo_description_en="Welcome",
        parent=parent,
    )


def cache_key(page_key: str, language: str) -> str:
    return get_seo_redis_manager().page_cache_key(page_key, language)


def test_cold_read_queries_once_and_caches_the_flat_payload(
    home: StaticSeo, redis_client: redis.Redis, django_assert_num_queries
) -> None:
    with translation.override("en"), django_assert_num_queries(1):
        assert get_static_page_seo("home") == HOME_EN
    key = cache_key("home", "en")
    assert redis_client.hgetall(key) == HOME_EN
    assert 110 < redis_client.ttl(key) <= 120


def test_warm_read_makes_no_query(home: StaticSeo, django_assert_num_queries) -> None:
    with translation.override("en"):
        get_static_page_seo("home")
        with django_assert_num_queries(0):
            assert get_static_page_seo("home") == HOME_EN


def test_payload_is_read_in_the_requested_language_and_cached_per_language(
    home: StaticSeo, redis_client: redis.Redis
) -> None:
    german = get_static_page_seo("home", language="de")
    # seo_description has no German value: modeltranslation falls back to English.
    assert german == {**HOME_EN, "seo_title": "Startseite"}
    with translation.override("de"):
        assert get_static_page_seo("home") == german
    assert get_static_page_seo("home", language="en") == HOME_EN
    assert redis_client.hget(cache_key("home", "de"), "seo_title") == "Startseite"
    assert redis_client.hget(cache_key("home", "en"), "seo_title") == "Home"


def test_missing_row_is_cached_as_a_miss(redis_client: redis.Redis, django_assert_num_queries) -> None:
    with django_assert_num_queries(1):
        assert get_static_page_seo("nowhere", language="en") == {}
    assert 20 < redis_client.ttl(cache_key("nowhere", "en")) <= 30
    with django_assert_num_queries(0):
        assert get_static_page_seo("nowhere", language="en") == {}


def test_explicit_timeout_and_manager(home: StaticSeo, redis_client: redis.Redis) -> None:
    manager = SeoRedisManager(project_name="other")
    assert get_static_page_seo("home", language="en", cache_manager=manager, timeout=500) == HOME_EN
    key = manager.page_cache_key("home", "en")
    assert key.startswith("other:seo:")
    assert redis_client.hgetall(key) == HOME_EN
    assert 490 < redis_client.ttl(key) <= 500
    assert not redis_client.exists(cache_key("home", "en"))


def test_to_seo_dict_is_used_and_stringified(redis_client: redis.Redis) -> None:
    CustomSeo.objects.create(code="about", headline="About us")
    result = get_static_page_seo(
        "about", model_path="codex_test_models.CustomSeo", page_key_field="code", language="en"
    )
    assert result == {"title": "About us", "length": "8", "image": ""}


@override_settings(CODEX_REDIS_ENABLED=False)
def test_redis_disabled_reads_the_database_every_time(home: StaticSeo, django_assert_num_queries) -> None:
    for _ in range(2):
        with django_assert_num_queries(1):
            assert get_static_page_seo("home", language="en") == HOME_EN


def test_redis_down_falls_back_to_the_database(
    home: StaticSeo, redis_server: RedisServer, django_assert_num_queries
) -> None:
    redis_server.stop()
    with django_assert_num_queries(1):
        assert get_static_page_seo("home", language="en") == HOME_EN
    with django_assert_num_queries(1):
        assert get_static_page_seo("missing", language="en") == {}


@pytest.mark.parametrize(
    ("model", "field"),
    [
        ("", "page_key"),
        ("codex_test_models.Nope", "page_key"),
        ("not-a-model-path", "page_key"),
        ("codex_test_models.StaticSeo", "slug"),
    ],
)
def test_unresolvable_model_setting_gives_empty_payload_without_queries(
    model: str, field: str, home: StaticSeo, redis_client: redis.Redis, django_assert_num_queries
) -> None:
    with (
        override_settings(CODEX_STATIC_PAGE_SEO_MODEL=model, CODEX_STATIC_PAGE_SEO_KEY_FIELD=field),
        django_assert_num_queries(0),
    ):
        assert resolve_static_page_seo_model() is None
        assert get_static_page_seo("home", language="en") == {}
        assert async_to_sync(aget_static_page_seo)("home", language="en") == {}
    assert redis_client.keys("*") == []


def test_resolve_static_page_seo_model() -> None:
    assert resolve_static_page_seo_model() is StaticSeo
    assert resolve_static_page_seo_model("codex_test_models.CustomSeo", "code") is CustomSeo


def test_async_twin_reads_through_the_cache(
    home: StaticSeo, redis_client: redis.Redis, django_assert_num_queries
) -> None:
    with django_assert_num_queries(1):
        assert async_to_sync(aget_static_page_seo)("home", language="de") == {
            **HOME_EN,
            "seo_title": "Startseite",
        }
    assert redis_client.hget(cache_key("home", "de"), "seo_title") == "Startseite"
    assert 110 < redis_client.ttl(cache_key("home", "de")) <= 120
    with django_assert_num_queries(0):
        assert async_to_sync(aget_static_page_seo)("home", language="de")["seo_title"] == "Startseite"
    # The sync reader sees what the async one cached, and vice versa.
    with django_assert_num_queries(0):
        assert get_static_page_seo("home", language="de")["seo_title"] == "Startseite"


def test_async_twin_caches_a_miss(redis_client: redis.Redis, django_assert_num_queries) -> None:
    with django_assert_num_queries(1):
        assert async_to_sync(aget_static_page_seo)("nowhere", language="en") == {}
    assert 20 < redis_client.ttl(cache_key("nowhere", "en")) <= 30
    with django_assert_num_queries(0):
        assert async_to_sync(aget_static_page_seo)("nowhere", language="en") == {}
        assert get_static_page_seo("nowhere", language="en") == {}
