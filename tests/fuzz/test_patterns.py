"""The fuzz finds every URL pattern of the demo and builds paths that resolve to them."""

from __future__ import annotations

from urllib.parse import unquote

import pytest
from django.urls import resolve, reverse
from django.utils import translation

from tests.fuzz.patterns import Param, routes

#: Patterns the demo has today; the walk finds any added later by itself.
EXPECTED = {
    "pages:home",
    "pages:about",
    "pages:contacts",
    "articles:list",
    "articles:detail",
    "booking:master_list",
    "booking:master_detail",
    "set_language",
    "robots_txt",
    "favicon",
    "sitemap_index",
    "sitemap_section",
    "admin:index",
    "admin:login",
    "admin:booking_appointment_change",
    "admin:app_list",
}


def test_the_walk_finds_every_pattern_once() -> None:
    found = [route.name for route in routes()]
    assert set(found) >= EXPECTED
    assert len(found) == len(set(found))
    assert {r.name for r in routes() if r.i18n} == {
        name for name in EXPECTED if name.startswith(("pages:", "articles:", "booking:"))
    }


def test_parameters_keep_their_converter_kind() -> None:
    params = {route.name: route.params for route in routes()}
    assert params["booking:master_detail"] == (Param("slug", "slug"),)
    assert params["sitemap_section"] == (Param("section", "str"),)
    assert params["articles:detail"] == (Param("slug", "regex", r"[-\w]+"),)
    assert params["admin:booking_appointment_change"] == (Param("object_id", "path"),)
    assert params["admin:app_list"][0].kind == "regex"


@pytest.mark.parametrize(
    ("language", "name", "values", "path"),
    [
        ("en", "pages:about", {}, "/en/about/"),
        ("de", "pages:about", {}, "/de/ueber-uns/"),
        ("ru", "articles:list", {}, "/ru/stati/"),
        ("de", "booking:master_detail", {"slug": "anna-schmidt"}, "/de/meister/anna-schmidt/"),
        ("en", "articles:detail", {"slug": "x-y"}, "/en/articles/x-y/"),
        # Values go in as they are: an Arabic slug stays an IRI here (the harness sends it encoded).
        ("ar", "booking:master_detail", {"slug": "anna-schmidt"}, None),
        ("ar", "articles:detail", {"slug": "العناية-باللحية"}, None),
        ("en", "sitemap_section", {"section": "static"}, "/sitemap-static.xml"),
        ("en", "admin:app_list", {"app_label": "booking"}, "/admin/booking/"),
    ],
)
def test_built_paths_resolve_to_their_route(
    language: str, name: str, values: dict[str, str], path: str | None
) -> None:
    route = next(r for r in routes() if r.name == name)
    if path is None:  # the Arabic URL words come from the catalogue: compare with Django's own reverse
        with translation.override(language):
            path = unquote(reverse(name, kwargs=values))
    assert route.build(values, language=language) == path
    with translation.override(language):
        assert resolve(path).func is route.chain[-1].callback


def test_a_prefix_replaces_or_drops_the_language() -> None:
    about = next(r for r in routes() if r.name == "pages:about")
    assert about.build({}, language="de", prefix="xx") == "/xx/ueber-uns/"
    assert about.build({}, language="de", prefix="") == "/ueber-uns/"
