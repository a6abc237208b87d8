"""Give the booking confirmation template its Arabic text (frozen here).

Only columns that were never written (NULL, as 0003 added them) are filled: an Arabic subject or
body an editor already wrote, or cleared to "", stays as it is.
"""

from django.db import migrations

KEY = "booking_confirmation"
SUBJECT_AR = "موعدك مع {{ master_name }} يوم {{ date }}"
BODY_AR = (
    "مرحبًا {{ client_name }}،\n\n"
    "حجزنا لك موعدًا مع {{ master_name }} يوم {{ date }} الساعة {{ time }}.\n"
    "وسنؤكده لك قريبًا.\n\n{{ site_name }}\n"
)


def fill_arabic(apps, schema_editor):
    templates = apps.get_model("notifications", "NotificationTemplate").objects.filter(key=KEY)
    templates.filter(subject_ar__isnull=True).update(subject_ar=SUBJECT_AR)
    templates.filter(body_ar__isnull=True).update(body_ar=BODY_AR)


class Migration(migrations.Migration):
    dependencies = [("notifications", "0003_arabic_fields")]

    operations = [migrations.RunPython(fill_arabic, migrations.RunPython.noop)]
