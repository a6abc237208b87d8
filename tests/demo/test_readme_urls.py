"""Every sample URL the README lists answers 200 on the seeded demo."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests.resilience.demo import seed_all

pytestmark = pytest.mark.django_db

README = Path(settings.BASE_DIR) / "README.md"
SECTION = re.compile(r"### Every page type in every language\n(.*?)\n### ", re.S)


def readme_urls() -> list[str]:
    section = SECTION.search(README.read_text(encoding="utf-8"))
    assert section is not None
    return re.findall(r"\]\(http://127\.0\.0\.1:8000(/[^)]*)\)", section.group(1))


def test_the_readme_lists_eight_page_types_in_three_languages() -> None:
    urls = readme_urls()
    assert len(urls) == 8 * 3 + 4
    assert len(set(urls)) == len(urls)


def test_every_readme_url_answers_200(client: Client) -> None:
    seed_all()
    failures = {}
    for url in readme_urls():
        response = client.get(url, follow=url == "/admin/")
        if response.status_code != 200:
            failures[url] = response.status_code
    assert failures == {}
