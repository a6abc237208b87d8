"""Every write path for every registered model: the cached entry stays until commit, then is gone.

Each case reads its entries through the feature's own selector (real Redis, real DB), so a
target that names the wrong key fails here. Rollbacks (of a savepoint here; of a whole
transaction in ``test_invalidation_commit.py``) drop nothing.
"""

from __future__ import annotations

from collections.abc import Hashable

import pytest
from django.db import models, transaction

from codex_core.invalidation import InvalidatingQuerySet
from tests.core.invalidation_cases import CASES, MOVABLE, Case

pytestmark = pytest.mark.django_db


@pytest.fixture(params=CASES, ids=str)
def case(request: pytest.FixtureRequest) -> Case:
    return request.param  # type: ignore[no-any-return]


@pytest.fixture(params=MOVABLE, ids=str)
def movable(request: pytest.FixtureRequest) -> Case:
    return request.param  # type: ignore[no-any-return]


def _filled(case: Case) -> tuple[models.Model, Hashable]:
    row = case.make()
    case.fill(row)
    locator = case.locator(row)
    assert case.cached(locator)
    return row, locator


def _moved_locator(case: Case, row: models.Model) -> Hashable:
    row.refresh_from_db()
    return case.locator(row)


def test_save(case: Case, django_capture_on_commit_callbacks) -> None:
    row, locator = _filled(case)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        for name, value in case.edit.items():
            setattr(row, name, value)
        row.save()
        assert case.cached(locator)  # not before the commit
    assert len(callbacks) == 1
    assert not case.cached(locator)


def test_save_with_update_fields_of_other_fields(case: Case, django_capture_on_commit_callbacks) -> None:
    row, locator = _filled(case)
    with django_capture_on_commit_callbacks(execute=True):
        for name, value in case.edit.items():
            setattr(row, name, value)
        row.save(update_fields=list(case.edit))
        assert case.cached(locator)
    assert not case.cached(locator)


def test_create_drops_a_cached_entry_of_the_new_row(case: Case, django_capture_on_commit_callbacks) -> None:
    row = case.build()
    locator = case.locator(row)
    case.seed(locator)
    with django_capture_on_commit_callbacks(execute=True):
        row.save()
        assert case.cached(locator)
    assert not case.cached(locator)


def test_rename_or_move_drops_the_old_and_the_new_entry(
    movable: Case, django_capture_on_commit_callbacks
) -> None:
    case = movable
    row, old = _filled(case)
    assert case.move is not None
    case.move(row)
    new = case.locator(row)
    case.seed(new)
    with django_capture_on_commit_callbacks(execute=True):
        row.save()
        assert case.cached(old)
        assert case.cached(new)
    assert not case.cached(old)
    assert not case.cached(new)


def test_delete(case: Case, django_capture_on_commit_callbacks) -> None:
    row, locator = _filled(case)
    with django_capture_on_commit_callbacks(execute=True):
        row.delete()
        assert case.cached(locator)
    assert not case.cached(locator)


def test_queryset_update(case: Case, django_capture_on_commit_callbacks) -> None:
    row, locator = _filled(case)
    with django_capture_on_commit_callbacks(execute=True):
        assert case.model._default_manager.filter(pk=row.pk).update(**case.edit) == 1
        assert case.cached(locator)
    assert not case.cached(locator)


def test_queryset_update_of_the_key_with_an_f_expression(
    movable: Case, django_capture_on_commit_callbacks
) -> None:
    case = movable
    row, old = _filled(case)
    assert case.move_expression is not None
    with django_capture_on_commit_callbacks(execute=True):
        assert case.model._default_manager.filter(pk=row.pk).update(**case.move_expression) == 1
        new = _moved_locator(case, row)
        assert new != old
        case.seed(new)  # a reader cached the new key (say, as missing) before the commit
    assert not case.cached(old)
    assert not case.cached(new)


def test_queryset_delete(case: Case, django_capture_on_commit_callbacks) -> None:
    row, locator = _filled(case)
    with django_capture_on_commit_callbacks(execute=True):
        deleted, _ = case.model._default_manager.filter(pk=row.pk).delete()
        assert case.cached(locator)
    assert deleted >= 1
    assert not case.cached(locator)


def test_bulk_create(case: Case, django_capture_on_commit_callbacks) -> None:
    row = case.build()
    locator = case.locator(row)
    case.seed(locator)
    with django_capture_on_commit_callbacks(execute=True):
        case.model._default_manager.bulk_create([row])
        assert case.cached(locator)
    assert not case.cached(locator)


def test_bulk_update(case: Case, django_capture_on_commit_callbacks) -> None:
    row, locator = _filled(case)
    for name, value in case.edit.items():
        setattr(row, name, value)
    with django_capture_on_commit_callbacks(execute=True):
        assert case.model._default_manager.bulk_update([row], list(case.edit)) == 1
        assert case.cached(locator)
    assert not case.cached(locator)


def test_bulk_update_of_the_key(movable: Case, django_capture_on_commit_callbacks) -> None:
    case = movable
    row, old = _filled(case)
    assert case.move is not None
    case.move(row)
    new = case.locator(row)
    case.seed(new)
    fields = [f.name for f in case.model._meta.concrete_fields if not f.primary_key]
    with django_capture_on_commit_callbacks(execute=True):
        case.model._default_manager.bulk_update([row], fields)
        assert case.cached(old)
        assert case.cached(new)
    assert not case.cached(old)
    assert not case.cached(new)


def test_savepoint_rollback_drops_nothing(movable: Case, django_capture_on_commit_callbacks) -> None:
    """A write in a rolled-back savepoint drops nothing; the write beside it still does."""
    case = movable
    row, locator = _filled(case)
    assert case.move is not None
    case.move(row)
    moved = case.locator(row)
    case.seed(moved)
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():  # noqa: PT012
            row.save()
            case.model._default_manager.filter(pk=row.pk).update(**case.edit)
            raise RuntimeError("roll back the savepoint")
        assert case.cached(locator)
        assert case.cached(moved)
    assert case.cached(locator)
    assert case.cached(moved)


def test_writes_that_touch_no_row_schedule_nothing(case: Case, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks() as callbacks:
        assert case.model._default_manager.filter(pk=-1).update(**case.edit) == 0
        assert case.model._default_manager.filter(pk=-1).delete()[0] == 0
        assert case.model._default_manager.bulk_create([]) == []
    assert callbacks == []


def test_registered_managers_use_the_registry_queryset() -> None:
    """modeltranslation patches the managers of translated models; they still invalidate."""
    for case in CASES:
        assert isinstance(case.model._default_manager.all(), InvalidatingQuerySet), case


def test_upsert_drops_the_old_and_the_new_entry(movable: Case, django_capture_on_commit_callbacks) -> None:
    """``bulk_create(update_conflicts=True)`` that moves a stored row drops where it was."""
    case = movable
    row, old = _filled(case)
    assert case.move is not None
    case.move(row)
    new = case.locator(row)
    case.seed(new)
    fields = [f.name for f in case.model._meta.concrete_fields if not f.primary_key]
    with django_capture_on_commit_callbacks(execute=True):
        case.model._default_manager.bulk_create(
            [row], update_conflicts=True, unique_fields=["pk"], update_fields=fields
        )
        assert case.cached(old)
    assert case.locator(case.model._default_manager.get(pk=row.pk)) == new
    assert not case.cached(old)
    assert not case.cached(new)
