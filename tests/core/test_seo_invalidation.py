"""Cache invalidation of static-page SEO on writes, after commit, against real Redis and DB."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import redis
from django.apps import apps
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat
from django.db.models.signals import post_delete, post_save, pre_save
from django.test import override_settings

from codex_core.invalidation import InvalidatingQuerySet
from codex_core.redis.managers.seo import get_seo_redis_manager
from codex_core.seo.invalidation import (
    SeoCacheQuerySet,
    connect_seo_invalidation,
    disconnect_seo_invalidation,
    invalidate_on_commit,
    invalidate_page_keys,
)
from codex_core.seo.selectors import get_static_page_seo
from tests.core.support_models.helpers import STATIC_SEO, static_seo_model
from tests.core.support_models.models import StaticSeo
from tests.redis_server import RedisServer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _seo_model() -> Iterator[None]:
    with static_seo_model():
        yield


@pytest.fixture
def home() -> StaticSeo:
    return StaticSeo.objects.create(page_key="home", seo_title_en="Home", seo_title_de="Start")


def title(page_key: str, language: str = "en") -> str | None:
    return get_static_page_seo(page_key, language=language).get("seo_title")


def cached(redis_client: redis.Redis, page_key: str, language: str = "en") -> bool:
    return bool(redis_client.exists(get_seo_redis_manager().page_cache_key(page_key, language)))


def test_save_invalidates_every_language_after_commit(
    home: StaticSeo, redis_client: redis.Redis, django_capture_on_commit_callbacks
) -> None:
    assert (title("home"), title("home", "de")) == ("Home", "Start")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        home.seo_title_en = "Home v2"
        home.save()
        # Not committed yet: readers still get the cached payload.
        assert title("home") == "Home"
        assert cached(redis_client, "home")
        assert cached(redis_client, "home", "de")
    assert len(callbacks) == 1
    assert not cached(redis_client, "home")
    assert not cached(redis_client, "home", "de")
    assert title("home") == "Home v2"


def test_rename_invalidates_old_and_new_key(
    home: StaticSeo, redis_client: redis.Redis, django_capture_on_commit_callbacks
) -> None:
    assert title("home") == "Home"
    assert title("start") is None  # cached miss
    with django_capture_on_commit_callbacks(execute=True):
        home.page_key = "start"
        home.save()
    assert not cached(redis_client, "home")
    assert not cached(redis_client, "start")
    assert title("home") is None
    assert title("start") == "Home"


def test_create_drops_a_cached_miss(redis_client: redis.Redis, django_capture_on_commit_callbacks) -> None:
    assert title("home") is None
    with django_capture_on_commit_callbacks(execute=True):
        StaticSeo.objects.create(page_key="home", seo_title_en="Fresh")
    assert title("home") == "Fresh"


def test_delete_invalidates(
    home: StaticSeo, redis_client: redis.Redis, django_capture_on_commit_callbacks
) -> None:
    assert title("home") == "Home"
    with django_capture_on_commit_callbacks(execute=True):
        home.delete()
    assert not cached(redis_client, "home")
    assert title("home") is None


def test_queryset_update_invalidates_affected_keys(
    home: StaticSeo, redis_client: redis.Redis, django_capture_on_commit_callbacks
) -> None:
    StaticSeo.objects.create(page_key="about", seo_title_en="About")
    StaticSeo.objects.create(page_key="contacts", seo_title_en="Contacts")
    assert [title(k) for k in ("home", "about", "contacts")] == ["Home", "About", "Contacts"]
    with django_capture_on_commit_callbacks(execute=True):
        updated = StaticSeo.objects.exclude(page_key="contacts").update(seo_title_en="Bulk")
        assert title("home") == "Home"  # still the committed view
    assert updated == 2
    assert [title(k) for k in ("home", "about", "contacts")] == ["Bulk", "Bulk", "Contacts"]


def test_queryset_update_of_the_key_with_an_expression_invalidates_old_and_new(
    home: StaticSeo, redis_client: redis.Redis, django_capture_on_commit_callbacks
) -> None:
    assert title("home") == "Home"
    assert title("home-old") is None
    with django_capture_on_commit_callbacks(execute=True):
        StaticSeo.objects.filter(pk=home.pk).update(page_key=Concat(F("page_key"), Value("-old")))
    assert title("home") is None
    assert title("home-old") == "Home"


def test_bulk_update_and_bulk_create_invalidate(
    home: StaticSeo, redis_client: redis.Redis, django_capture_on_commit_callbacks
) -> None:
    assert title("home") == "Home"
    assert title("new") is None
    home.seo_title_en = "Bulk updated"
    with django_capture_on_commit_callbacks(execute=True):
        StaticSeo.objects.bulk_update([home], ["seo_title_en"])
        StaticSeo.objects.bulk_create([StaticSeo(page_key="new", seo_title_en="New")])
    assert title("home") == "Bulk updated"
    assert title("new") == "New"


def test_queryset_delete_invalidates(home: StaticSeo, django_capture_on_commit_callbacks) -> None:
    assert title("home") == "Home"
    with django_capture_on_commit_callbacks(execute=True):
        deleted, _ = StaticSeo.objects.filter(page_key="home").delete()
    assert deleted == 1
    assert title("home") is None


def test_disconnect_stops_every_write_path(home: StaticSeo, django_capture_on_commit_callbacks) -> None:
    disconnect_seo_invalidation(StaticSeo)
    with django_capture_on_commit_callbacks() as callbacks:
        home.save()
        StaticSeo.objects.filter(pk=home.pk).update(seo_title_en="x")
        StaticSeo.objects.bulk_create([StaticSeo(page_key="new")])
        StaticSeo.objects.filter(pk=home.pk).delete()
    assert callbacks == []


def test_invalidate_on_commit_wrapper_waits_for_the_commit(
    home: StaticSeo, redis_client: redis.Redis, django_capture_on_commit_callbacks
) -> None:
    assert title("home") == "Home"
    with django_capture_on_commit_callbacks(execute=True):
        invalidate_on_commit(["home", None, ""])
        assert cached(redis_client, "home")
    assert not cached(redis_client, "home")


def test_seo_cache_queryset_is_the_registry_queryset() -> None:
    assert issubclass(SeoCacheQuerySet, InvalidatingQuerySet)
    assert isinstance(StaticSeo.objects.all(), SeoCacheQuerySet)


@pytest.mark.django_db(transaction=True)
def test_real_commit_and_rollback(redis_client: redis.Redis) -> None:
    row = StaticSeo.objects.create(page_key="home", seo_title_en="Home")
    assert title("home") == "Home"
    with pytest.raises(RuntimeError), transaction.atomic():  # noqa: PT012
        StaticSeo.objects.filter(pk=row.pk).update(seo_title_en="Rolled back")
        row.seo_title_en = "Rolled back too"
        row.save()
        raise RuntimeError("abort")
    assert cached(redis_client, "home")
    assert title("home") == "Home"
    with transaction.atomic():
        row.seo_title_en = "Committed"
        row.save()
        assert title("home") == "Home"
    assert title("home") == "Committed"
    # Outside a transaction (autocommit) the invalidation is immediate.
    StaticSeo.objects.filter(pk=row.pk).update(seo_title_en="Autocommit")
    assert title("home") == "Autocommit"


def test_invalidation_survives_redis_outage(
    home: StaticSeo, redis_server: RedisServer, django_capture_on_commit_callbacks
) -> None:
    redis_server.stop()
    with django_capture_on_commit_callbacks(execute=True):
        home.seo_title_en = "Offline edit"
        home.save()
    assert title("home") == "Offline edit"


def test_invalidate_page_keys_skips_empty_keys(home: StaticSeo, redis_client: redis.Redis) -> None:
    assert title("home") == "Home"
    invalidate_page_keys([None, "", "home"])
    assert not cached(redis_client, "home")


def test_connect_resolves_the_configured_model() -> None:
    disconnect_seo_invalidation(StaticSeo)
    assert not post_save.has_listeners(StaticSeo)
    assert connect_seo_invalidation() is StaticSeo
    assert connect_seo_invalidation() is StaticSeo  # idempotent
    for signal in (pre_save, post_save, post_delete):
        assert len(signal._live_receivers(StaticSeo)[0]) == 1


@override_settings(CODEX_STATIC_PAGE_SEO_MODEL="")
def test_connect_without_a_model_setting_does_nothing() -> None:
    assert connect_seo_invalidation() is None


def test_app_ready_connects_the_configured_model() -> None:
    disconnect_seo_invalidation(StaticSeo)
    with override_settings(CODEX_STATIC_PAGE_SEO_MODEL=STATIC_SEO):
        apps.get_app_config("codex_core").ready()
    assert post_save.has_listeners(StaticSeo)


def test_writes_that_touch_no_row_schedule_nothing(django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks() as callbacks:
        assert StaticSeo.objects.filter(page_key="none").update(seo_title_en="x") == 0
        assert StaticSeo.objects.filter(page_key="none").delete() == (0, {})
    assert callbacks == []
