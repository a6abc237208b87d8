"""Demo notification templates in English, German, Russian and Arabic."""

from __future__ import annotations

from collections.abc import Iterator

from features.notifications.models import NotificationTemplate

BOOKING_CONFIRMATION = "booking_confirmation"

TEMPLATES: dict[str, dict[str, str]] = {
    BOOKING_CONFIRMATION: {
        "subject_en": "Your appointment with {{ master_name }} on {{ date }}",
        "subject_de": "Ihr Termin bei {{ master_name }} am {{ date }}",
        "subject_ru": "Ваша запись к мастеру {{ master_name }} на {{ date }}",
        "subject_ar": "موعدك مع {{ master_name }} يوم {{ date }}",
        "body_en": (
            "Hello {{ client_name }},\n\n"
            "your appointment with {{ master_name }} on {{ date }} at {{ time }} is booked.\n"
            "We will confirm it shortly.\n\n{{ site_name }}\n"
        ),
        "body_de": (
            "Hallo {{ client_name }},\n\n"
            "Ihr Termin bei {{ master_name }} am {{ date }} um {{ time }} ist gebucht.\n"
            "Wir bestätigen ihn in Kürze.\n\n{{ site_name }}\n"
        ),
        "body_ru": (
            "Здравствуйте, {{ client_name }}!\n\n"
            "Вы записаны к мастеру {{ master_name }} на {{ date }} в {{ time }}.\n"
            "Мы скоро подтвердим запись.\n\n{{ site_name }}\n"
        ),
        "body_ar": (
            "مرحبًا {{ client_name }}،\n\n"
            "حجزنا لك موعدًا مع {{ master_name }} يوم {{ date }} الساعة {{ time }}.\n"
            "وسنؤكده لك قريبًا.\n\n{{ site_name }}\n"
        ),
    },
}


def original_fields(key: str) -> dict[str, str]:
    """Every field the template ``key`` is seeded with."""
    fields = TEMPLATES[key]
    # "subject"/"body" are the untranslated columns modeltranslation keeps; mirror English there.
    return {"subject": fields["subject_en"], "body": fields["body_en"], **fields}


def demo_rows() -> Iterator[tuple[NotificationTemplate, dict[str, object]]]:
    """Each demo template in the database, with the fields it is seeded with."""
    for template in NotificationTemplate.objects.filter(key__in=TEMPLATES):
        yield template, dict(original_fields(template.key))


def seed(*, reset: bool = False) -> dict[str, int]:
    """Create the demo templates that are missing (by ``key``); ``reset`` restores their text."""
    for key in TEMPLATES:
        defaults = original_fields(key)
        manager = NotificationTemplate.objects
        write = manager.update_or_create if reset else manager.get_or_create
        write(key=key, defaults=defaults)
    return {"notification_templates": len(TEMPLATES)}
