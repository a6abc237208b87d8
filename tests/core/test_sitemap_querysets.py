"""BaseSitemap over a queryset: same XML as over a list, one page of rows loaded per page."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.contrib.sitemaps import Sitemap
from django.test import override_settings
from django.utils import timezone
from django.utils.translation import get_language

from codex_core.sitemaps import BaseSitemap, LazyI18nItems
from tests.core.support_models.models import Entry

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.core.support_i18n.urls")]


class EntrySitemap(BaseSitemap):
    limit = 3  # 4 languages per entry: pages split entries in the middle

    def items(self) -> Any:
        return Entry.objects.filter(is_deleted=False).order_by("order", "pk")

    def location(self, item: Any) -> str:
        return f"/{get_language()}/entries/{item.slug}/"


class ListEntrySitemap(EntrySitemap):
    def items(self) -> Any:
        return list(super().items())


class PerItemLanguages(EntrySitemap):
    def get_languages_for_item(self, item: Any) -> list[str]:
        return ["en"] if item.slug == "e1" else ["en", "de", "ru"]


@pytest.fixture
def entries() -> list[Entry]:
    rows = [Entry.objects.create(title=f"E{i}", slug=f"e{i}", order=i) for i in range(5)]
    Entry.objects.create(title="gone", slug="gone", is_deleted=True)
    return rows


def urls(sitemap: Sitemap[Any], page: int) -> list[tuple[str, list[tuple[str, str]]]]:
    return [
        (u["location"], [(a["lang_code"], a["location"]) for a in u["alternates"]])
        for u in sitemap.get_urls(page=page)
    ]


@override_settings(CANONICAL_DOMAIN="example.com", CODEX_CANONICAL_SCHEME="https")
def test_pages_equal_the_list_based_sitemap(entries: list[Entry], django_assert_num_queries: Any) -> None:
    lazy, eager = EntrySitemap(), ListEntrySitemap()
    assert lazy.paginator.num_pages == eager.paginator.num_pages == 7  # 20 entries, 3 a page
    for page in range(1, 8):
        assert urls(lazy, page) == urls(eager, page)
    with django_assert_num_queries(2):  # COUNT, then the rows of page 2 only
        page_two = urls(EntrySitemap(), 2)
    assert [loc for loc, _ in page_two] == [
        "https://example.com/ar/entries/e0/",
        "https://example.com/en/entries/e1/",
        "https://example.com/de/entries/e1/",
    ]


def test_latest_lastmod_is_one_aggregate(entries: list[Entry], django_assert_num_queries: Any) -> None:
    newest = timezone.now() + timedelta(days=3)
    Entry.objects.filter(pk=entries[2].pk).update(updated_at=newest)
    with django_assert_num_queries(1):
        assert EntrySitemap().get_latest_lastmod() == newest
    assert ListEntrySitemap().get_latest_lastmod() == newest


@override_settings(CANONICAL_DOMAIN="example.com")
def test_per_item_languages_keep_django_behaviour(entries: list[Entry]) -> None:
    sitemap = PerItemLanguages()
    assert not isinstance(sitemap._items(), LazyI18nItems)
    assert sitemap.paginator.count == 13


def test_lazy_items_index_like_a_list(entries: list[Entry]) -> None:
    lazy = LazyI18nItems(Entry.objects.filter(is_deleted=False).order_by("pk"), ["en", "de"])
    eager = [
        (e, lang) for e in Entry.objects.filter(is_deleted=False).order_by("pk") for lang in ("en", "de")
    ]
    assert len(lazy) == len(eager) == 10
    assert lazy[3] == eager[3]
    assert lazy[-1] == eager[-1]
    assert lazy[1:6] == eager[1:6]
    assert lazy[::3] == eager[::3]
    assert lazy[7:2] == []
    with pytest.raises(IndexError):
        lazy[10]
    with pytest.raises(IndexError):
        lazy[-11]


def test_unordered_querysets_are_paged_by_primary_key(entries: list[Entry]) -> None:
    class Unordered(EntrySitemap):
        def items(self) -> Any:
            return Entry.objects.filter(is_deleted=False).order_by()

    items = Unordered()._items()
    assert isinstance(items, LazyI18nItems)
    assert [obj.slug for obj, _lang in items[0:8:4]] == ["e0", "e1"]
