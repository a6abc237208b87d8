"""SeoRedisManager against the private redis-server: per-language keys, atomic replace, markers."""

from __future__ import annotations

import pytest
import redis
from django.test import override_settings
from django.utils import translation

from codex_core.redis.managers.seo import MISSING_FIELD, SeoRedisManager, get_seo_redis_manager
from tests.core.fakes import command_calls
from tests.twins import call


def reset_stats(client: redis.Redis) -> None:
    client.config_resetstat()


@override_settings(PROJECT_NAME="proj")
def test_keys_are_namespaced_per_language() -> None:
    manager = get_seo_redis_manager()
    assert isinstance(manager, SeoRedisManager)
    # The page key is the hash tag: one page's languages share a Redis Cluster slot.
    assert manager.page_cache_key("home", "de") == "proj:seo:de:{home}"
    with translation.override("ru"):
        assert manager.page_cache_key("home") == "proj:seo:ru:{home}"
    with translation.override(None):
        assert manager.page_cache_key("home") == "proj:seo:en:{home}"  # LANGUAGE_CODE
    assert manager.page_cache_key("{a}:b", "en") == "proj:seo:en:{%7Ba%7D%3Ab}"


def test_round_trip_and_languages_do_not_share_a_key(mode: str) -> None:
    manager = get_seo_redis_manager()
    call(mode, manager, "set_page", "home", {"title": "Home"}, language="en")
    call(mode, manager, "set_page", "home", {"title": "Startseite"}, language="de")
    assert call(mode, manager, "get_page", "home", language="en") == {"title": "Home"}
    assert call(mode, manager, "get_page", "home", language="de") == {"title": "Startseite"}
    assert call(mode, manager, "lookup_page", "home", language="ru") is None
    assert call(mode, manager, "get_page", "home", language="ru") == {}
    with translation.override("de"):
        assert call(mode, manager, "get_page", "home") == {"title": "Startseite"}


def test_set_page_replaces_the_whole_hash_in_one_transaction(mode: str, redis_client: redis.Redis) -> None:
    manager = get_seo_redis_manager()
    key = manager.page_cache_key("home", "en")
    call(mode, manager, "set_page", "home", {"title": "Old", "description": "Gone soon"}, language="en")
    reset_stats(redis_client)

    call(mode, manager, "set_page", "home", {"title": "New"}, 120, language="en")

    assert redis_client.hgetall(key) == {"title": "New"}
    assert 0 < redis_client.ttl(key) <= 120
    calls = command_calls(redis_client)
    assert {name: calls.get(name) for name in ("multi", "del", "hset", "expire", "exec")} == {
        "multi": 1,
        "del": 1,
        "hset": 1,
        "expire": 1,
        "exec": 1,
    }


def test_set_page_without_timeout_keeps_the_entry(mode: str, redis_client: redis.Redis) -> None:
    manager = get_seo_redis_manager()
    call(mode, manager, "set_page", "home", {"title": "Home"}, language="en")
    assert redis_client.ttl(manager.page_cache_key("home", "en")) == -1


def test_empty_mapping_is_a_cached_miss_marker(mode: str, redis_client: redis.Redis) -> None:
    manager = get_seo_redis_manager()
    assert call(mode, manager, "lookup_page", "nowhere", language="en") is None
    call(mode, manager, "set_page", "nowhere", {}, 60, language="en")
    assert redis_client.hgetall(manager.page_cache_key("nowhere", "en")) == {MISSING_FIELD: "1"}
    assert call(mode, manager, "lookup_page", "nowhere", language="en") == {}
    assert call(mode, manager, "get_page", "nowhere", language="en") == {}


def test_awkward_page_keys_never_collide(mode: str, redis_client: redis.Redis) -> None:
    manager = get_seo_redis_manager()
    page_keys = ["a:b", "a", "b", "*", "a*", "a b", "a\nb", "a%3Ab", "", "~", "en:a"]
    for page_key in page_keys:
        call(mode, manager, "set_page", page_key, {"title": f"<{page_key}>"}, language="en")
    assert len(redis_client.keys("*")) == len(page_keys)
    for page_key in page_keys:
        assert call(mode, manager, "get_page", page_key, language="en") == {"title": f"<{page_key}>"}

    call(mode, manager, "invalidate_page", "*")
    call(mode, manager, "invalidate_page", "a:b")
    assert call(mode, manager, "lookup_page", "*", language="en") is None
    assert call(mode, manager, "lookup_page", "a:b", language="en") is None
    assert len(redis_client.keys("*")) == len(page_keys) - 2


def test_invalidate_page_drops_every_language_with_one_del(mode: str, redis_client: redis.Redis) -> None:
    manager = get_seo_redis_manager()
    for language in ("en", "de", "ru"):
        call(mode, manager, "set_page", "home", {"title": language}, language=language)
    call(mode, manager, "set_page", "about", {"title": "About"}, language="en")
    reset_stats(redis_client)

    call(mode, manager, "invalidate_page", "home")

    assert command_calls(redis_client)["del"] == 1
    assert redis_client.keys("*") == [manager.page_cache_key("about", "en")]


def test_invalidate_page_for_chosen_languages(mode: str, redis_client: redis.Redis) -> None:
    manager = get_seo_redis_manager()
    for language in ("en", "de"):
        call(mode, manager, "set_page", "home", {"title": language}, language=language)
    call(mode, manager, "invalidate_page", "home", languages=["de"])
    assert call(mode, manager, "get_page", "home", language="en") == {"title": "en"}
    assert call(mode, manager, "lookup_page", "home", language="de") is None

    reset_stats(redis_client)
    call(mode, manager, "invalidate_page", "home", languages=[])
    assert "del" not in command_calls(redis_client)


@override_settings(LANGUAGES=[("de", "German")], LANGUAGE_CODE="en")
def test_invalidate_page_includes_the_default_language(mode: str, redis_client: redis.Redis) -> None:
    manager = get_seo_redis_manager()
    call(mode, manager, "set_page", "home", {"title": "x"}, language="en")
    call(mode, manager, "invalidate_page", "home")
    assert redis_client.dbsize() == 0


@pytest.mark.parametrize("timeout", [0, -5])
def test_non_positive_timeout_is_rejected(mode: str, timeout: int) -> None:
    with pytest.raises(
        ValueError, match=rf"timeout must be a positive number of seconds or None, got {timeout}"
    ):
        call(mode, get_seo_redis_manager(), "set_page", "home", {"title": "x"}, timeout, language="en")
