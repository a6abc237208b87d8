"""Properties of Redis key building beyond tests/core/test_keys.py: prefixes, splitting, managers."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from codex_core.redis.keys import build_key, build_tagged_key, unescape_part
from codex_core.redis.managers.booking import BookingCacheManager
from codex_core.redis.managers.seo import SeoRedisManager

parts = st.lists(st.text(), min_size=1, max_size=4)
#: Characters with a meaning in KEYS/SCAN patterns or in the key syntax.
GLOB = set("*?[]\\")


@given(parts)
def test_key_splits_back_into_its_parts(components: list[str]) -> None:
    key = build_key(*components)
    assert [unescape_part(p) for p in key.split(":")] == components
    assert not GLOB & set(key)


@given(parts, parts)
def test_a_key_lies_under_another_key_prefix_only_when_its_parts_extend_it(
    a: list[str], b: list[str]
) -> None:
    """``SCAN MATCH <key(a)>:*`` can only ever find keys built from ``a`` plus more parts."""
    if build_key(*b).startswith(build_key(*a) + ":"):
        assert b[: len(a)] == a
        assert len(b) > len(a)


@given(st.text(), st.text(), st.text(), st.text(min_size=1))  # "" means "the active language"
def test_seo_keys_of_distinct_projects_pages_and_languages_never_collide(
    project_a: str, project_b: str, page: str, language: str
) -> None:
    a = SeoRedisManager(url="redis://127.0.0.1:1/0", project_name=project_a)
    b = SeoRedisManager(url="redis://127.0.0.1:1/0", project_name=project_b)
    if project_a != project_b and project_a and project_b:
        assert a.page_cache_key(page, language) != b.page_cache_key(page, language)
    assert a.page_cache_key(page, language) != a.page_cache_key(page + ":", language)
    assert a.page_cache_key(page, language) == build_tagged_key(a.make_key(language), page)


@given(st.one_of(st.integers(), st.text()), st.text(), st.one_of(st.integers(), st.text()), st.text())
def test_busy_keys_are_injective_in_master_and_date(
    master_a: int | str, day_a: str, master_b: int | str, day_b: str
) -> None:
    manager = BookingCacheManager(url="redis://127.0.0.1:1/0", project_name="p")
    if (str(master_a), day_a) != (str(master_b), day_b):
        assert manager.busy_key(master_a, day_a) != manager.busy_key(master_b, day_b)
