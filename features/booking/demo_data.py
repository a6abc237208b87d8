"""Demo masters (bios in English, German, Russian and Arabic), their services and prices, and a
few upcoming appointments."""

# Russian demo text is Cyrillic and Arabic demo text is in Arabic script on purpose.

from __future__ import annotations

from collections.abc import Iterator
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
        "bio_ar": "تقص آنا الشعر وتصبغه، ولديها خبرة خمسة عشر عامًا في الصالونات.",
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
        "bio_ar": "بوريس حلاق رجالي: قصات كلاسيكية، وتهذيب اللحية، وحلاقة بالمنشفة الساخنة.",
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
        "bio_ar": "تقدّم كلارا المانيكير والباديكير بعناية تحفظ للأظافر صحتها.",
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
        "bio_ar": "دميتري معالج بالتدليك، متخصص في التدليك الرياضي وتدليك الاسترخاء.",
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
                "ar": "قص شعر نسائي مع تصفيف بالسشوار",
            },
        ),
        (
            "75.00",
            120,
            {
                "en": "All-over colour",
                "de": "Komplettfärbung",
                "ru": "Однотонное окрашивание",
                "ar": "صبغة كاملة بلون واحد",
            },
        ),
        ("140.00", 180, {"en": "Balayage", "de": "Balayage", "ru": "Балаяж", "ar": "بالياج"}),
        (
            "60.00",
            60,
            {
                "en": "Curly cut (dry)",
                "de": "Lockenschnitt (trocken)",
                "ru": "Стрижка кудрявых волос (по сухим)",
                "ar": "قص الشعر المجعد (على الجاف)",
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
                "ar": "قصة رجالية كلاسيكية",
            },
        ),
        (
            "22.00",
            45,
            {
                "en": "Beard trim and shape",
                "de": "Bart trimmen und formen",
                "ru": "Стрижка и оформление бороды",
                "ar": "تهذيب اللحية وتحديدها",
            },
        ),
        (
            "38.00",
            45,
            {
                "en": "Hot towel shave",
                "de": "Heißtuchrasur",
                "ru": "Бритьё с горячим полотенцем",
                "ar": "حلاقة بالمنشفة الساخنة",
            },
        ),
        (
            "18.00",
            45,
            {
                "en": "Kids' haircut (under 10)",
                "de": "Kinderhaarschnitt (unter 10)",
                "ru": "Детская стрижка (до 10 лет)",
                "ar": "قص شعر الأطفال (دون العاشرة)",
            },
        ),
    ],
    "clara-weber": [
        (
            "30.00",
            30,
            {
                "en": "Classic manicure",
                "de": "Klassische Maniküre",
                "ru": "Классический маникюр",
                "ar": "مانيكير كلاسيكي",
            },
        ),
        (
            "42.00",
            60,
            {
                "en": "Gel manicure",
                "de": "Maniküre mit Gellack",
                "ru": "Маникюр с гель-лаком",
                "ar": "مانيكير بطلاء الجل",
            },
        ),
        ("39.00", 60, {"en": "Pedicure", "de": "Pediküre", "ru": "Педикюр", "ar": "باديكير"}),
        (
            "16.00",
            30,
            {
                "en": "Eyebrow threading",
                "de": "Augenbrauen fädeln",
                "ru": "Коррекция бровей нитью",
                "ar": "تشكيل الحواجب بالخيط",
            },
        ),
    ],
    "dmitri-petrov": [
        (
            "55.00",
            60,
            {
                "en": "Relaxation massage",
                "de": "Entspannungsmassage",
                "ru": "Расслабляющий массаж",
                "ar": "تدليك استرخاء",
            },
        ),
        (
            "78.00",
            90,
            {"en": "Sports massage", "de": "Sportmassage", "ru": "Спортивный массаж", "ar": "تدليك رياضي"},
        ),
        (
            "35.00",
            30,
            {
                "en": "Scalp treatment",
                "de": "Kopfhautbehandlung",
                "ru": "Уход за кожей головы",
                "ar": "العناية بفروة الرأس",
            },
        ),
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
        write = Master.objects.update_or_create if reset else Master.objects.get_or_create
        master, _created = write(slug=data["slug"], defaults=master_fields(order))
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
        write = Service.objects.update_or_create if reset else Service.objects.get_or_create
        write(master=master, name_en=names["en"], defaults=service_fields(order, price, minutes, names))


def master_fields(order: int) -> dict[str, object]:
    """Every field the demo master at position ``order`` is seeded with."""
    data = MASTERS[order]
    return {"bio": data["bio_en"], **data, "order": order, "is_active": True}


def service_fields(order: int, price: str, minutes: int, names: dict[str, str]) -> dict[str, object]:
    """Every field a demo service is seeded with (its names as ``name_en``, ``name_ar``, …)."""
    return {
        "price": Decimal(price),
        "minutes": minutes,
        "order": order,
        **{f"name_{language}": name for language, name in names.items()},
    }


def demo_rows() -> Iterator[tuple[Master | Service, dict[str, object]]]:
    """Each demo master and service in the database, with the fields it is seeded with."""
    for order, data in enumerate(MASTERS):
        master = Master.objects.filter(slug=data["slug"]).first()
        if master is None:
            continue
        yield master, master_fields(order)
        for position, (price, minutes, names) in enumerate(SERVICES[master.slug]):
            service = Service.objects.filter(master=master, name_en=names["en"]).first()
            if service is not None:
                yield service, service_fields(position, price, minutes, names)
