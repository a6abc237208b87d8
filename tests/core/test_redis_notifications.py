"""NotificationsCacheManager against the private redis-server."""

from __future__ import annotations

import pytest
import redis
from django.test import override_settings

from codex_core.redis.managers.notifications import get_notifications_cache_manager
from tests.twins import call


@override_settings(PROJECT_NAME="proj")
def test_set_get_delete_under_the_namespace(mode: str, redis_client: redis.Redis) -> None:
    manager = get_notifications_cache_manager()
    assert call(mode, manager, "get", "subject:welcome") is None
    call(mode, manager, "set", "subject:welcome", "Welcome!")
    assert redis_client.get("proj:notifications:subject%3Awelcome") == "Welcome!"
    assert redis_client.ttl("proj:notifications:subject%3Awelcome") == -1
    assert call(mode, manager, "get", "subject:welcome") == "Welcome!"
    call(mode, manager, "delete", "subject:welcome")
    assert call(mode, manager, "get", "subject:welcome") is None
    assert redis_client.dbsize() == 0


def test_values_are_stored_as_strings_with_ttl(mode: str, redis_client: redis.Redis) -> None:
    manager = get_notifications_cache_manager()
    call(mode, manager, "set", "count", 5, 30)
    assert call(mode, manager, "get", "count") == "5"
    assert 0 < redis_client.ttl(manager.make_key("count")) <= 30


@pytest.mark.parametrize("timeout", [0, -1])
def test_non_positive_timeout_is_rejected(mode: str, timeout: int) -> None:
    with pytest.raises(ValueError, match=rf"got {timeout}$"):
        call(mode, get_notifications_cache_manager(), "set", "k", "v", timeout)
