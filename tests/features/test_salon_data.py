"""Opening hours (parser, validator, display), cover names, and the salon's JSON-LD escaping."""

from __future__ import annotations

import json
from datetime import time

import lxml.html
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from features.articles.covers import validate_cover
from features.site_settings.models import SiteSettings
from features.site_settings.opening_hours import OpeningRule, opening_rules, parse_opening_hours
from tests.features.factories_articles import make_site_settings

HOSTILE = "\"><script>alert(1)</script>'&amp;"


def test_opening_hours_parse_ranges_and_single_days() -> None:
    assert parse_opening_hours("Mo-Fr 09:00-19:00\n\n  Sa 10:00-16:00  ") == [
        OpeningRule((0, 1, 2, 3, 4), time(9), time(19)),
        OpeningRule((5,), time(10), time(16)),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Mon-Fri 9-19", "Mon-Fri 9-19: write one rule a line, like Mo-Fr 09:00-19:00 or Sa 10:00-16:00."),
        (
            "Xx 09:00-10:00",
            "Xx 09:00-10:00: write one rule a line, like Mo-Fr 09:00-19:00 or Sa 10:00-16:00.",
        ),
        ("Mo 25:00-26:00", "Mo 25:00-26:00: 25:00 is not a time of day."),
        ("Fr-Mo 09:00-10:00", "Fr-Mo 09:00-10:00: the days must run from Monday towards Sunday."),
        ("Mo 10:00-09:00", "Mo 10:00-09:00: closing time must be after opening time."),
    ],
)
def test_bad_opening_hours_are_a_validation_error_naming_the_line(text: str, message: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        parse_opening_hours(text)
    assert excinfo.value.messages == [message]
    assert opening_rules(text) == []  # display: nothing rather than a 500


@pytest.mark.django_db
def test_the_model_refuses_opening_hours_it_could_not_show() -> None:
    row = SiteSettings(opening_hours="daily 9 to 5")
    with pytest.raises(ValidationError) as excinfo:
        row.full_clean()
    assert list(excinfo.value.message_dict) == ["opening_hours"]


@pytest.mark.django_db
def test_contacts_page_survives_opening_hours_written_around_validation(client) -> None:
    make_site_settings()
    SiteSettings.objects.update(opening_hours="daily 9 to 5")  # update() skips full_clean()
    response = client.get(reverse("pages:contacts"))
    assert response.status_code == 200
    doc = lxml.html.fromstring(response.content)
    assert not doc.xpath("//table[@class='opening-hours']")
    (salon,) = [
        json.loads(s.text)
        for s in doc.xpath("//script[@type='application/ld+json']")
        if json.loads(s.text)["@type"] == "HairSalon"
    ]
    assert "openingHoursSpecification" not in salon


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Beard Care", "Enter a cover name made of lowercase letters, digits and hyphens."),
        ("../etc", "Enter a cover name made of lowercase letters, digits and hyphens."),
        (
            "no-such-cover",
            "There is no cover image no-such-cover (missing: img/covers/no-such-cover-480.webp, "
            "img/covers/no-such-cover-960.webp).",
        ),
    ],
)
def test_a_cover_name_must_name_shipped_files(name: str, message: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        validate_cover(name)
    assert excinfo.value.messages == [message]


def test_a_shipped_cover_is_valid() -> None:
    validate_cover("beard-care")


@pytest.mark.django_db
def test_hostile_settings_are_escaped_in_the_hair_salon_json_ld(client) -> None:
    make_site_settings(site_name=HOSTILE, address=HOSTILE, locality=HOSTILE)
    with translation.override("de"):
        path = reverse("pages:contacts")
    response = client.get(path)
    body = response.content.decode()
    assert "<script>alert" not in body
    doc = lxml.html.fromstring(response.content)
    blocks = [json.loads(s.text) for s in doc.xpath("//script[@type='application/ld+json']")]
    (salon,) = [b for b in blocks if b["@type"] == "HairSalon"]
    assert salon["name"] == HOSTILE
    assert salon["address"]["streetAddress"] == HOSTILE
    assert salon["address"]["addressLocality"] == HOSTILE
