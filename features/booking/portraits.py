"""Master portraits: square WebP files shipped under ``static/img/masters/``.

The master with slug ``anna-schmidt`` has ``img/masters/anna-schmidt-<size>.webp`` in every
size of :data:`PORTRAIT_SIZES`; ``scripts/make_demo_images.py`` draws them. A master without
files (one added in the admin) is shown with the initial of the name instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.staticfiles import finders
from django.templatetags.static import static

#: Edge lengths in pixels of every portrait file, smallest first.
PORTRAIT_SIZES = (96, 192)


def portrait_path(slug: str, size: int) -> str:
    """The static path of the portrait of master ``slug`` in ``size`` pixels."""
    return f"img/masters/{slug}-{size}.webp"


@dataclass(frozen=True)
class Portrait:
    """What an ``<img>`` of a portrait needs (displayed at ``size`` CSS pixels)."""

    src: str
    srcset: str
    size: int
    #: The largest file (``og:image`` of the master's page).
    large: str


def portrait_image(slug: str) -> Portrait | None:
    """The ``<img>`` attributes of master ``slug``'s portrait, or ``None`` when none is shipped."""
    if not all(finders.find(portrait_path(slug, size)) for size in PORTRAIT_SIZES):
        return None
    small, large = PORTRAIT_SIZES[0], PORTRAIT_SIZES[-1]
    return Portrait(
        src=static(portrait_path(slug, small)),
        srcset=f"{static(portrait_path(slug, small))} 1x, {static(portrait_path(slug, large))} 2x",
        size=small,
        large=static(portrait_path(slug, large)),
    )
