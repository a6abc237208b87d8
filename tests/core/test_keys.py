from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from codex_core.redis.keys import build_key, escape_part, unescape_part

GLOB_AND_SEPARATORS = set(":*?[] \n\r\t\\")


@given(st.lists(st.text(), min_size=1, max_size=5), st.lists(st.text(), min_size=1, max_size=5))
def test_build_key_is_injective(a: list[str], b: list[str]) -> None:
    if a != b:
        assert build_key(*a) != build_key(*b)


@given(st.text())
def test_escaped_part_is_safe_and_round_trips(part: str) -> None:
    escaped = escape_part(part)
    assert not GLOB_AND_SEPARATORS & set(escaped)
    assert escaped.isascii()
    assert unescape_part(escaped) == part


def test_build_key_examples() -> None:
    assert build_key("seo", "en", "home") == "seo:en:home"
    assert build_key("a:b") == "a%3Ab"
    assert build_key("") == "~"
    assert build_key("~") == "%7E"


def test_build_key_rejects_nothing_and_non_strings() -> None:
    with pytest.raises(ValueError, match="at least one component"):
        build_key()
    with pytest.raises(TypeError, match="must be str, got int: 5"):
        build_key(5)  # type: ignore[arg-type]
