"""DjangoSiteSettingsManager and SettingsProxy against the private redis-server and the real DB."""

from __future__ import annotations

import asyncio
import copy
import datetime
import json
import logging
import pickle
import uuid
from decimal import Decimal
from pathlib import PurePosixPath
from typing import Any, ClassVar

import pytest
import redis
from asgiref.sync import sync_to_async
from django.contrib.auth.models import Group
from django.db import connections
from django.template import Context, Template
from django.test import override_settings
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString

from codex_core.redis.client import aclose_clients
from codex_core.redis.generations import GENERATION_TTL, generation_key
from codex_core.redis.managers.settings import (
    DjangoSiteSettingsManager,
    SettingsProxy,
    get_site_settings_manager,
)
from tests.twins import call


class FakeSettings:
    """Duck-types a singleton settings model: ``load()``, ``to_dict()``, ``secret_fields``."""

    secret_fields = ("api_token",)
    row: ClassVar[dict[str, Any] | None] = None
    loads: ClassVar[int] = 0

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data

    @classmethod
    def load(cls) -> FakeSettings | None:
        cls.loads += 1
        return None if cls.row is None else cls(dict(cls.row))

    def to_dict(self) -> dict[str, Any]:
        return dict(self.data)


ROW: dict[str, Any] = {
    "site_name": "Codex",
    "maintenance": False,
    "max_guests": 12,
    "phone": None,
    "tags": ["a", "b"],
    "social": {"x": "@codex"},
    "price": Decimal("1.50"),
    "opened": datetime.date(2026, 1, 2),
    "uid": uuid.UUID("12345678-1234-5678-1234-567812345678"),
    "logo": PurePosixPath("img/logo.png"),
    "api_token": "s3cret-token",
}
EXPECTED: dict[str, Any] = {
    "site_name": "Codex",
    "maintenance": False,
    "max_guests": 12,
    "phone": None,
    "tags": ["a", "b"],
    "social": {"x": "@codex"},
    "price": "1.50",
    "opened": "2026-01-02",
    "uid": "12345678-1234-5678-1234-567812345678",
    "logo": "img/logo.png",
}


@pytest.fixture
def fake() -> type[FakeSettings]:
    FakeSettings.row = dict(ROW)
    FakeSettings.loads = 0
    return FakeSettings


def manager() -> DjangoSiteSettingsManager:
    return get_site_settings_manager()


def test_miss_reads_the_db_then_hits_redis_with_typed_values(
    mode: str, fake: type[FakeSettings], redis_client: redis.Redis
) -> None:
    assert call(mode, manager(), "load_cached", fake) == EXPECTED
    assert call(mode, manager(), "load_cached", fake) == EXPECTED
    assert fake.loads == 1
    stored = redis_client.hgetall(manager().key)
    assert {k: json.loads(v) for k, v in stored.items()} == EXPECTED


def test_secrets_never_reach_redis_nor_the_result(
    mode: str, fake: type[FakeSettings], redis_client: redis.Redis
) -> None:
    assert "api_token" not in call(mode, manager(), "load_cached", fake)
    call(mode, manager(), "save_instance", fake(dict(ROW)))
    stored = redis_client.hgetall(manager().key)
    assert "api_token" not in stored
    assert not any("s3cret" in value for value in stored.values())
    # An entry written before the field became secret is filtered on the way out too.
    redis_client.hset(manager().key, "api_token", json.dumps("old-secret"))
    assert "api_token" not in call(mode, manager(), "load_cached", fake)


def test_save_instance_replaces_the_hash(
    mode: str, fake: type[FakeSettings], redis_client: redis.Redis
) -> None:
    redis_client.hset(manager().key, mapping={"removed_field": '"x"', "site_name": '"Old"'})
    call(mode, manager(), "save_instance", fake({"site_name": "New", "maintenance": True}))
    assert redis_client.hgetall(manager().key) == {"site_name": '"New"', "maintenance": "true"}
    assert call(mode, manager(), "load_cached", fake) == {"site_name": "New", "maintenance": True}
    assert fake.loads == 0


def test_corrupt_hash_is_logged_replaced_and_recomputed(
    mode: str, fake: type[FakeSettings], redis_client: redis.Redis, codex_log: pytest.LogCaptureFixture
) -> None:
    key = manager().key
    redis_client.hset(key, mapping={"site_name": "not json {", "stale": '"x"'})
    assert call(mode, manager(), "load_cached", fake) == EXPECTED
    assert fake.loads == 1
    assert [(r.levelno, r.getMessage()) for r in codex_log.records] == [
        (logging.WARNING, f"Discarding corrupt site settings cache entry {key}; reloading it.")
    ]
    assert {k: json.loads(v) for k, v in redis_client.hgetall(key).items()} == EXPECTED


def test_no_row_gives_empty_dict_and_caches_nothing(
    mode: str, fake: type[FakeSettings], redis_client: redis.Redis
) -> None:
    fake.row = None
    assert call(mode, manager(), "load_cached", fake) == {}
    # Only the refill's generation token, which expires on its own.
    assert redis_client.keys("*") == [generation_key(manager().key)]
    assert 0 < redis_client.ttl(generation_key(manager().key)) <= GENERATION_TTL


def test_invalidate_forces_a_db_read(mode: str, fake: type[FakeSettings], redis_client: redis.Redis) -> None:
    call(mode, manager(), "load_cached", fake)
    call(mode, manager(), "invalidate")
    assert redis_client.dbsize() == 0
    fake.row = {"site_name": "Renamed"}
    assert call(mode, manager(), "load_cached", fake) == {"site_name": "Renamed"}
    assert fake.loads == 2


@pytest.mark.django_db
def test_model_without_load_or_to_dict_uses_first_row_and_concrete_fields(
    django_assert_num_queries: Any,
) -> None:
    group = Group.objects.create(name="staff")
    with django_assert_num_queries(1):
        assert manager().load_cached(Group) == {"id": group.pk, "name": "staff"}
    with django_assert_num_queries(0):
        assert manager().load_cached(Group) == {"id": group.pk, "name": "staff"}


@pytest.mark.django_db(transaction=True)
def test_async_db_fallback_reads_the_real_database() -> None:
    group = Group.objects.create(name="editors")

    async def main() -> dict[str, Any]:
        try:
            return await manager().aload_cached(Group)
        finally:
            await aclose_clients()
            await sync_to_async(connections.close_all)()

    assert asyncio.run(main()) == {"id": group.pk, "name": "editors"}


def test_key_is_one_project_hash() -> None:
    assert DjangoSiteSettingsManager(project_name="proj").key == "proj:site_settings"


# -- SettingsProxy ---------------------------------------------------------------------------


def test_proxy_attribute_and_item_access() -> None:
    proxy = SettingsProxy({"site_name": "Codex", "flag": False})
    assert proxy.site_name == "Codex"
    assert proxy["site_name"] == "Codex"
    assert proxy.missing == ""
    assert proxy["missing"] == ""
    assert proxy.get("missing") is None
    assert proxy.get("missing", 3) == 3
    assert proxy.get("flag") is False
    assert "site_name" in proxy
    assert "missing" not in proxy
    assert list(proxy) == ["site_name", "flag"]
    assert len(proxy) == 2
    assert bool(proxy) is True
    assert bool(SettingsProxy()) is False
    assert repr(proxy) == "SettingsProxy({'site_name': 'Codex', 'flag': False})"


def test_proxy_private_and_dunder_names_raise() -> None:
    proxy = SettingsProxy({"_private": 1})
    with pytest.raises(AttributeError, match="_private"):
        proxy._private  # noqa: B018
    with pytest.raises(AttributeError, match="__html__"):
        proxy.__html__  # noqa: B018
    assert not hasattr(proxy, "__html__")


def test_proxy_is_escaped_like_any_object() -> None:
    proxy = SettingsProxy({"a": "<b>"})
    escaped = conditional_escape(proxy)
    assert isinstance(escaped, SafeString)
    assert escaped == "SettingsProxy({&#x27;a&#x27;: &#x27;&lt;b&gt;&#x27;})"


def test_proxy_copies_and_pickles() -> None:
    proxy = SettingsProxy({"tags": ["a"]})
    shallow = copy.copy(proxy)
    deep = copy.deepcopy(proxy)
    unpickled = pickle.loads(pickle.dumps(proxy))  # noqa: S301
    assert shallow == deep == unpickled == proxy
    assert shallow.tags is proxy.tags
    assert deep.tags is not proxy.tags
    as_dict = proxy.as_dict()
    as_dict["tags"] = []
    assert proxy.tags == ["a"]


def test_proxy_equality_and_hashing() -> None:
    assert SettingsProxy({"a": 1}) == SettingsProxy({"a": 1})
    assert SettingsProxy({"a": 1}) != SettingsProxy({"a": 2})
    assert SettingsProxy({"a": 1}) != {"a": 1}
    with pytest.raises(TypeError, match="unhashable"):
        hash(SettingsProxy())


def test_proxy_in_a_template() -> None:
    proxy = SettingsProxy({"site_name": "Codex & Co", "html": "<b>", "show": True, "hidden": False})
    template = Template(
        "{{ s.site_name }}|{{ s.html }}|{{ s.missing }}|"
        "{% if s.show %}shown{% endif %}{% if s.hidden %}hidden{% endif %}|"
        "{% for name in s %}{{ name }},{% endfor %}|{{ s }}"
    )
    assert template.render(Context({"s": proxy})) == (
        "Codex &amp; Co|&lt;b&gt;||shown|site_name,html,show,hidden,|"
        "SettingsProxy({&#x27;site_name&#x27;: &#x27;Codex &amp; Co&#x27;, &#x27;html&#x27;: "
        "&#x27;&lt;b&gt;&#x27;, &#x27;show&#x27;: True, &#x27;hidden&#x27;: False})"
    )


# -- typed values ------------------------------------------------------------------------------

TYPED = {
    "site_name": "Codex",
    "opened": datetime.date(2026, 1, 2),
    "updated": datetime.datetime(2026, 1, 2, 9, 30, 15, 250000, tzinfo=datetime.UTC),
    "opens_at": datetime.time(9, 30),
    "price": Decimal("12.50"),
    "uid": uuid.UUID("12345678-1234-5678-1234-567812345678"),
    "slot": datetime.timedelta(minutes=45),
}


@pytest.fixture
def typed_row(transactional_db: None) -> Any:
    from tests.core.support_models.models import TypedSettings

    row = TypedSettings.objects.create(**TYPED)
    return TypedSettings, row


def test_dates_decimals_and_uuids_come_back_as_their_field_type(mode: str, typed_row: Any) -> None:
    model, row = typed_row
    miss = call(mode, manager(), "load_cached", model)
    hit = call(mode, manager(), "load_cached", model)
    assert miss == hit == {"id": row.pk, **TYPED}
    assert {name: type(value) for name, value in hit.items()} == {
        "id": int,
        "site_name": str,
        "opened": datetime.date,
        "updated": datetime.datetime,
        "opens_at": datetime.time,
        "price": Decimal,
        "uid": uuid.UUID,
        "slot": datetime.timedelta,
    }


def test_typed_values_render_with_template_filters(typed_row: Any) -> None:
    model, _row = typed_row
    manager().load_cached(model)
    site = SettingsProxy(manager().load_cached(model))  # a hit
    rendered = Template('{{ site.opened|date:"d.m.Y" }} {{ site.price|floatformat:1 }}').render(
        Context({"site": site})
    )
    assert rendered == "02.01.2026 12.5"


@pytest.mark.parametrize(("field", "value"), [("opened", "not a date"), ("price", "12,5"), ("uid", "x")])
def test_typed_value_that_does_not_parse_is_a_logged_miss(
    typed_row: Any, redis_client: redis.Redis, codex_log: pytest.LogCaptureFixture, field: str, value: str
) -> None:
    model, row = typed_row
    manager().load_cached(model)
    redis_client.hset(manager().key, field, json.dumps(value))
    assert manager().load_cached(model) == {"id": row.pk, **TYPED}
    assert "Discarding corrupt site settings cache entry" in codex_log.text


def test_settings_hash_has_a_ttl(mode: str, fake: type[FakeSettings], redis_client: redis.Redis) -> None:
    with override_settings(CODEX_SITE_SETTINGS_CACHE_TIMEOUT=90):
        call(mode, manager(), "load_cached", fake)
        assert 0 < redis_client.ttl(manager().key) <= 90
        call(mode, manager(), "save_instance", fake(dict(ROW)))
        assert 0 < redis_client.ttl(manager().key) <= 90


@pytest.mark.parametrize("value", [0, -1, 1.5, "60", None])
def test_settings_ttl_is_checked(value: object) -> None:
    from django.core.checks import Error

    from codex_core import checks

    with override_settings(CODEX_SITE_SETTINGS_CACHE_TIMEOUT=value):
        assert checks.check_numeric_settings() == [
            Error(
                f"CODEX_SITE_SETTINGS_CACHE_TIMEOUT must be a positive integer, got {value!r}.",
                hint="Remove CODEX_SITE_SETTINGS_CACHE_TIMEOUT to use the default (3600).",
                id="codex_core.E007",
            )
        ]
