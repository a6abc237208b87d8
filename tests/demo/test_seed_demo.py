"""``manage.py seed_demo``: every feature seeded, idempotent, the admin password handled safely."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from features.articles.models import Article
from features.booking.models import Appointment, Master
from features.notifications.models import NotificationTemplate
from features.pages.models import StaticPageSeo
from features.site_settings.models import SiteSettings

pytestmark = pytest.mark.django_db


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        "articles": Article.objects.count(),
        "pages": StaticPageSeo.objects.count(),
        "settings": SiteSettings.objects.count(),
        "masters": Master.objects.count(),
        "appointments": Appointment.objects.count(),
        "templates": NotificationTemplate.objects.count(),
    }


def test_seeds_everything_once_and_prints_a_generated_password_only_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("DJANGO_SUPERUSER_PASSWORD", raising=False)
    first = seed()
    assert counts() == {
        "articles": 36,
        "pages": 3,
        "settings": 1,
        "masters": 4,
        "appointments": 8,
        "templates": 1,
    }
    line = next(line for line in first.splitlines() if "generated password" in line)
    password = line.rsplit(": ", 1)[1]
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser
    assert admin.check_password(password)

    second = seed()
    assert counts()["articles"] == 36
    assert counts()["appointments"] == 8
    assert "generated password" not in second
    assert "Admin user 'admin' exists; password unchanged." in second
    admin.refresh_from_db()
    assert admin.check_password(password)


def test_password_from_the_environment_is_applied_and_never_printed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "s3cret-from-env")
    output = seed("--admin-username", "editor")
    assert "s3cret-from-env" not in output
    assert "uses the password from DJANGO_SUPERUSER_PASSWORD" in output
    assert get_user_model().objects.get(username="editor").check_password("s3cret-from-env")


def test_empty_admin_username_is_a_command_error() -> None:
    with pytest.raises(CommandError, match=r"^--admin-username must not be empty\.$"):
        seed("--admin-username", " ")
    assert Article.objects.count() == 0
