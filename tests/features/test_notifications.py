"""Notification templates: per-language sources, their Redis cache, rendering and sending."""

from __future__ import annotations

import json

import pytest
import redis
from django.template import TemplateDoesNotExist, TemplateSyntaxError
from django.utils import translation

from codex_core.redis.managers.notifications import get_notifications_cache_manager
from features.notifications import demo_data
from features.notifications.models import NotificationTemplate
from features.notifications.rendering import render_string
from features.notifications.selectors import notification_template_get
from features.notifications.services import notification_render, notification_send

pytestmark = pytest.mark.django_db

KEY = "booking_confirmation"


def cache_key(key: str, language: str) -> str:
    return get_notifications_cache_manager().make_key(f"template:{key}:{language}")


@pytest.mark.parametrize(
    ("language", "subject"),
    [
        ("en", "Your appointment with {{ master_name }} on {{ date }}"),
        ("de", "Ihr Termin bei {{ master_name }} am {{ date }}"),
        ("ru", "Ваша запись к мастеру {{ master_name }} на {{ date }}"),
    ],
)
def test_booking_confirmation_is_seeded_in_every_language(language: str, subject: str) -> None:
    assert notification_template_get(KEY, language)[0] == subject


def test_template_is_cached_per_key_and_language(
    redis_client: redis.Redis, django_assert_num_queries
) -> None:
    with django_assert_num_queries(1):
        de = notification_template_get(KEY, "de")
    assert json.loads(redis_client.get(cache_key(KEY, "de"))) == list(de)
    assert not redis_client.exists(cache_key(KEY, "en"))
    with django_assert_num_queries(0):
        assert notification_template_get(KEY, "de") == de


def test_editing_a_template_invalidates_every_language_on_commit(
    redis_client: redis.Redis, django_capture_on_commit_callbacks
) -> None:
    for language in ("en", "de", "ru"):
        notification_template_get(KEY, language)
    template = NotificationTemplate.objects.get(key=KEY)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        template.subject_de = "Neuer Betreff"
        template.save()
        assert redis_client.exists(cache_key(KEY, "de"))  # not before the commit
    assert len(callbacks) == 1
    assert not any(redis_client.exists(cache_key(KEY, code)) for code in ("en", "de", "ru"))
    assert notification_template_get(KEY, "de")[0] == "Neuer Betreff"


def test_renaming_a_template_invalidates_the_old_key(
    redis_client: redis.Redis, django_capture_on_commit_callbacks
) -> None:
    notification_template_get(KEY, "en")
    template = NotificationTemplate.objects.get(key=KEY)
    with django_capture_on_commit_callbacks(execute=True):
        template.key = "renamed"
        template.save()
    assert not redis_client.exists(cache_key(KEY, "en"))
    with pytest.raises(NotificationTemplate.DoesNotExist):
        notification_template_get(KEY, "en")


def test_a_queryset_update_reaches_the_next_render_after_commit(
    redis_client: redis.Redis, django_capture_on_commit_callbacks
) -> None:
    for language in ("en", "de", "ru"):
        notification_template_get(KEY, language)
    with django_capture_on_commit_callbacks(execute=True):
        assert NotificationTemplate.objects.filter(key=KEY).update(subject_de="Neuer Betreff") == 1
        assert redis_client.exists(cache_key(KEY, "de"))  # not before the commit
    assert not any(redis_client.exists(cache_key(KEY, code)) for code in ("en", "de", "ru"))
    assert notification_template_get(KEY, "de")[0] == "Neuer Betreff"


def test_deleting_a_template_invalidates_it(
    redis_client: redis.Redis, django_capture_on_commit_callbacks
) -> None:
    notification_template_get(KEY, "ru")
    with django_capture_on_commit_callbacks(execute=True):
        NotificationTemplate.objects.get(key=KEY).delete()
    assert not redis_client.exists(cache_key(KEY, "ru"))


def test_missing_translation_falls_back_to_english() -> None:
    NotificationTemplate.objects.create(key="welcome", subject_en="Welcome", body_en="Hi {{ name }}")
    assert notification_template_get("welcome", "ru") == ("Welcome", "Hi {{ name }}")


def test_unknown_language_is_a_value_error() -> None:
    with pytest.raises(
        ValueError, match=r"Unknown language 'fr'; expected one of \['en', 'de', 'ru', 'ar'\]"
    ):
        notification_template_get(KEY, "fr")


def test_rendering_is_plain_text_without_escaping() -> None:
    assert render_string("Hi {{ name }}, {{ missing }}!", {"name": "<Tom & Jerry>"}) == "Hi <Tom & Jerry>, !"
    assert render_string("{% if n > 1 %}{{ n }} items{% endif %}", {"n": 2}) == "2 items"


@pytest.mark.parametrize(
    ("source", "error"),
    [
        ("{% debug %}", TemplateSyntaxError),
        ("{% load static %}", TemplateSyntaxError),
        ('{% include "base.html" %}', TemplateDoesNotExist),
        ('{% extends "base.html" %}', TemplateDoesNotExist),
    ],
)
def test_admin_edited_templates_cannot_reach_beyond_their_context(
    source: str, error: type[Exception]
) -> None:
    with pytest.raises(error):
        render_string(source, {})


def test_subject_is_rendered_on_one_line() -> None:
    NotificationTemplate.objects.create(key="multi", subject_en="Hello\n{{ name }}\n", body_en="Body")
    assert notification_render(key="multi", language="en", context={"name": "Tom"}) == ("Hello Tom", "Body")


def test_send_renders_in_the_requested_language(mailoutbox) -> None:
    context = {
        "client_name": "Tom",
        "master_name": "Anna",
        "date": "1. Juni",
        "time": "10:00",
        "site_name": "X",
    }
    assert notification_send(key=KEY, language="de", to=["tom@example.com"], context=context) == 1
    [mail] = mailoutbox
    assert mail.to == ["tom@example.com"]
    assert mail.subject == "Ihr Termin bei Anna am 1. Juni"
    assert mail.body == (
        "Hallo Tom,\n\nIhr Termin bei Anna am 1. Juni um 10:00 ist gebucht.\n"
        "Wir bestätigen ihn in Kürze.\n\nX\n"
    )


def test_seed_is_idempotent_and_fills_every_language() -> None:
    NotificationTemplate.objects.all().delete()
    assert demo_data.seed() == {"notification_templates": 1}
    with translation.override("de"):  # the active language must not leak into other columns
        assert demo_data.seed() == {"notification_templates": 1}
    template = NotificationTemplate.objects.get(key=KEY)
    assert template.subject_en == demo_data.TEMPLATES[KEY]["subject_en"]
    assert template.subject_de == demo_data.TEMPLATES[KEY]["subject_de"]
    assert template.body_ru == demo_data.TEMPLATES[KEY]["body_ru"]


def test_a_body_saved_from_a_browser_form_renders_with_plain_newlines() -> None:
    # Browsers submit a textarea's line breaks as CRLF (HTML spec), so every admin save stores
    # them; the e-mail body has the same "\n" lines as a template written in code.
    NotificationTemplate.objects.filter(key=KEY).update(body_en="Hello {{ name }},\r\n\r\nsee you.\r\n")
    _subject, body = notification_render(key=KEY, language="en", context={"name": "Ann"})
    assert body == "Hello Ann,\n\nsee you.\n"
