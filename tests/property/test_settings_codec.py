"""Site settings written to the real Redis hash and read back: every field type round-trips."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from typing import Any, ClassVar

import redis
from django.core.serializers.json import DjangoJSONEncoder
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from codex_core.redis.managers.settings import DjangoSiteSettingsManager

JSON_NATIVE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(),
)
JSON_VALUES = st.recursive(
    JSON_NATIVE,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=8,
)
#: Values Django model fields hold that JSON has no type for; they come back as DjangoJSONEncoder writes them.
DJANGO_VALUES = st.one_of(
    st.decimals(allow_nan=False, allow_infinity=False),
    st.dates(),
    st.datetimes(timezones=st.just(dt.UTC)),
    st.times(),
    st.uuids(),
    st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=999)),
)
FIELD_NAMES = st.text(min_size=1).filter(lambda name: name != "api_key")
NO_HEALTH = settings(
    max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None
)


class FakeSettings:
    """A settings "model" whose data is whatever the test needs (cache hits never touch it)."""

    secret_fields: ClassVar[tuple[str, ...]] = ("api_key",)

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data

    def to_dict(self) -> dict[str, Any]:
        return self.data


def as_django_json(value: Any) -> Any:
    encoded = DjangoJSONEncoder().default(value)
    assert isinstance(encoded, str)
    return encoded


def store_and_load(data: dict[str, Any]) -> dict[str, Any]:
    manager = DjangoSiteSettingsManager()
    manager.save_instance(FakeSettings(data))  # type: ignore[arg-type]
    return manager.load_cached(FakeSettings)  # type: ignore[arg-type]


@NO_HEALTH
@given(st.dictionaries(FIELD_NAMES, JSON_VALUES, min_size=1, max_size=6))
def test_json_typed_values_round_trip_exactly(redis_client: redis.Redis, data: dict[str, Any]) -> None:
    assert store_and_load(data) == data
    assert redis_client.hlen("codex_demo:site_settings") == len(data)


@NO_HEALTH
@given(st.dictionaries(FIELD_NAMES, DJANGO_VALUES, min_size=1, max_size=6))
def test_django_typed_values_come_back_as_their_json_form(
    redis_client: redis.Redis, data: dict[str, Any]
) -> None:
    assert store_and_load(data) == {name: as_django_json(value) for name, value in data.items()}


@NO_HEALTH
@given(st.dictionaries(FIELD_NAMES, JSON_VALUES, max_size=4), JSON_VALUES)
def test_secret_fields_never_reach_redis(
    redis_client: redis.Redis, data: dict[str, Any], secret: Any
) -> None:
    loaded = store_and_load({**data, "api_key": secret}) if data else {}
    assert "api_key" not in loaded
    assert "api_key" not in redis_client.hkeys("codex_demo:site_settings")


def test_examples_of_each_model_field_type() -> None:
    data = {
        "char": "Codex <Demo> ü",
        "int": 7,
        "bool": False,
        "none": None,
        "float": 1.5,
        "decimal": decimal.Decimal("10.50"),
        "date": dt.date(2030, 5, 6),
        "datetime": dt.datetime(2030, 5, 6, 9, 30, tzinfo=dt.UTC),
        "time": dt.time(9, 30),
        "uuid": uuid.UUID("12345678-1234-5678-1234-567812345678"),
        "json": {"a": [1, "b", None]},
    }
    assert store_and_load(data) == {
        **data,
        "decimal": "10.50",
        "date": "2030-05-06",
        "datetime": "2030-05-06T09:30:00Z",
        "time": "09:30:00",
        "uuid": "12345678-1234-5678-1234-567812345678",
    }
