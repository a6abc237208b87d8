"""Demo data of the pages feature: SEO metadata of the three static pages in every language."""

from __future__ import annotations

from collections.abc import Iterator

from django.db import transaction

from features.pages.models import PageKey, StaticPageSeo

#: page key -> language -> (SEO title, SEO description)
PAGES: dict[str, dict[str, tuple[str, str]]] = {
    PageKey.HOME: {
        "en": (
            "Codex Demo — grooming and beauty in Berlin",
            "Book a master online and read our care guides.",
        ),
        "de": (
            "Codex Demo — Pflege und Schönheit in Berlin",
            "Buchen Sie online und lesen Sie unsere Pflegetipps.",
        ),
        "ru": (
            "Codex Demo — уход и красота в Берлине",
            "Запишитесь к мастеру онлайн и читайте наши советы.",
        ),
        "ar": (
            "Codex Demo — العناية والجمال في برلين",
            "احجزوا موعدكم مع أحد خبرائنا عبر الإنترنت، واقرؤوا نصائحنا في العناية بالشعر والبشرة.",
        ),
    },
    PageKey.ABOUT: {
        "en": ("About Codex Demo", "Who we are, how we work and why our clients come back."),
        "de": ("Über Codex Demo", "Wer wir sind, wie wir arbeiten und warum Kunden wiederkommen."),
        "ru": ("О Codex Demo", "Кто мы, как мы работаем и почему клиенты возвращаются."),
        "ar": ("عن Codex Demo", "من نحن، وكيف نعمل، ولماذا يعود إلينا عملاؤنا."),
    },
    PageKey.CONTACTS: {
        "en": ("Contact Codex Demo", "Address, phone and e-mail of Codex Demo."),
        "de": ("Kontakt zu Codex Demo", "Adresse, Telefon und E-Mail von Codex Demo."),
        "ru": ("Контакты Codex Demo", "Адрес, телефон и e-mail Codex Demo."),
        "ar": ("تواصلوا مع Codex Demo", "عنوان Codex Demo ورقم الهاتف والبريد الإلكتروني."),
    },
}


def original_fields(page_key: str) -> dict[str, object]:
    """The translated SEO fields page ``page_key`` is seeded with (``seo_title_de``, …)."""
    fields: dict[str, object] = {}
    for language, (title, description) in PAGES[page_key].items():
        fields[f"seo_title_{language}"] = title
        fields[f"seo_description_{language}"] = description
    return fields


def demo_rows() -> Iterator[tuple[StaticPageSeo, dict[str, object]]]:
    """Each demo page's SEO row in the database, with the fields it is seeded with."""
    for page in StaticPageSeo.objects.filter(page_key__in=PAGES):
        yield page, original_fields(page.page_key)


@transaction.atomic
def seed(*, reset: bool = False) -> dict[str, int]:
    """Create the SEO rows of the static pages that are missing (by ``page_key``).

    An existing row keeps its admin edits; ``reset`` writes the original texts back.
    """
    for page_key in PAGES:
        defaults = original_fields(page_key)
        page, created = StaticPageSeo.objects.get_or_create(page_key=page_key)
        if not created and not reset:
            continue
        for name, value in defaults.items():
            setattr(page, name, value)
        page.full_clean()
        page.save()
    return {"static_page_seo": len(PAGES)}
