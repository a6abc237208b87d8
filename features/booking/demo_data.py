"""Demo masters (bios in English, German and Russian), their services and prices, and a few
upcoming appointments."""

# Russian demo text is Cyrillic on purpose.

from __future__ import annotations

from datetime import time, timedelta
from decimal import Decimal
from typing import cast

from django.utils import timezone

from features.booking.models import Appointment, Master, Service
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

#: master slug -> (price in EUR, minutes, name per language) of each service, in display order.
SERVICES: dict[str, list[tuple[str, int, dict[str, str]]]] = {
    "anna-schmidt": [
        (
            "48.00",
            60,
            {
                "en": "Women's cut and blow-dry",
                "de": "Damenhaarschnitt mit Föhnen",
                "ru": "Женская стрижка с укладкой",
            },
        ),
        ("75.00", 120, {"en": "All-over colour", "de": "Komplettfärbung", "ru": "Однотонное окрашивание"}),
        ("140.00", 180, {"en": "Balayage", "de": "Balayage", "ru": "Балаяж"}),
        (
            "60.00",
            60,
            {
                "en": "Curly cut (dry)",
                "de": "Lockenschnitt (trocken)",
                "ru": "Стрижка кудрявых волос (по сухим)",
            },
        ),
    ],
    "boris-ivanov": [
        (
            "32.00",
            45,
            {
                "en": "Classic men's cut",
                "de": "Klassischer Herrenschnitt",
                "ru": "Классическая мужская стрижка",
            },
        ),
        (
            "22.00",
            45,
            {
                "en": "Beard trim and shape",
                "de": "Bart trimmen und formen",
                "ru": "Стрижка и оформление бороды",
            },
        ),
        ("38.00", 45, {"en": "Hot towel shave", "de": "Heißtuchrasur", "ru": "Бритьё с горячим полотенцем"}),
        (
            "18.00",
            45,
            {
                "en": "Kids' haircut (under 10)",
                "de": "Kinderhaarschnitt (unter 10)",
                "ru": "Детская стрижка (до 10 лет)",
            },
        ),
    ],
    "clara-weber": [
        ("30.00", 30, {"en": "Classic manicure", "de": "Klassische Maniküre", "ru": "Классический маникюр"}),
        ("42.00", 60, {"en": "Gel manicure", "de": "Maniküre mit Gellack", "ru": "Маникюр с гель-лаком"}),
        ("39.00", 60, {"en": "Pedicure", "de": "Pediküre", "ru": "Педикюр"}),
        (
            "16.00",
            30,
            {"en": "Eyebrow threading", "de": "Augenbrauen fädeln", "ru": "Коррекция бровей нитью"},
        ),
    ],
    "dmitri-petrov": [
        (
            "55.00",
            60,
            {"en": "Relaxation massage", "de": "Entspannungsmassage", "ru": "Расслабляющий массаж"},
        ),
        ("78.00", 90, {"en": "Sports massage", "de": "Sportmassage", "ru": "Спортивный массаж"}),
        ("35.00", 30, {"en": "Scalp treatment", "de": "Kopfhautbehandlung", "ru": "Уход за кожей головы"}),
    ],
}

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
        services_seed(master, SERVICES[str(data["slug"])], reset=reset)
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
    return {
        "masters": len(MASTERS),
        "services": sum(len(services) for services in SERVICES.values()),
        "appointments": appointments,
    }


def services_seed(master: Master, services: list[tuple[str, int, dict[str, str]]], *, reset: bool) -> None:
    """Create ``master``'s demo services that are missing (by English name); ``reset`` restores them."""
    for order, (price, minutes, names) in enumerate(services):
        defaults: dict[str, object] = {
            "price": Decimal(price),
            "minutes": minutes,
            "order": order,
            **{f"name_{language}": name for language, name in names.items()},
        }
        write = Service.objects.update_or_create if reset else Service.objects.get_or_create
        write(master=master, name_en=names["en"], defaults=defaults)
