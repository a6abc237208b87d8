"""Demo data of the pages feature: SEO metadata of the three static pages in every language."""

from __future__ import annotations

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
    },
    PageKey.ABOUT: {
        "en": ("About Codex Demo", "Who we are, how we work and why our clients come back."),
        "de": ("Über Codex Demo", "Wer wir sind, wie wir arbeiten und warum Kunden wiederkommen."),
        "ru": ("О Codex Demo", "Кто мы, как мы работаем и почему клиенты возвращаются."),
    },
    PageKey.CONTACTS: {
        "en": ("Contact Codex Demo", "Address, phone and e-mail of Codex Demo."),
        "de": ("Kontakt zu Codex Demo", "Adresse, Telefon und E-Mail von Codex Demo."),
        "ru": ("Контакты Codex Demo", "Адрес, телефон и e-mail Codex Demo."),
    },
}


@transaction.atomic
def seed(*, reset: bool = False) -> dict[str, int]:
    """Create the SEO rows of the static pages that are missing (by ``page_key``).

    An existing row keeps its admin edits; ``reset`` writes the original texts back.
    """
    for page_key, texts in PAGES.items():
        defaults: dict[str, str] = {}
        for language, (title, description) in texts.items():
            defaults[f"seo_title_{language}"] = title
            defaults[f"seo_description_{language}"] = description
        page, created = StaticPageSeo.objects.get_or_create(page_key=page_key)
        if not created and not reset:
            continue
        for name, value in defaults.items():
            setattr(page, name, value)
        page.full_clean()
        page.save()
    return {"static_page_seo": len(PAGES)}
