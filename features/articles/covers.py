"""Article cover images: small WebP files shipped under ``static/img/covers/``.

A cover named ``beard-care`` exists in every width of :data:`COVER_WIDTHS`
(``img/covers/beard-care-480.webp``, ``…-960.webp``), all in the ratio of
:data:`COVER_RATIO`. ``scripts/make_demo_images.py`` draws them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.templatetags.static import static
from django.utils.translation import gettext_lazy as _

#: Widths in pixels of every cover file, smallest first.
COVER_WIDTHS = (480, 960)
#: Width : height of every cover.
COVER_RATIO = (16, 9)
#: ``sizes`` of a cover on the article page: the whole width on a phone, the text column (42rem) elsewhere.
DETAIL_SIZES = "(max-width: 46rem) 100vw, 42rem"
#: ``sizes`` of a cover on a card: one column on a phone, a third of the 72rem page at most elsewhere.
CARD_SIZES = "(max-width: 40rem) 100vw, 24rem"
_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def cover_path(name: str, width: int) -> str:
    """The static path of cover ``name`` in ``width`` pixels."""
    return f"img/covers/{name}-{width}.webp"


def cover_height(width: int) -> int:
    """The height of a cover ``width`` pixels wide."""
    return width * COVER_RATIO[1] // COVER_RATIO[0]


def validate_cover(name: str) -> None:
    """A cover name must be a slug with a shipped file in every width."""
    if not _NAME.match(name):
        raise ValidationError(_("Enter a cover name made of lowercase letters, digits and hyphens."))
    missing = [cover_path(name, width) for width in COVER_WIDTHS if not finders.find(cover_path(name, width))]
    if missing:
        raise ValidationError(
            _("There is no cover image %(name)s (missing: %(files)s)."),
            params={"name": name, "files": ", ".join(missing)},
        )


@dataclass(frozen=True)
class Cover:
    """What an ``<img>`` of a cover needs: ``src`` (largest file), ``srcset``, ``sizes`` and size."""

    src: str
    srcset: str
    sizes: str
    width: int
    height: int


def cover_image(name: str, sizes: str = DETAIL_SIZES) -> Cover | None:
    """The ``<img>`` attributes of cover ``name``, or ``None`` for an article without one."""
    if not name:
        return None
    largest = COVER_WIDTHS[-1]
    return Cover(
        src=static(cover_path(name, largest)),
        srcset=", ".join(f"{static(cover_path(name, width))} {width}w" for width in COVER_WIDTHS),
        sizes=sizes,
        width=largest,
        height=cover_height(largest),
    )
