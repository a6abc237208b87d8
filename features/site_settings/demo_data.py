"""Demo content for the site settings singleton (the tagline in every language)."""

from __future__ import annotations

import secrets
from collections.abc import Iterator

from features.site_settings.models import SINGLETON_PK, SiteSettings

#: The settings row as seeded.
ORIGINAL: dict[str, object] = {
    "site_name": "Codex Demo",
    "tagline_en": "Haircuts, colour, shaves and nail care in the heart of Berlin",
    "tagline_de": "Haarschnitte, Farbe, Rasur und Nagelpflege im Herzen Berlins",
    "tagline_ru": "Стрижки, окрашивание, бритьё и уход за ногтями в центре Берлина",
    "tagline_ar": "قص الشعر وصبغه، والحلاقة، والعناية بالأظافر في قلب برلين",
    "contact_email": "hello@example.com",
    "phone": "+49 30 1234567",
    "address": "Musterstraße 1",
    "postal_code": "10115",
    "locality": "Berlin",
    "country": "DE",
    # Every day: the masters' working hours (features/booking/demo_data.py) span 08:00-20:00.
    "opening_hours": "Mo-Su 08:00-20:00",
    "facebook_url": "https://www.facebook.com/example",
    "instagram_url": "https://www.instagram.com/example",
    "twitter_handle": "@codexdemo",
    "default_share_image": "/static/img/share.png",
    "maintenance_mode": False,
}


def seed(*, reset: bool = False) -> dict[str, int]:
    """Create the settings row if missing; ``reset`` restores its content (the API key is kept)."""
    write = SiteSettings.objects.update_or_create if reset else SiteSettings.objects.get_or_create
    obj, _created = write(pk=SINGLETON_PK, defaults=ORIGINAL)
    if not obj.api_key:
        obj.api_key = f"demo-{secrets.token_urlsafe(24)}"
        obj.save(update_fields=["api_key"])
    return {"site_settings": 1}


def demo_rows() -> Iterator[tuple[SiteSettings, dict[str, object]]]:
    """The settings row, if it exists, with the fields it is seeded with."""
    settings_row = SiteSettings.objects.filter(pk=SINGLETON_PK).first()
    if settings_row is not None:
        yield settings_row, ORIGINAL
