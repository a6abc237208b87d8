"""Opening hours in schema.org's ``openingHours`` notation: ``Mo-Fr 09:00-19:00``, one rule a line.

The site settings store the text; :func:`parse_opening_hours` is the one reader, used by the
model's validator (so nothing unparsable is stored), the contacts page and its JSON-LD.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time

from django.core.exceptions import ValidationError
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR
from django.utils.formats import time_format
from django.utils.translation import gettext_lazy as _

#: schema.org's two-letter day codes, Monday first (Python's ``weekday()`` order).
DAY_CODES = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
SCHEMA_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
#: The dash between two days or two times in the rendered text (an en dash).
DASH = "\u2013"
_RULE = re.compile(
    r"^(?P<first>[A-Z][a-z])(?:-(?P<last>[A-Z][a-z]))? (?P<opens>\d\d:\d\d)-(?P<closes>\d\d:\d\d)$"
)


@dataclass(frozen=True)
class OpeningRule:
    """Open from ``opens`` to ``closes`` on the weekdays ``days`` (0 is Monday)."""

    days: tuple[int, ...]
    opens: time
    closes: time

    def label(self) -> str:
        """The days in the active language (``Mon`` en dash ``Fri``), or ``Saturday`` for a single day."""
        if len(self.days) == 1:
            return str(WEEKDAYS[self.days[0]])
        return f"{WEEKDAYS_ABBR[self.days[0]]} {DASH} {WEEKDAYS_ABBR[self.days[-1]]}"

    def hours(self) -> str:
        """``09:00`` en dash ``19:00``, in the active language's time format."""
        return f"{time_format(self.opens, 'TIME_FORMAT')}{DASH}{time_format(self.closes, 'TIME_FORMAT')}"

    def schema(self) -> dict[str, object]:
        """The rule as a schema.org ``OpeningHoursSpecification``."""
        return {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": [f"https://schema.org/{SCHEMA_DAYS[day]}" for day in self.days],
            "opens": self.opens.strftime("%H:%M"),
            "closes": self.closes.strftime("%H:%M"),
        }


def _parse_time(text: str, line: str) -> time:
    try:
        return time.fromisoformat(text)
    except ValueError:
        raise ValidationError(
            _("%(line)s: %(time)s is not a time of day."), params={"line": line, "time": text}
        ) from None


def parse_opening_hours(text: str) -> list[OpeningRule]:
    """Every rule of ``text``; a line that is not ``Mo-Fr 09:00-19:00`` is a ``ValidationError``."""
    rules = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        match = _RULE.match(line)
        if match is None or match["first"] not in DAY_CODES or (match["last"] or "Mo") not in DAY_CODES:
            raise ValidationError(
                _("%(line)s: write one rule a line, like Mo-Fr 09:00-19:00 or Sa 10:00-16:00."),
                params={"line": line},
            )
        first = DAY_CODES.index(match["first"])
        last = DAY_CODES.index(match["last"]) if match["last"] else first
        opens, closes = _parse_time(match["opens"], line), _parse_time(match["closes"], line)
        if last < first:
            raise ValidationError(
                _("%(line)s: the days must run from Monday towards Sunday."), params={"line": line}
            )
        if closes <= opens:
            raise ValidationError(
                _("%(line)s: closing time must be after opening time."), params={"line": line}
            )
        rules.append(OpeningRule(tuple(range(first, last + 1)), opens, closes))
    return rules


def opening_rules(text: str) -> list[OpeningRule]:
    """The rules of ``text`` for display; ``[]`` for text that does not parse.

    The model validates what it stores, but ``QuerySet.update()`` skips validation: a page
    shows no opening hours rather than fail.
    """
    try:
        return parse_opening_hours(text)
    except ValidationError:
        return []


def validate_opening_hours(text: str) -> None:
    """Field validator: ``text`` must parse."""
    parse_opening_hours(text)
