"""The registry itself: registering a model or a handler, soft delete and restore, the W010 check."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.apps import apps
from django.core import checks
from django.db import connection
from django.test.utils import CaptureQueriesContext

from codex_core.checks import check_invalidating_managers
from codex_core.invalidation import invalidate_now, register_model, registry, unregister_model
from codex_core.redis.managers.notifications import get_notifications_cache_manager
from features.booking.models import Appointment
from features.booking.selectors import busy_intervals_get
from tests.core.invalidation_cases import APPOINTMENT
from tests.core.support_models.models import Entry, Stamped
from tests.features.factories_booking import at, make_appointment, make_master, tomorrow

pytestmark = pytest.mark.django_db


def entry_targets(row: Any) -> list[tuple[str, str]]:
    return [("notifications", f"entry:{row.slug}")]


@pytest.fixture
def registered_entry() -> Iterator[type[Entry]]:
    """``Entry`` (a soft-delete model) registered, its rows cached as ``entry:<slug>``."""
    register_model(Entry, targets=entry_targets, fields=("slug",))
    yield Entry
    unregister_model(Entry)


def cache(slug: str) -> None:
    get_notifications_cache_manager().set(f"entry:{slug}", "cached")


def cached(slug: str) -> bool:
    return get_notifications_cache_manager().get(f"entry:{slug}") is not None


@pytest.mark.parametrize("path", ["instance", "queryset"])
def test_soft_delete_and_restore_go_through_the_registry(
    registered_entry: type[Entry], path: str, django_capture_on_commit_callbacks
) -> None:
    row = Entry.objects.create(title="Entry", slug="entry")
    for action in ("soft_delete", "restore"):
        cache("entry")
        with django_capture_on_commit_callbacks(execute=True):
            target = row if path == "instance" else Entry.objects.filter(pk=row.pk)
            getattr(target, action)()
            assert cached("entry")
        assert not cached("entry"), action
    assert Entry.objects.get(pk=row.pk).is_deleted is False


def test_unregistered_models_write_as_plain_django(django_capture_on_commit_callbacks) -> None:
    row = Entry.objects.create(title="Entry", slug="entry")
    with django_capture_on_commit_callbacks() as callbacks, CaptureQueriesContext(connection) as queries:
        assert Entry.objects.filter(pk=row.pk).soft_delete() == 1
    assert len(queries) == 1  # the UPDATE alone: no read of the rows first
    assert callbacks == []


def test_an_update_larger_than_one_batch(
    registered_entry: type[Entry], django_capture_on_commit_callbacks
) -> None:
    count = connection.ops.bulk_batch_size(["pk"], list(range(5000))) + 5
    if count > 5000:  # the backend takes any number of parameters: one batch is the whole update
        count = 50
    Entry.objects.bulk_create(Entry(title=f"e{n}", slug=f"e{n}") for n in range(count))
    for slug in ("e0", f"e{count - 1}"):
        cache(slug)
    with django_capture_on_commit_callbacks(execute=True):
        assert Entry.objects.update(title="Same") == count
    assert not cached("e0")
    assert not cached(f"e{count - 1}")


def test_save_of_fields_that_cannot_move_the_row_skips_the_stored_read(
    django_capture_on_commit_callbacks,
) -> None:
    appointment = make_appointment(make_master(), at(tomorrow(), 10))
    appointment.status = Appointment.Status.CONFIRMED
    with CaptureQueriesContext(connection) as queries:
        appointment.save(update_fields=["status"])
    assert [q["sql"].split()[0] for q in queries] == ["UPDATE"]
    with CaptureQueriesContext(connection) as queries:
        appointment.save(update_fields=["master_id", "start"])  # attnames count as the fields
    assert [q["sql"].split()[0] for q in queries] == ["SELECT", "UPDATE"]


def test_registration_knows_which_fields_move_a_row() -> None:
    registration = registry.registration(Appointment)
    assert registration is not None
    assert registration.touches(["master_id"])
    assert registration.touches(["end"])
    assert not registration.touches(["client_name", "status"])
    assert registry.registration(Stamped) is None
    assert Appointment in registry.models()


def test_handlers_are_registered_once_and_unknown_kinds_are_logged(caplog: pytest.LogCaptureFixture) -> None:
    calls: list[tuple[object, ...]] = []

    def record(*args: object) -> None:
        calls.append(args)

    registry.handle("test-kind", record)
    registry.handle("test-kind", record)
    try:
        invalidate_now([("test-kind", 1, "a"), ("test-kind", 1, "a"), ("no-such-kind", 2)])
    finally:
        registry.unhandle("test-kind", record)
        registry.unhandle("test-kind", record)  # a second unhandle is harmless
    assert calls == [(1, "a")]
    assert "No invalidation handler for target kind 'no-such-kind'" in caplog.text
    assert registry.handlers("test-kind") == []


def test_check_warns_when_a_registered_model_bypasses_the_registry() -> None:
    register_model(Stamped, targets=lambda row: [("notifications", "stamped")])
    try:
        warnings = check_invalidating_managers()
        app_warnings = check_invalidating_managers(app_configs=[apps.get_app_config("codex_test_models")])
        other_apps = check_invalidating_managers(app_configs=[apps.get_app_config("booking")])
    finally:
        unregister_model(Stamped)
    assert [(w.id, w.level, w.obj) for w in warnings] == [("codex_core.W010", checks.WARNING, Stamped)]
    assert warnings[0].msg == (
        "codex_test_models.Stamped.objects returns a QuerySet, which does not derive from "
        "InvalidatingQuerySet: its update(), bulk_update() and bulk_create() leave the cache stale."
    )
    assert "InvalidatingQuerySet.as_manager()" in str(warnings[0].hint)
    assert app_warnings == warnings
    assert other_apps == []
    assert check_invalidating_managers() == []


def test_receivers_of_a_model_removed_from_the_registry_schedule_nothing(
    registered_entry: type[Entry], django_capture_on_commit_callbacks
) -> None:
    registry.remove(Entry)  # the signals stay connected until unregister_model()
    with django_capture_on_commit_callbacks() as callbacks:
        row = Entry.objects.create(title="Entry", slug="entry")
        row.delete()
    assert callbacks == []


def test_hooks_name_their_database_and_targets(
    registered_entry: type[Entry], django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks() as callbacks:
        Entry.objects.create(title="Entry", slug="entry")
    assert [repr(hook) for hook in callbacks] == [
        "<invalidate on commit of 'default': [('notifications', 'entry:entry')]>"
    ]


def test_an_upsert_of_fields_that_cannot_move_a_row_reads_nothing_first(
    registered_entry: type[Entry], django_capture_on_commit_callbacks
) -> None:
    row = Entry.objects.create(title="Entry", slug="entry")
    cache("entry")
    row.title = "Upserted"
    with django_capture_on_commit_callbacks(execute=True), CaptureQueriesContext(connection) as queries:
        Entry.objects.bulk_create([row], update_conflicts=True, unique_fields=["pk"], update_fields=["title"])
    assert [q["sql"].split()[0] for q in queries if q["sql"].split()[0] in {"SELECT", "INSERT"}] == ["INSERT"]
    assert not cached("entry")
    assert Entry.objects.get(pk=row.pk).title == "Upserted"


def test_a_cascade_delete_drops_the_targets_of_the_rows_it_takes_along(
    django_capture_on_commit_callbacks,
) -> None:
    master = make_master()
    appointment = make_appointment(master, at(tomorrow(), 10))
    busy_intervals_get(master, tomorrow())
    locator = (master.pk, tomorrow().isoformat())
    assert APPOINTMENT.cached(locator)
    with django_capture_on_commit_callbacks(execute=True):
        master.delete()  # Master is not registered; its appointments go with it
    assert not Appointment.objects.filter(pk=appointment.pk).exists()
    assert not APPOINTMENT.cached(locator)


class EntryProxy(Entry):
    class Meta:
        proxy = True
        app_label = "codex_test_models"


def test_writes_through_a_proxy_model_invalidate(
    registered_entry: type[Entry], django_capture_on_commit_callbacks
) -> None:
    row = EntryProxy.objects.create(title="Entry", slug="entry")
    cache("entry")
    with django_capture_on_commit_callbacks(execute=True):
        row.slug = "moved"
        cache("moved")
        row.save()
        assert cached("entry")
    assert not cached("entry")
    assert not cached("moved")
    cache("moved")
    with django_capture_on_commit_callbacks(execute=True):
        EntryProxy.objects.filter(pk=row.pk).update(title="Updated")
    assert not cached("moved")


def test_an_appointment_targets_every_day_it_overlaps() -> None:
    from features.booking.apps import busy_targets

    day = tomorrow()
    next_day = day + timedelta(days=1)
    overnight = Appointment(master_id=7, start=at(day, 23), end=at(next_day, 1))
    until_midnight = Appointment(master_id=7, start=at(day, 23), end=at(next_day, 0))
    assert busy_targets(overnight) == [("busy", 7, day.isoformat()), ("busy", 7, next_day.isoformat())]
    assert busy_targets(until_midnight) == [("busy", 7, day.isoformat())]
