"""Seed the booking confirmation template the booking feature sends (text frozen here)."""

from django.db import migrations

SUBJECTS = {
    "en": "Your appointment with {{ master_name }} on {{ date }}",
    "de": "Ihr Termin bei {{ master_name }} am {{ date }}",
    "ru": "Ваша запись к мастеру {{ master_name }} на {{ date }}",
}
BODIES = {
    "en": (
        "Hello {{ client_name }},\n\n"
        "your appointment with {{ master_name }} on {{ date }} at {{ time }} is booked.\n"
        "We will confirm it shortly.\n\n{{ site_name }}\n"
    ),
    "de": (
        "Hallo {{ client_name }},\n\n"
        "Ihr Termin bei {{ master_name }} am {{ date }} um {{ time }} ist gebucht.\n"
        "Wir bestätigen ihn in Kürze.\n\n{{ site_name }}\n"
    ),
    "ru": (
        "Здравствуйте, {{ client_name }}!\n\n"
        "Вы записаны к мастеру {{ master_name }} на {{ date }} в {{ time }}.\n"
        "Мы скоро подтвердим запись.\n\n{{ site_name }}\n"
    ),
}


def seed(apps, schema_editor):
    NotificationTemplate = apps.get_model("notifications", "NotificationTemplate")
    fields = {"subject": SUBJECTS["en"], "body": BODIES["en"]}
    for code in SUBJECTS:
        fields[f"subject_{code}"] = SUBJECTS[code]
        fields[f"body_{code}"] = BODIES[code]
    NotificationTemplate.objects.get_or_create(key="booking_confirmation", defaults=fields)


class Migration(migrations.Migration):
    dependencies = [("notifications", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
