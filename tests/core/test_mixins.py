"""Abstract model mixins, exercised through concrete test models on the real database."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from codex_core.mixins.models import SoftDeleteQuerySet, set_deleted
from tests.core.support_models.models import Entry, Stamped, Token

pytestmark = pytest.mark.django_db


def make_entry(title: str, **fields: object) -> Entry:
    return Entry.objects.create(title=title, slug=fields.pop("slug", title.lower()), **fields)


def test_timestamps_are_set_on_insert_and_update() -> None:
    before = timezone.now()
    row = Stamped.objects.create(name="a")
    assert before <= row.created_at <= row.updated_at <= timezone.now()
    created = row.created_at
    Stamped.objects.filter(pk=row.pk).update(updated_at=created - timedelta(days=1))
    row.refresh_from_db()
    row.name = "b"
    row.save()
    row.refresh_from_db()
    assert row.created_at == created
    assert row.updated_at > created


def test_active_flag_defaults_to_true_and_is_indexed() -> None:
    assert Stamped.objects.create(name="a").is_active is True
    field = Stamped._meta.get_field("is_active")
    assert field.db_index
    assert str(field.verbose_name) == "active"


def test_orderable_models_sort_by_order() -> None:
    for order, title in [(2, "c"), (0, "a"), (1, "b")]:
        make_entry(title, order=order)
    assert [e.title for e in Entry.objects.all()] == ["a", "b", "c"]
    assert Entry._meta.ordering == ["order"]
    assert Entry._meta.get_field("order").db_index


def test_seo_fields_are_optional_texts() -> None:
    entry = Entry(title="t", slug="t")
    entry.full_clean()
    assert (entry.seo_title, entry.seo_description, entry.seo_image) == ("", "", "")
    assert Entry._meta.get_field("seo_image").max_length == 500


def test_soft_delete_keeps_the_row_and_restore_undoes_it() -> None:
    kept, gone = make_entry("kept"), make_entry("gone")
    stamp = gone.updated_at
    gone.title = "unsaved edit"
    gone.soft_delete()
    gone.refresh_from_db()
    assert gone.is_deleted
    assert gone.title == "gone"  # only the flag (and updated_at) were written
    assert gone.updated_at > stamp

    assert set(Entry.objects.all()) == {kept, gone}
    assert list(Entry.objects.alive()) == [kept]
    assert list(Entry.objects.deleted()) == [gone]
    assert list(Entry.alive_objects.all()) == [kept]
    assert list(Entry.alive_objects.filter(title="gone")) == []

    gone.restore()
    gone.refresh_from_db()
    assert not gone.is_deleted
    assert set(Entry.alive_objects.all()) == {kept, gone}


def test_queryset_soft_delete_and_restore_touch_updated_at() -> None:
    long_ago = timezone.now() - timedelta(days=30)
    first, second, untouched = make_entry("first"), make_entry("second"), make_entry("untouched")
    Entry.objects.update(updated_at=long_ago)
    assert Entry.objects.exclude(pk=untouched.pk).soft_delete() == 2
    assert list(Entry.objects.deleted().order_by("pk")) == [first, second]
    assert all(row.updated_at > long_ago for row in Entry.objects.deleted())
    assert Entry.objects.get(pk=untouched.pk).updated_at == long_ago

    Entry.objects.update(updated_at=long_ago)
    assert Entry.objects.filter(pk=first.pk).restore() == 1
    restored = Entry.objects.get(pk=first.pk)
    assert (restored.is_deleted, restored.updated_at > long_ago) == (False, True)
    assert Entry.objects.get(pk=second.pk).updated_at == long_ago


def test_set_deleted_works_on_a_plain_queryset() -> None:
    from django.db.models import QuerySet

    row = make_entry("plain")
    assert set_deleted(QuerySet(Entry).filter(pk=row.pk), True) == 1
    assert Entry.objects.get(pk=row.pk).is_deleted


def test_default_manager_keeps_deleted_rows() -> None:
    assert Entry._default_manager.name == "objects"
    assert isinstance(Entry.objects.all(), SoftDeleteQuerySet)
    assert isinstance(Entry.alive_objects.all(), SoftDeleteQuerySet)
    assert str(Entry.alive_objects.all().query) == str(Entry.objects.alive().query)


def test_uuid_primary_key() -> None:
    first, second = Token.objects.create(label="a"), Token.objects.create(label="b")
    assert isinstance(first.pk, uuid.UUID)
    assert first.pk.version == 4
    assert first.pk != second.pk
    assert Token.objects.get(pk=str(first.pk)) == first
    assert not Token._meta.get_field("id").editable


def test_slug_allows_unicode_blank_and_is_unique() -> None:
    entry = Entry(title="Über uns", slug="über-uns")
    entry.full_clean()
    entry.save()
    blank = Entry(title="No slug yet", slug="")
    blank.full_clean()  # blank=True: a hook or the admin fills it in
    with pytest.raises(ValidationError) as excinfo:
        Entry(title="dupe", slug="über-uns").full_clean()
    assert list(excinfo.value.message_dict) == ["slug"]
    with pytest.raises(IntegrityError), transaction.atomic():
        Entry.objects.create(title="dupe", slug="über-uns")
    assert Entry._meta.get_field("slug").max_length == 255
