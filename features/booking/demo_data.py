"""Demo masters (bios in English, German and Russian) and a few upcoming appointments."""

# Russian demo text is Cyrillic on purpose.

from __future__ import annotations

from datetime import time, timedelta
from typing import cast

from django.utils import timezone

from features.booking.models import Appointment, Master
from features.booking.slots import local_instant

MASTERS: list[dict[str, object]] = [
    {
        "slug": "anna-schmidt",
        "name": "Anna Schmidt",
        "work_start": time(9),
        "work_end": time(17),
        "slot_minutes": 60,
        "bio_en": "Anna cuts and colours hair and has fifteen years of salon experience.",
        "bio_de": "Anna schneidet und färbt Haare und hat fünfzehn Jahre Salonerfahrung.",
        "bio_ru": "Анна стрижёт и окрашивает волосы, у неё пятнадцать лет опыта в салоне.",
    },
    {
        "slug": "boris-ivanov",
        "name": "Boris Ivanov",
        "work_start": time(10),
        "work_end": time(18),
        "slot_minutes": 45,
        "bio_en": "Boris is a barber: classic cuts, beard trims and hot-towel shaves.",
        "bio_de": "Boris ist Barbier: klassische Schnitte, Bartpflege und Nassrasur.",
        "bio_ru": "Борис — барбер: классические стрижки, оформление бороды и бритьё.",
    },
    {
        "slug": "clara-weber",
        "name": "Clara Weber",
        "work_start": time(8),
        "work_end": time(14),
        "slot_minutes": 30,
        "bio_en": "Clara does manicures and pedicures with care for healthy nails.",
        "bio_de": "Clara macht Maniküre und Pediküre mit Sorgfalt für gesunde Nägel.",
        "bio_ru": "Клара делает маникюр и педикюр с заботой о здоровье ногтей.",
    },
    {
        "slug": "dmitri-petrov",
        "name": "Dmitri Petrov",
        "work_start": time(12),
        "work_end": time(20),
        "slot_minutes": 90,
        "bio_en": "Dmitri is a massage therapist specialising in sports and relaxation massage.",
        "bio_de": "Dmitri ist Masseur mit Schwerpunkt Sport- und Entspannungsmassage.",
        "bio_ru": "Дмитрий — массажист, специализируется на спортивном и расслабляющем массаже.",
    },
]

CLIENTS = [("Eva Braun", "eva@example.com"), ("Ivan Smirnov", "ivan@example.com")]


def seed(*, reset: bool = False) -> dict[str, int]:
    """Create the masters (by slug) and demo appointments (by master and start) that are missing.

    Existing rows keep their admin edits; ``reset`` writes the original values back.
    """
    tz = timezone.get_default_timezone()
    today = timezone.localdate(timezone=tz)
    appointments = 0
    for order, data in enumerate(MASTERS):
        original = {"bio": data["bio_en"], **data, "order": order, "is_active": True}
        write = Master.objects.update_or_create if reset else Master.objects.get_or_create
        master, _created = write(slug=data["slug"], defaults=original)
        for offset, (name, email) in enumerate(CLIENTS, start=1):
            work_start = cast(time, data["work_start"])  # the seeded hours, not an edited copy
            start = local_instant(
                today + timedelta(days=offset), work_start, tz
            )  # UTC: + minutes is real time
            minutes = cast(int, data["slot_minutes"])
            defaults = {
                "end": start + timedelta(minutes=minutes),
                "client_name": name,
                "client_email": email,
                "status": Appointment.Status.CONFIRMED,
            }
            write_appointment = (
                Appointment.objects.update_or_create if reset else Appointment.objects.get_or_create
            )
            write_appointment(master=master, start=start, defaults=defaults)
            appointments += 1
    return {"masters": len(MASTERS), "appointments": appointments}
