"""Real commits and rollbacks (no captured callbacks): when the handlers run, and how often."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from django.db import transaction

from codex_core.invalidation import register_handler, registry
from features.pages.models import StaticPageSeo
from tests.core.invalidation_cases import CASES, MOVABLE, SEO, Case

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(params=CASES, ids=str)
def case(request: pytest.FixtureRequest) -> Case:
    return request.param  # type: ignore[no-any-return]


@pytest.fixture(params=MOVABLE, ids=str)
def movable(request: pytest.FixtureRequest) -> Case:
    return request.param  # type: ignore[no-any-return]


@pytest.fixture
def seo_calls() -> Iterator[list[str]]:
    """A second handler of the ``seo`` kind (one line to add), recording its calls."""
    calls: list[str] = []
    register_handler("seo", calls.append)
    yield calls
    registry.unhandle("seo", calls.append)


def _edit(case: Case, row: object) -> None:
    for name, value in case.edit.items():
        setattr(row, name, value)
    row.save()  # type: ignore[attr-defined]


def test_commit_drops_after_and_rollback_drops_nothing(case: Case) -> None:
    row = case.make()
    case.fill(row)
    locator = case.locator(row)
    with pytest.raises(RuntimeError), transaction.atomic():  # noqa: PT012
        _edit(case, row)
        case.model._default_manager.filter(pk=row.pk).update(**case.edit)
        raise RuntimeError("roll back")
    assert case.cached(locator)
    with transaction.atomic():
        case.model._default_manager.filter(pk=row.pk).update(**case.edit)
        assert case.cached(locator)  # committed only at the end of the block
    assert not case.cached(locator)


def test_autocommit_drops_at_once(case: Case) -> None:
    row = case.make()
    case.fill(row)
    case.model._default_manager.filter(pk=row.pk).update(**case.edit)
    assert not case.cached(case.locator(row))


def test_rolled_back_savepoint_inside_a_committed_transaction(movable: Case) -> None:
    """The outer write drops its entry; the move in the rolled-back savepoint drops nothing."""
    case = movable
    row = case.make()
    case.fill(row)
    old = case.locator(row)
    with transaction.atomic():
        with pytest.raises(RuntimeError), transaction.atomic():  # noqa: PT012
            assert case.move is not None
            case.move(row)
            moved = case.locator(row)
            case.seed(moved)
            row.save()
            raise RuntimeError("roll back the savepoint")
        fresh = case.model._default_manager.get(pk=row.pk)
        _edit(case, fresh)
    assert not case.cached(old)
    assert case.cached(moved)


def test_a_savepoint_rolled_back_before_the_first_write_loses_no_later_target(case: Case) -> None:
    row = case.make()
    case.fill(row)
    with transaction.atomic():
        with pytest.raises(RuntimeError), transaction.atomic():  # noqa: PT012
            case.model._default_manager.filter(pk=row.pk).update(**case.edit)
            raise RuntimeError("roll back the savepoint")
        case.model._default_manager.filter(pk=row.pk).update(**case.edit)
    assert not case.cached(case.locator(row))


def test_each_target_is_dropped_once_per_transaction(seo_calls: list[str]) -> None:
    row = SEO.make()
    other = StaticPageSeo.objects.create(page_key="about")
    seo_calls.clear()
    with transaction.atomic():
        for n in range(3):
            row.seo_title_en = f"Edit {n}"
            row.save()
        StaticPageSeo.objects.update(seo_title_en="Bulk")
        StaticPageSeo.objects.bulk_update([row, other], ["seo_title_en"])
        assert seo_calls == []
    assert sorted(seo_calls) == ["about", "home"]

    with transaction.atomic():
        row.save()
    assert sorted(seo_calls) == ["about", "home", "home"]  # a new transaction, a new drop


def test_a_failing_handler_does_not_stop_the_others(
    seo_calls: list[str], caplog: pytest.LogCaptureFixture
) -> None:
    def broken(page_key: str) -> None:
        raise RuntimeError(f"cannot drop {page_key}")

    register_handler("seo", broken)
    try:
        row = SEO.make()
        SEO.fill(row)
        seo_calls.clear()
        with transaction.atomic():
            StaticPageSeo.objects.update(seo_title_en="Edited")
    finally:
        registry.unhandle("seo", broken)
    assert seo_calls == ["home"]
    assert not SEO.cached("home")  # the built-in handler ran although the broken one raised
    assert "Invalidation handler" in caplog.text
    assert "cannot drop home" in caplog.text


def test_async_queryset_writes_invalidate(case: Case) -> None:
    """``aupdate()``, ``abulk_update()`` and ``adelete()`` run the sync methods in a thread."""
    row = case.make()
    manager = case.model._default_manager

    async def write(step: str) -> None:
        if step == "aupdate":
            await manager.filter(pk=row.pk).aupdate(**case.edit)
        elif step == "abulk_update":
            await manager.abulk_update([row], list(case.edit))
        else:
            await manager.filter(pk=row.pk).adelete()

    for step in ("aupdate", "abulk_update", "adelete"):
        case.fill(row)
        assert case.cached(case.locator(row))
        asyncio.run(write(step))
        assert not case.cached(case.locator(row)), step
