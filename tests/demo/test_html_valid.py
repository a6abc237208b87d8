"""Every page type parses as HTML5 without a single parse error, in every language."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from features.articles.models import Article
from features.booking.models import Master
from tests.html_checks import duplicate_ids, html5_errors
from tests.resilience.demo import seed_all

pytestmark = pytest.mark.django_db


def page_paths(language: str) -> list[str]:
    with translation.override(language):
        article = Article.objects.public().first()
        master = Master.objects.filter(is_active=True).first()
        assert article is not None
        assert master is not None
        return [
            reverse("pages:home"),
            reverse("pages:about"),
            reverse("pages:contacts"),
            reverse("articles:list"),
            reverse("articles:list") + "?page=2",
            article.get_absolute_url(),
            reverse("booking:master_list"),
            master.get_absolute_url(),
            master.get_absolute_url() + "?date=not-a-date",
            f"/{language}/no-such-page/",
        ]


@pytest.mark.parametrize("language", ["en", "de", "ru"])
def test_pages_are_well_formed_html5(client: Client, language: str) -> None:
    seed_all()
    for path in page_paths(language):
        response = client.get(path)
        assert response.status_code in (200, 404), path
        document = response.content.decode()
        errors = html5_errors(document)
        assert errors == [], (path, errors[:3])
        assert duplicate_ids(document) == [], path
