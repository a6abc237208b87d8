"""Every sample URL the README lists answers 200 on the seeded demo."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from django.conf import settings
from django.test import Client

from tests.resilience.demo import seed_all

pytestmark = pytest.mark.django_db

README = Path(settings.BASE_DIR) / "README.md"
SECTION = re.compile(r"### Every page type in every language\n(.*?)\n### ", re.S)


def readme_links() -> list[tuple[str, str]]:
    """``(shown text, linked path)`` of every sample URL of the section."""
    section = SECTION.search(README.read_text(encoding="utf-8"))
    assert section is not None
    return re.findall(r"\[`([^`]+)`\]\(http://127\.0\.0\.1:8000(/[^)]*)\)", section.group(1))


def readme_urls() -> list[str]:
    return [path for _shown, path in readme_links()]


def test_the_readme_lists_eight_page_types_in_four_languages() -> None:
    urls = readme_urls()
    assert len(urls) == 8 * len(settings.LANGUAGES) + 4
    assert len(set(urls)) == len(urls)
    for language, _name in settings.LANGUAGES:
        assert sum(url.startswith(f"/{language}/") for url in urls) == 8, language


def test_arabic_links_are_the_percent_encoding_of_the_arabic_paths_shown() -> None:
    """Shown as IRIs (Arabic words), linked as URIs: encoded once, and only where the text is not ASCII."""
    links = readme_links()
    assert all(path.isascii() and "%25" not in path for _shown, path in links)
    assert all(unquote(path) == shown for shown, path in links)
    arabic = [shown for shown, _path in links if shown.startswith("/ar/")]
    assert sum(not shown.isascii() for shown in arabic) == 7  # all but the home page


def test_every_readme_url_answers_200(client: Client) -> None:
    seed_all()
    failures = {}
    for url in readme_urls():
        response = client.get(url, follow=url == "/admin/")
        if response.status_code != 200:
            failures[url] = response.status_code
    assert failures == {}
