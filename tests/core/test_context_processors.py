"""The ``seo`` template context of the current page."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client, RequestFactory, override_settings
from django.urls import resolve
from django.utils import translation

from codex_core.context_processors import seo_settings
from tests.core.support_models.helpers import static_seo_model
from tests.core.support_models.models import StaticSeo

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.core.support_models.urls")]


@pytest.fixture(autouse=True)
def _seo_model() -> Iterator[None]:
    with static_seo_model():
        yield


@pytest.fixture
def rows() -> None:
    StaticSeo.objects.create(
        page_key="home", seo_title_en="Home", seo_title_de="Start", seo_description_en="Hi"
    )
    StaticSeo.objects.create(page_key="about", seo_title_en="About us")


def expected(page_key: str, title: str, description: str = "") -> dict[str, str]:
    return {
        "page_key": page_key,
        "seo_title": title,
        "seo_description": description,
        "robots": "",
        "priority": "5",
    }


def test_resolves_the_path_when_no_resolver_match(rf: RequestFactory, rows: None) -> None:
    request = rf.get("/pages/about/")
    assert request.resolver_match is None
    with translation.override("en"):
        assert seo_settings(request) == {"seo": expected("about", "About us")}


def test_uses_the_resolver_match_in_the_active_language(rf: RequestFactory, rows: None) -> None:
    request = rf.get("/anything-else/")
    request.resolver_match = resolve("/")
    with translation.override("de"):
        assert seo_settings(request) == {"seo": expected("home", "Start", "Hi")}


@pytest.mark.parametrize("path", ["/does-not-exist/", "/unnamed/"])
def test_unresolvable_or_unnamed_route_gives_empty_seo(
    rf: RequestFactory, rows: None, path: str, django_assert_num_queries
) -> None:
    with django_assert_num_queries(0):
        assert seo_settings(rf.get(path)) == {"seo": {}}


def test_page_without_row_gives_empty_seo(rf: RequestFactory) -> None:
    assert seo_settings(rf.get("/pages/about/")) == {"seo": {}}


# WhiteNoise warns when STATIC_ROOT was never collected; that is not what this test is about.
@pytest.mark.filterwarnings("ignore:No directory at:UserWarning")
@override_settings(LANGUAGE_CODE="en")
def test_templates_render_the_seo_of_the_page(client: Client, rows: None) -> None:
    assert client.get("/").content.decode() == "Home|Hi"
    assert client.get("/pages/about/").content.decode() == "About us|"
    assert client.get("/unnamed/").content.decode() == "|"
