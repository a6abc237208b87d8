"""Language switching, hreflang and canonical links, through real requests and the real URLconf."""

from __future__ import annotations

import pytest
from django.core.handlers.wsgi import WSGIRequest
from django.test import Client, RequestFactory, override_settings
from django.urls import translate_url
from django.utils import translation

from codex_core.i18n import (
    alternate_links,
    current_canonical_url,
    set_current_object,
    set_current_page,
    translate_current_url,
)
from codex_core.urls import canonical_url
from tests.core.support_i18n.urls import ARTICLES

pytestmark = [
    pytest.mark.urls("tests.core.support_i18n.urls"),
    pytest.mark.usefixtures("_canonical"),
]


# Only the middleware language switching depends on; whitenoise warns (an error here) about a
# missing STATIC_ROOT in a fresh checkout.
I18N_MIDDLEWARE = ["django.middleware.locale.LocaleMiddleware", "django.middleware.common.CommonMiddleware"]


@pytest.fixture
def _canonical():
    with override_settings(CANONICAL_DOMAIN="example.com", CODEX_CANONICAL_SCHEME="https"):
        yield


def test_translate_current_url_without_object_uses_django_translate_url(rf: RequestFactory) -> None:
    request = rf.get("/en/about/?q=1&sort=new")
    assert translate_current_url(request, "de") == "/de/about/?q=1&sort=new"
    assert translate_current_url(request, "ru", keep_query=False) == "/ru/about/"
    assert translate_current_url(rf.get("/en/about/"), "de") == "/de/about/"


def test_translate_current_url_works_inside_another_active_language(rf: RequestFactory) -> None:
    # A language switcher often renders inside {% language lang %}; the path still resolves.
    with translation.override("ru"):
        assert translate_current_url(rf.get("/en/about/"), "de") == "/de/about/"


def test_unresolvable_path_switches_to_the_home_of_the_language(rf: RequestFactory) -> None:
    # Django's translate_url returns it unchanged: a switcher link back to the same 404.
    assert translate_current_url(rf.get("/en/missing/?q=1"), "de") == "/de/"


def test_registered_object_gives_its_per_language_slug(rf: RequestFactory) -> None:
    request = rf.get("/en/articles/hello/?page=2")
    with translation.override("en"):
        # Plain Django keeps the English slug: the bug this helper fixes.
        assert translate_url(request.path, "de") == "/de/articles/hello/"
    set_current_object(request, ARTICLES[0])
    assert translate_current_url(request, "de") == "/de/articles/hallo/?page=2"
    assert translate_current_url(request, "ru", keep_query=False) == "/ru/articles/privet/"
    assert (
        translate_current_url(request, "ar", keep_query=False)
        == "/ar/articles/%D9%85%D8%B1%D8%AD%D8%A8%D8%A7/"
    )


def test_unknown_language_is_a_value_error_naming_the_allowed_ones(rf: RequestFactory) -> None:
    with pytest.raises(ValueError, match=r"^Unknown language code 'fr'; expected one of en, de, ru, ar\.$"):
        translate_current_url(rf.get("/en/about/"), "fr")


def test_alternate_links_for_every_language_and_x_default(rf: RequestFactory) -> None:
    request = rf.get("/de/articles/hallo/?utm_source=x")
    set_current_object(request, ARTICLES[0])
    assert alternate_links(request) == [
        ("en", "https://example.com/en/articles/hello/"),
        ("de", "https://example.com/de/articles/hallo/"),
        ("ru", "https://example.com/ru/articles/privet/"),
        ("ar", "https://example.com/ar/articles/%D9%85%D8%B1%D8%AD%D8%A8%D8%A7/"),
        ("x-default", "https://example.com/en/articles/hello/"),
    ]


@pytest.mark.parametrize("query", ["page=3&sort=a", "page=1", "page=abc", "page=%C2%B2", ""])
def test_a_page_parameter_the_view_did_not_register_is_dropped(rf: RequestFactory, query: str) -> None:
    # Only the view knows which page it shows; a raw ?page= may name one it does not have.
    request = rf.get(f"/en/about/?{query}")
    assert alternate_links(request)[1] == ("de", "https://example.com/de/about/")
    with translation.override("en"):
        assert current_canonical_url(request) == "https://example.com/en/about/"


@pytest.mark.parametrize(
    ("shown", "suffix", "switched"),
    [(4, "?page=4", "/de/about/?page=4&sort=a"), (1, "", "/de/about/?sort=a")],
)
def test_the_registered_page_names_canonical_alternates_and_switcher(
    rf: RequestFactory, shown: int, suffix: str, switched: str
) -> None:
    request = rf.get("/en/about/?page=last&sort=a")
    set_current_page(request, shown)
    assert alternate_links(request) == [
        ("en", f"https://example.com/en/about/{suffix}"),
        ("de", f"https://example.com/de/about/{suffix}"),
        ("ru", f"https://example.com/ru/about/{suffix}"),
        ("ar", f"https://example.com/ar/about/{suffix}"),
        ("x-default", f"https://example.com/en/about/{suffix}"),
    ]
    with translation.override("en"):
        assert current_canonical_url(request) == f"https://example.com/en/about/{suffix}"
    assert translate_current_url(request, "de") == switched
    assert translate_current_url(request, "de", keep_query=False) == "/de/about/"


def test_a_page_number_below_one_is_a_value_error(rf: RequestFactory) -> None:
    with pytest.raises(ValueError, match=r"^set_current_page\(\) needs a page number of 1 or more, got 0\.$"):
        set_current_page(rf.get("/en/about/"), 0)


@override_settings(SITEMAP_DEFAULT_LANGUAGE="ru")
def test_x_default_follows_sitemap_default_language(rf: RequestFactory) -> None:
    assert alternate_links(rf.get("/en/about/"))[-1] == ("x-default", "https://example.com/ru/about/")


def test_canonical_url_is_self_referencing_in_the_current_language(rf: RequestFactory) -> None:
    request = rf.get("/en/articles/hello/?ref=nav")
    set_current_object(request, ARTICLES[0])
    with translation.override("de"):
        assert current_canonical_url(request) == "https://example.com/de/articles/hallo/"
    request.LANGUAGE_CODE = "ru"
    assert current_canonical_url(request) == "https://example.com/ru/articles/privet/"


def test_canonical_url_falls_back_to_language_code_when_translation_is_deactivated(
    rf: RequestFactory,
) -> None:
    request = rf.get("/en/about/")
    translation.deactivate_all()
    try:
        assert current_canonical_url(request) == "https://example.com/en/about/"
    finally:
        translation.activate("en")


@override_settings(CANONICAL_DOMAIN="")
def test_empty_canonical_domain_is_reported(rf: RequestFactory) -> None:
    with pytest.raises(ValueError, match="CANONICAL_DOMAIN is empty"):
        alternate_links(rf.get("/en/about/"))


@override_settings(MIDDLEWARE=I18N_MIDDLEWARE)
def test_tags_render_the_whole_head_of_an_object_page(client: Client) -> None:
    response = client.get("/de/articles/hallo/?page=2&utm=x")
    assert response.status_code == 200
    assert response.content.decode() == (
        '<a href="/de/articles/hallo/?page=2&amp;utm=x">de</a>\n'
        '<link rel="alternate" hreflang="en" href="https://example.com/en/articles/hello/">\n'
        '<link rel="alternate" hreflang="de" href="https://example.com/de/articles/hallo/">\n'
        '<link rel="alternate" hreflang="ru" href="https://example.com/ru/articles/privet/">\n'
        '<link rel="alternate" hreflang="ar" href="https://example.com/ar/articles/%D9%85%D8%B1%D8%AD%D8%A8%D8%A7/">\n'
        '<link rel="alternate" hreflang="x-default" href="https://example.com/en/articles/hello/">\n'
        '<link rel="canonical" href="https://example.com/de/articles/hallo/">'
    )


@override_settings(MIDDLEWARE=I18N_MIDDLEWARE)
def test_tags_on_a_page_without_object(client: Client) -> None:
    response = client.get("/ru/pages/contacts/")
    assert response.content.decode() == (
        '<a href="/de/pages/contacts/">de</a>\n'
        '<link rel="alternate" hreflang="en" href="https://example.com/en/pages/contacts/">\n'
        '<link rel="alternate" hreflang="de" href="https://example.com/de/pages/contacts/">\n'
        '<link rel="alternate" hreflang="ru" href="https://example.com/ru/pages/contacts/">\n'
        '<link rel="alternate" hreflang="ar" href="https://example.com/ar/pages/contacts/">\n'
        '<link rel="alternate" hreflang="x-default" href="https://example.com/en/pages/contacts/">\n'
        '<link rel="canonical" href="https://example.com/ru/pages/contacts/">'
    )


def test_tags_render_nothing_without_a_request() -> None:
    from django.template import Context

    from tests.core.support_i18n.urls import HEAD

    assert HEAD.render(Context({})) == '<a href="">de</a>\n<link rel="canonical" href="">'


#: Paths a client can send that Django's translate_url() splits into a foreign host and a path.
CRAFTED_PATHS = [
    "//evil.example/en/about/",
    "///evil.example/en/about/",
    "/\\evil.example/en/about/",
    "/\\/evil.example/en/about/",
    "/http://evil.example/en/about/",
    "/https:evil.example/en/about/",
    "/en/about//evil.example",
    "/%2F%2Fevil.example/en/about/",
    "//evil.example",
]


def crafted(rf: RequestFactory, path: str, query: str = "") -> WSGIRequest:
    """A request whose PATH_INFO is exactly ``path`` (RequestFactory.get() would parse a host out of it)."""
    return rf.request(PATH_INFO=path, QUERY_STRING=query, REQUEST_METHOD="GET")


@pytest.mark.parametrize("path", CRAFTED_PATHS)
def test_an_unresolvable_path_switches_to_the_languages_root(rf: RequestFactory, path: str) -> None:
    request = crafted(rf, path, "next=//evil.example")
    assert [translate_current_url(request, code) for code in ("en", "de", "ru", "ar")] == [
        "/en/",
        "/de/",
        "/ru/",
        "/ar/",
    ]


@pytest.mark.parametrize("path", CRAFTED_PATHS)
def test_an_unresolvable_path_has_no_canonical_and_no_alternates(rf: RequestFactory, path: str) -> None:
    request = crafted(rf, path)
    assert alternate_links(request) == []
    assert current_canonical_url(request) == ""


def test_a_resolvable_path_is_rebuilt_by_reverse_not_copied(rf: RequestFactory) -> None:
    # "/en/about/" resolves; the URL is reversed from its match, so the raw spelling never leaks.
    request = crafted(rf, "/en/about/", "q=%22x%22&q=%C3%BC&empty=")
    assert translate_current_url(request, "de") == "/de/about/?q=%22x%22&q=%C3%BC&empty="
    assert translate_current_url(request, "de", keep_query=False) == "/de/about/"


def test_an_object_url_on_another_host_is_not_trusted(rf: RequestFactory) -> None:
    class Foreign:
        def get_absolute_url(self) -> str:
            return "//evil.example/en/about/"

    request = rf.get("/en/about/")
    set_current_object(request, Foreign())
    assert translate_current_url(request, "de") == "/de/"
    assert alternate_links(request) == []
    assert current_canonical_url(request) == ""


@pytest.mark.parametrize("path", ["/en/unnamed/", "/en/legacy/7/"])
def test_a_route_that_cannot_be_reversed_is_treated_as_unresolvable(client: Client, path: str) -> None:
    # No name, or a converter that refuses to build the URL: nothing to rebuild, nothing copied.
    with override_settings(MIDDLEWARE=I18N_MIDDLEWARE):
        response = client.get(path)
    assert response.status_code == 200
    assert response.content.decode() == '<a href="/de/">de</a>\n<link rel="canonical" href="">'


def test_canonical_url_needs_an_absolute_path() -> None:
    with pytest.raises(
        ValueError, match=r"^canonical_url\(\) needs an absolute path starting with '/', got 'en/'\.$"
    ):
        canonical_url("en/")
    assert canonical_url("/en/") == "https://example.com/en/"
