"""schema.org data of the salon (``HairSalon`` on the contacts page) and of breadcrumbs.

Plain dictionaries: :func:`features.pages.head.json_ld` serialises and escapes them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from features.site_settings.opening_hours import opening_rules


def postal_address(site: Mapping[str, Any]) -> dict[str, str]:
    """The site's ``PostalAddress``; empty parts are left out, ``{}`` without a street address."""
    if not site.get("address"):
        return {}
    data = {
        "@type": "PostalAddress",
        "streetAddress": str(site.get("address") or ""),
        "postalCode": str(site.get("postal_code") or ""),
        "addressLocality": str(site.get("locality") or ""),
        "addressCountry": str(site.get("country") or ""),
    }
    return {key: value for key, value in data.items() if value}


def hair_salon_json_ld(site: Mapping[str, Any], *, url: str, image: str) -> dict[str, Any]:
    """schema.org ``HairSalon`` (a ``LocalBusiness``): name, contacts, address and opening hours.

    ``url`` is the home page and ``image`` the share image, both absolute.
    """
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "HairSalon",
        "name": str(site.get("site_name") or ""),
        "description": str(site.get("tagline") or ""),
        "url": url,
        "image": image,
        "telephone": str(site.get("phone") or ""),
        "email": str(site.get("contact_email") or ""),
        "address": postal_address(site),
        "openingHoursSpecification": [
            rule.schema() for rule in opening_rules(str(site.get("opening_hours") or ""))
        ],
    }
    return {key: value for key, value in data.items() if value}


def breadcrumb_list_json_ld(crumbs: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """schema.org ``BreadcrumbList`` of ``(name, absolute URL)`` pairs, home first."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(crumbs, start=1)
        ],
    }
