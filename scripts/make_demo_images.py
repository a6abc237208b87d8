"""Draw the demo's article covers and master portraits as small WebP files (Pillow).

    .venv/bin/python scripts/make_demo_images.py

Writes ``static/img/covers/<name>-<width>.webp`` for every cover of the demo articles and
``static/img/masters/<slug>-<size>.webp`` for every demo master. The drawing is deterministic
(seeded by the name), so running it again changes no file. The results are committed: the demo
needs no image library at run time.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from features.articles.covers import COVER_WIDTHS, cover_height  # noqa: E402
from features.booking.portraits import PORTRAIT_SIZES  # noqa: E402

#: (background, shape, accent) of each palette; demo_articles.json describes each one in its cover_alt.
PALETTES = (
    ((24, 63, 71), (219, 156, 72), (244, 226, 196)),
    ((58, 32, 56), (214, 112, 128), (247, 214, 206)),
    ((30, 48, 86), (110, 170, 214), (226, 238, 247)),
    ((44, 66, 44), (176, 196, 112), (238, 242, 214)),
    ((78, 44, 28), (222, 148, 98), (250, 228, 204)),
    ((40, 40, 48), (190, 168, 126), (236, 230, 216)),
    ((86, 30, 44), (232, 170, 92), (250, 236, 210)),
)
QUALITY = 62


def palette_for(name: str) -> tuple[tuple[int, int, int], ...]:
    return PALETTES[sum(name.encode()) % len(PALETTES)]


def draw_cover(name: str, width: int) -> Image.Image:
    """Soft circles and a wave on a vertical gradient: a calm, abstract cover."""
    scale = 4  # draw large, then shrink: smooth edges
    big_w, big_h = width * scale, cover_height(width) * scale
    background, shape, accent = palette_for(name)
    image = Image.new("RGB", (big_w, big_h), background)
    draw = ImageDraw.Draw(image)
    for y in range(big_h):  # darker at the bottom
        shade = 1 - 0.35 * y / big_h
        draw.line([(0, y), (big_w, y)], fill=tuple(int(c * shade) for c in background))
    rng = random.Random(name)  # noqa: S311 - a drawing, not a secret: same name, same picture
    for _ in range(5):
        radius = rng.uniform(0.12, 0.32) * big_h
        x, y = rng.uniform(0, big_w), rng.uniform(0, big_h)
        colour = shape if rng.random() < 0.6 else accent
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=colour)
    image = image.filter(ImageFilter.GaussianBlur(big_h / 40))
    draw = ImageDraw.Draw(image)
    points = [(x, big_h * (0.72 + 0.08 * rng.uniform(-1, 1))) for x in range(0, big_w + 1, big_w // 6)]
    draw.line(points, fill=accent, width=max(2, big_h // 60), joint="curve")
    return image.resize((width, cover_height(width)), Image.Resampling.LANCZOS)


def draw_portrait(slug: str, size: int) -> Image.Image:
    """A head-and-shoulders silhouette on the master's colour."""
    scale = 4
    big = size * scale
    background, shape, accent = palette_for(slug)
    image = Image.new("RGB", (big, big), shape)
    draw = ImageDraw.Draw(image)
    draw.ellipse([big * 0.18, big * 0.66, big * 0.82, big * 1.3], fill=background)  # shoulders
    draw.ellipse([big * 0.33, big * 0.2, big * 0.67, big * 0.6], fill=background)  # head
    draw.ellipse([big * 0.36, big * 0.23, big * 0.64, big * 0.4], fill=accent)  # light on the hair
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    covers = ROOT / "static" / "img" / "covers"
    masters = ROOT / "static" / "img" / "masters"
    covers.mkdir(parents=True, exist_ok=True)
    masters.mkdir(parents=True, exist_ok=True)
    articles = json.loads((ROOT / "features/articles/fixtures/demo_articles.json").read_text("utf-8"))
    for name in sorted({article["cover"] for article in articles}):
        for width in COVER_WIDTHS:
            draw_cover(name, width).save(covers / f"{name}-{width}.webp", "WEBP", quality=QUALITY, method=6)
    for slug in ("anna-schmidt", "boris-ivanov", "clara-weber", "dmitri-petrov"):
        for size in PORTRAIT_SIZES:
            draw_portrait(slug, size).save(masters / f"{slug}-{size}.webp", "WEBP", quality=QUALITY, method=6)


if __name__ == "__main__":
    main()
