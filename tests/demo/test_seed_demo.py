"""``manage.py seed_demo``: every feature seeded, idempotent, the admin password handled safely."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import time
from importlib import import_module
from io import StringIO
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from modeltranslation.translator import translator

from features.articles.demo_data import DELETED_INDEX, INACTIVE_INDEX, article_texts
from features.articles.models import Article
from features.booking.models import Appointment, Master, Service
from features.notifications.demo_data import BOOKING_CONFIRMATION, TEMPLATES
from features.notifications.models import NotificationTemplate
from features.pages.models import StaticPageSeo
from features.site_settings.models import SiteSettings

pytestmark = pytest.mark.django_db


def seed(*args: str, stderr: StringIO | None = None) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out, stderr=stderr or StringIO())
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        "articles": Article.objects.count(),
        "pages": StaticPageSeo.objects.count(),
        "settings": SiteSettings.objects.count(),
        "masters": Master.objects.count(),
        "services": Service.objects.count(),
        "appointments": Appointment.objects.count(),
        "templates": NotificationTemplate.objects.count(),
    }


def test_seeds_everything_once_and_prints_a_generated_password_only_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("DJANGO_SUPERUSER_PASSWORD", raising=False)
    first = seed()
    assert counts() == {
        "articles": 14,
        "pages": 3,
        "settings": 1,
        "masters": 4,
        "services": 15,
        "appointments": 8,
        "templates": 1,
    }
    line = next(line for line in first.splitlines() if "generated password" in line)
    password = line.rsplit(": ", 1)[1]
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser
    assert admin.check_password(password)

    second = seed()
    assert counts()["articles"] == 14
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


def snapshot() -> dict[str, dict[object, dict[str, object]]]:
    """Every seeded row's content, keyed by model and natural key (ids and timestamps left out)."""

    def rows(queryset: Any, key: Callable[[Any], object]) -> dict[object, dict[str, object]]:
        skip = {"id", "created_at", "updated_at"}
        fields = [
            f.attname
            for f in queryset.model._meta.concrete_fields
            if f.attname not in skip and not f.is_relation  # relations are in the key
        ]
        return {key(obj): {name: getattr(obj, name) for name in fields} for obj in queryset}

    return {
        "articles": rows(Article.objects.all(), lambda a: a.slug_en),
        "pages": rows(StaticPageSeo.objects.all(), lambda p: p.page_key),
        "settings": rows(SiteSettings.objects.all(), lambda s: s.pk),
        "masters": rows(Master.objects.all(), lambda m: m.slug),
        "appointments": rows(Appointment.objects.all(), lambda a: (a.master.slug, a.start)),
        "services": rows(Service.objects.all(), lambda s: (s.master.slug, s.name_en)),
        "templates": rows(NotificationTemplate.objects.all(), lambda t: t.key),
    }


def edit_like_an_admin() -> None:
    """What an editor does in the admin between two ``make demo`` runs."""
    inactive = Article.objects.get(slug_en=article_slug(INACTIVE_INDEX))
    inactive.is_active = True  # re-activated
    inactive.save()
    deleted = Article.objects.get(slug_en=article_slug(DELETED_INDEX))
    deleted.restore()  # brought back from the bin
    Article.objects.filter(slug_en=article_slug(0)).update(is_active=False)
    Article.objects.get(slug_en=article_slug(1)).soft_delete()
    Article.objects.filter(slug_en=article_slug(2)).update(title_en="Edited in the admin", slug_de="im-admin")
    StaticPageSeo.objects.filter(page_key="home").update(seo_title_de="Neuer Titel")
    SiteSettings.objects.update(tagline="Our own tagline", site_name="Salon Edit")
    Master.objects.filter(slug="anna-schmidt").update(is_active=False, bio_en="Edited bio", work_end=time(15))
    Appointment.objects.filter(master__slug="boris-ivanov").update(status=Appointment.Status.CANCELLED)
    Service.objects.filter(master__slug="boris-ivanov").update(price="35.00", name_de="Herrenschnitt")
    NotificationTemplate.objects.update(subject_en="Edited subject")


def article_slug(index: int) -> str:
    return str(article_texts(index)["slug_en"])


def test_running_again_keeps_every_admin_edit_and_only_adds_what_is_missing() -> None:
    seed()
    edit_like_an_admin()
    edited = snapshot()
    Article.objects.filter(slug_en=article_slug(5)).delete()  # gone for good: seeded again
    Master.objects.filter(slug="clara-weber").delete()  # with her appointments

    seed()

    after = snapshot()
    assert counts()["articles"] == 14
    assert counts()["masters"] == 4
    assert counts()["appointments"] == 8
    for model, rows in edited.items():
        for key, row in rows.items():
            assert after[model][key] == row, (model, key)
    assert not Article.objects.get(slug_en=article_slug(0)).is_active
    assert Article.objects.get(slug_en=article_slug(1)).is_deleted
    assert Article.objects.get(slug_en=article_slug(INACTIVE_INDEX)).is_active
    assert not Article.objects.get(slug_en=article_slug(DELETED_INDEX)).is_deleted
    assert Article.objects.get(slug_en=article_slug(2)).title_en == "Edited in the admin"
    assert SiteSettings.objects.get().tagline == "Our own tagline"


def test_an_article_whose_slugs_the_admin_changed_is_not_seeded_twice() -> None:
    seed()
    Article.objects.filter(slug_en=article_slug(6)).update(
        slug_en="renamed", slug_de="umbenannt", slug_ru="pereimen"
    )
    seed()
    assert counts()["articles"] == 14
    assert Article.objects.filter(slug_en="renamed").exists()


def test_reset_restores_the_original_content() -> None:
    seed()
    original = snapshot()
    edit_like_an_admin()
    Article.objects.filter(slug_en=article_slug(5)).delete()
    Article.objects.filter(slug_en=article_slug(6)).update(
        slug_en="renamed", slug_de="umbenannt", slug_ru="pereimen"
    )
    assert snapshot() != original

    output = seed("--reset")

    assert snapshot() == original
    assert "original demo content restored" in output.lower()


def test_articles_seeded_before_ids_were_fixed_are_found_by_slug() -> None:
    seed()
    for article in Article.objects.all():  # as the old seed left them: random ids
        Article.objects.filter(pk=article.pk).update(id=uuid.uuid4())
    Article.objects.filter(slug_en=article_slug(7)).update(title_en="Kept")
    seed()
    assert counts()["articles"] == 14
    assert Article.objects.get(slug_en=article_slug(7)).title_en == "Kept"


SEEDED_MODELS = (Article, StaticPageSeo, SiteSettings, Master, Service, NotificationTemplate)


def arabic_fields(model: Any) -> list[str]:
    fields = translator.get_options_for_model(model).all_fields.values()
    return [field.name for group in fields for field in group if field.language == "ar"]


def forget_arabic() -> None:
    """The database as it was seeded before Arabic: the columns 0003_arabic_fields added are NULL."""
    for model in SEEDED_MODELS:
        model.objects.update(**dict.fromkeys(arabic_fields(model)))


def test_a_database_seeded_before_arabic_gets_the_arabic_texts_and_keeps_every_edit() -> None:
    seed()
    original = snapshot()
    forget_arabic()
    edit_like_an_admin()
    # An editor already wrote one Arabic title and cleared the Arabic description of the home page.
    Article.objects.filter(slug_en=article_slug(4)).update(title_ar="عنوان كتبه المحرر")
    StaticPageSeo.objects.filter(page_key="home").update(seo_description_ar="")
    edited = snapshot()
    assert edited["articles"][article_slug(3)]["title_ar"] is None

    output = seed()

    after = snapshot()
    assert counts()["articles"] == 14
    for model, rows in edited.items():
        for key, row in rows.items():
            expected = {
                name: original[model][key][name] if name.endswith("_ar") and value is None else value
                for name, value in row.items()
            }
            assert after[model][key] == expected, (model, key)
    assert after["articles"][article_slug(3)]["slug_ar"] == article_texts(3)["slug_ar"]
    assert after["articles"][article_slug(4)]["title_ar"] == "عنوان كتبه المحرر"
    assert after["pages"]["home"]["seo_description_ar"] == ""
    assert after["articles"][article_slug(2)]["title_en"] == "Edited in the admin"
    assert "articles: missing translations filled in 14 existing rows" in output
    assert "booking: missing translations filled in 19 existing rows" in output  # 4 masters, 15 services
    assert "site_settings: missing translations filled in 1 existing row\n" in output

    assert "missing translations" not in seed()  # nothing left to fill
    assert snapshot() == after


def test_a_missing_arabic_slug_another_article_took_is_reported_and_left_missing() -> None:
    seed()
    forget_arabic()
    taken = article_texts(3)["slug_ar"]
    Article.objects.filter(slug_en=article_slug(4)).update(slug_ar=taken)  # an editor's choice
    errors = StringIO()

    output = seed(stderr=errors)

    assert Article.objects.get(slug_en=article_slug(3)).slug_ar is None
    assert Article.objects.get(slug_en=article_slug(3)).title_ar is None
    assert Article.objects.get(slug_en=article_slug(4)).slug_ar == taken
    assert Article.objects.get(slug_en=article_slug(5)).slug_ar == article_texts(5)["slug_ar"]
    assert "articles: missing translations filled in 13 existing rows" in output
    assert errors.getvalue() == (
        "articles: <Article: A manicure that lasts two weeks> keeps its missing translations: "
        "Article with this Slug [ar] already exists.\n"
    )


def test_the_arabic_booking_confirmation_migration_fills_only_what_was_never_written() -> None:
    migration = import_module("features.notifications.migrations.0004_seed_booking_confirmation_ar")
    texts = TEMPLATES[BOOKING_CONFIRMATION]
    frozen = (migration.SUBJECT_AR, migration.BODY_AR)
    assert frozen == (texts["subject_ar"], texts["body_ar"])
    seed()
    NotificationTemplate.objects.update(subject_ar=None, body_ar="", subject_de="Bearbeitet")

    migration.fill_arabic(apps, None)

    template = NotificationTemplate.objects.get(key=BOOKING_CONFIRMATION)
    assert (template.subject_ar, template.body_ar) == (texts["subject_ar"], "")
    assert template.subject_de == "Bearbeitet"
    NotificationTemplate.objects.update(body_ar=None)
    migration.fill_arabic(apps, None)
    assert NotificationTemplate.objects.get(key=BOOKING_CONFIRMATION).body_ar == texts["body_ar"]
