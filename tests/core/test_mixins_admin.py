"""Admin fieldsets for the mixins and the soft-delete admin actions, through the real admin."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client, override_settings
from django.utils import timezone

from codex_core.mixins import admin as mixin_admin
from tests.core.support_models.models import Entry

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.urls("tests.core.support_models.urls"),
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),  # WhiteNoise without collectstatic
]

CHANGELIST = "/admin/codex_test_models/entry/"

# The demo's manifest storage needs collectstatic; these tests render admin pages without it.
plain_static = override_settings(
    STORAGES={
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
)


def test_documented_fieldsets() -> None:
    def plain(fieldset: tuple[object, dict[str, object]]) -> tuple[str, dict[str, object]]:
        return str(fieldset[0]), fieldset[1]

    assert plain(mixin_admin.TIMESTAMP_FIELDSET) == (
        "Timestamps",
        {"fields": ("created_at", "updated_at"), "classes": ("collapse",)},
    )
    assert plain(mixin_admin.STATUS_FIELDSET) == ("Status", {"fields": ("is_active",)})
    assert plain(mixin_admin.SEO_FIELDSET) == (
        "SEO Settings",
        {"fields": ("seo_title", "seo_description", "seo_image"), "classes": ("collapse",)},
    )
    assert plain(mixin_admin.ORDERING_FIELDSET) == ("Ordering", {"fields": ("order",)})
    assert plain(mixin_admin.SOFT_DELETE_FIELDSET) == (
        "Archive / Deletion",
        {"fields": ("is_deleted",), "classes": ("collapse",)},
    )
    assert plain(mixin_admin.IDENTIFIERS_FIELDSET) == (
        "Identifiers",
        {"fields": ("id",), "classes": ("collapse",)},
    )
    assert plain(mixin_admin.URL_FIELDSET) == ("URL", {"fields": ("slug",)})
    assert mixin_admin.TIMESTAMP_READONLY_FIELDS == ("created_at", "updated_at")
    assert mixin_admin.IDENTIFIERS_READONLY_FIELDS == ("id",)
    assert mixin_admin.STATUS_LIST_FILTER == ("is_active",)
    assert mixin_admin.SOFT_DELETE_LIST_FILTER == ("is_deleted",)


@pytest.fixture
def staff(client: Client) -> Client:
    client.force_login(User.objects.create_superuser("admin", "admin@example.com", "pw"))
    return client


@plain_static
def test_change_form_renders_the_fieldsets(staff: Client) -> None:
    html = staff.get(f"{CHANGELIST}add/").content.decode()
    for legend in ("URL", "Ordering", "SEO Settings", "Archive / Deletion", "Timestamps"):
        assert f">{legend}<" in html


@plain_static
def test_soft_delete_and_restore_actions(staff: Client) -> None:
    first = Entry.objects.create(title="First", slug="first")
    second = Entry.objects.create(title="Second", slug="second")
    response = staff.post(
        CHANGELIST, {"action": "soft_delete_selected", "_selected_action": [first.pk, second.pk]}, follow=True
    )
    assert [str(m) for m in response.context["messages"]] == ["2 objects soft-deleted."]
    assert list(Entry.objects.deleted().order_by("pk")) == [first, second]

    # Deleted rows stay listed (default manager) and can be filtered and restored.
    listed = staff.get(CHANGELIST, {"is_deleted__exact": "1"})
    assert list(listed.context["cl"].queryset.order_by("pk")) == [first, second]
    response = staff.post(
        CHANGELIST, {"action": "restore_selected", "_selected_action": [first.pk]}, follow=True
    )
    assert [str(m) for m in response.context["messages"]] == ["1 object restored."]
    assert list(Entry.alive_objects.all()) == [first]


@plain_static
@pytest.mark.parametrize(("action", "before"), [("soft_delete_selected", False), ("restore_selected", True)])
def test_actions_touch_updated_at_of_the_selected_rows_only(staff: Client, action: str, before: bool) -> None:
    long_ago = timezone.now() - timedelta(days=30)
    acted, other = (Entry.objects.create(title=t, slug=t, is_deleted=before) for t in ("acted", "other"))
    Entry.objects.update(updated_at=long_ago)
    staff.post(CHANGELIST, {"action": action, "_selected_action": [acted.pk]})
    acted.refresh_from_db()
    other.refresh_from_db()
    assert acted.is_deleted is not before
    assert acted.updated_at > long_ago
    assert (other.is_deleted, other.updated_at) == (before, long_ago)
