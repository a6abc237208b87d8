"""The stylesheet keeps the promises the CSP and right-to-left support rely on."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

STYLESHEETS = sorted((Path(settings.BASE_DIR) / "static").rglob("*.css"))

#: Physical properties and values that break a right-to-left layout, with their logical twin.
PHYSICAL = re.compile(
    r"(?<![-\w])("
    r"(margin|padding|border)-(left|right|top|bottom)(-\w+)?"
    r"|(left|right|top|bottom)\s*:"
    r"|(min-|max-)?(width|height)\s*:"
    r"|text-align\s*:\s*(left|right)"
    r"|float\s*:\s*(left|right)"
    r"|clear\s*:\s*(left|right)"
    r"|(background-position|transform-origin)\s*:[^;]*\b(left|right)\b"
    r"|translateX\(|scaleX\("
    r"|linear-gradient\(\s*(to\s+(left|right)|(90|270)deg)"
    r")"
)


def declarations(path: Path) -> list[tuple[int, str]]:
    """``(line, text)`` of every line outside comments and ``@media`` conditions."""
    text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group().count("\n"), path.read_text(), flags=re.S)
    lines = enumerate(text.splitlines(), 1)
    return [(n, line) for n, line in lines if not line.lstrip().startswith("@media")]


def test_there_is_a_stylesheet() -> None:
    assert [p.name for p in STYLESHEETS] == ["site.css"]


def test_only_logical_properties_so_right_to_left_needs_no_second_stylesheet() -> None:
    found = [
        f"{path.name}:{n}: {match.group()}"
        for path in STYLESHEETS
        for n, line in declarations(path)
        if (match := PHYSICAL.search(line))
    ]
    assert found == []


def test_nothing_is_loaded_from_another_origin() -> None:
    """The CSP allows styles, fonts and images from ``'self'`` only: no ``@import``, no foreign ``url()``."""
    found = [
        f"{path.name}:{n}: {line.strip()}"
        for path in STYLESHEETS
        for n, line in declarations(path)
        if "@import" in line or re.search(r"url\(\s*['\"]?(https?:)?//", line)
    ]
    assert found == []


def test_dark_mode_and_visible_focus_are_styled() -> None:
    css = STYLESHEETS[0].read_text()
    assert "@media (prefers-color-scheme: dark)" in css
    assert re.search(r":focus-visible\s*\{[^}]*outline:\s*3px solid", css)


def test_the_demo_s_physical_patterns_are_caught() -> None:
    """The pattern bites on what it forbids (a regression in it would pass every stylesheet)."""
    for bad in (
        "margin-left: 1rem;",
        "text-align: right;",
        "background-position: left top;",
        "transform: translateX(4px);",
        "background: linear-gradient(90deg, red, blue);",
        "background: linear-gradient(to right, red, blue);",
    ):
        assert PHYSICAL.search(bad), bad
    for good in (
        "margin-inline-start: 1rem;",
        "background: linear-gradient(to var(--to-inline-end), red, blue);",
    ):
        assert not PHYSICAL.search(good), good


def test_arabic_has_a_font_stack_with_arabic_faces_and_no_letter_spacing() -> None:
    """Debian's fonts-dejavu-core (DejaVu Sans) has Arabic glyphs; the Arabic stacks name it."""
    css = STYLESHEETS[0].read_text()
    arabic = re.search(r":root:lang\(ar\)\s*\{([^}]*)\}", css)
    assert arabic is not None
    for family in ("--font-sans", "--font-serif"):
        stack = re.search(rf"{family}:([^;]*);", arabic.group(1))
        assert stack is not None, family
        assert '"DejaVu Sans"' in stack.group(1), family
    assert "--tracking-tight: 0;" in arabic.group(1)
    assert not re.search(r"letter-spacing:\s*-?[0-9.]+em", css), "letter-spacing goes through --tracking-*"
