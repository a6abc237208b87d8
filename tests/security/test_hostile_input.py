"""Hostile URL parts, query parameters and headers: a 404, a 400 or a page — never a 500.

The test client re-raises any exception a view lets escape, so a would-be 500 fails the test
with its traceback. Every value goes through the URL both percent-encoded and, where the
client can send it, raw.
"""

from __future__ import annotations

from urllib.parse import quote

import lxml.html
import pytest
import redis
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from django.utils import translation

from codex_core.seo.selectors import get_static_page_seo

HOSTILE = {
    "unicode": "Ünïcødé-статья-文章",
    "emoji": "💥🙂",
    "rtl_override": "abc\u202edef",
    "long": "a" * 5000,
    "long_unicode": "ж" * 2000,
    "colon": "home:en",
    "glob": "*",
    "glob_mix": "a:b*c?[d]",
    "newline": "line\nbreak\r\nheader: x",
    "traversal": "../../etc/passwd",
    "encoded_traversal": "..%2F..%2Fetc%2Fpasswd",
    "nul": "nul\x00byte",
    "script": "<script>alert(1)</script>",
    "sql": "' OR 1=1 --",
    "empty": "",
    "space": " ",
}

OK_STATUSES = {200, 301, 302, 400, 404}


@pytest.fixture
def client() -> Client:
    return Client(raise_request_exception=True)


PATH_TEMPLATES = [
    "/en/articles/{}/",
    "/de/artikel/{}/",
    "/en/masters/{}/",
    "/en/{}/",
    "/{}/",
    "/{}/articles/",
    "/sitemap-{}.xml",
]


def test_hostile_path_parts_give_404(demo: None, client: Client) -> None:
    seen = {
        (template, name): client.get(template.format(quote(value, safe="")))
        for template in PATH_TEMPLATES
        for name, value in HOSTILE.items()
    }
    wrong = {k: r.status_code for k, r in seen.items() if r.status_code not in {404, 301, 302}}
    assert wrong == {}
    assert [k for k, r in seen.items() if b"<script>alert(1)</script>" in r.content] == []


def test_hostile_date_parameter_shows_the_form_error(demo: None, client: Client) -> None:
    for name, value in HOSTILE.items():
        response = client.get("/en/masters/anna-schmidt/", {"date": value})
        assert response.status_code == 200, name
        assert b"<script>alert(1)</script>" not in response.content, name
        assert response.context["day"] is None, name


def test_hostile_page_number_is_a_404(demo: None, client: Client) -> None:
    statuses = {
        name: client.get("/en/articles/", {"page": value}).status_code for name, value in HOSTILE.items()
    }
    assert statuses == {name: 200 if name == "empty" else 404 for name in HOSTILE}


def test_hostile_language_in_headers_cookie_and_set_language(demo: None, client: Client) -> None:
    for name, value in HOSTILE.items():
        header = value.replace("\n", " ").replace("\r", " ").replace("\x00", "")
        assert client.get("/", HTTP_ACCEPT_LANGUAGE=header).status_code in OK_STATUSES, name
        client.cookies["django_language"] = quote(value)
        assert client.get("/en/about/").status_code == 200, name
        response = client.post("/i18n/setlang/", {"language": value, "next": "/en/about/"})
        assert (response.status_code, response["Location"]) == (302, "/en/about/"), name


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "https:evil.example",
        "\\\\evil.example",
        "javascript:alert(1)",
        " https://evil.example/",
        "https://evil.example%2F@127.0.0.1/",
    ],
)
def test_set_language_never_redirects_off_site(db: None, client: Client, target: str) -> None:
    for data, headers in (
        ({"language": "de", "next": target}, {}),
        ({"language": "de"}, {"HTTP_REFERER": target}),
    ):
        response = client.post("/i18n/setlang/", data, **headers)
        assert response.status_code == 302
        location = response["Location"]
        assert location.startswith("/"), location
        assert not location.startswith(("//", "/\\")), location
        assert "evil.example" not in location
        assert "javascript" not in location


def test_set_language_keeps_an_on_site_next_in_the_new_language(demo: None, client: Client) -> None:
    response = client.post("/i18n/setlang/", {"language": "de", "next": "/en/about/"})
    assert response.status_code == 302
    assert response["Location"].startswith("/de/")


def test_hostile_page_keys_never_collide_with_real_pages(demo: None, redis_client: redis.Redis) -> None:
    home = get_static_page_seo("home", language="en")
    assert home["seo_title"] == "Codex Demo — grooming and beauty in Berlin"
    for value in HOSTILE.values():
        assert get_static_page_seo(value, language="en") == {}
        assert get_static_page_seo(value, language="en") == {}  # now from the cached marker
        assert get_static_page_seo("home", language="en") == home
    cached = {key for key in redis_client.keys("*") if not key.endswith("#gen")}  # not refill tokens
    keys = cached - {"codex_demo:site_settings", "codex_demo:seo:en:{home}"}
    assert len(keys) == len(HOSTILE)  # one key each: no two hostile keys collided, none hit "home"
    for key in keys:
        assert key.startswith("codex_demo:seo:en:")
        assert key.count(":") == 3, key
        assert not set("*?[] \n\r\x00") & set(key), key
        assert redis_client.hgetall(key) == {"__codex_missing__": "1"}


def test_hostile_language_of_a_seo_lookup_is_escaped_too(demo: None, redis_client: redis.Redis) -> None:
    assert get_static_page_seo("home", language="en:home") == get_static_page_seo("home", language="en:home")
    assert "codex_demo:seo:en%3Ahome:{home}" in redis_client.keys("*")


#: Raw paths (sent as PATH_INFO, unparsed) that a naive URL helper turns into a foreign host.
CRAFTED_PATHS = [
    "//evil.example/en/about/",
    "///evil.example/en/about/",
    "/\\evil.example/en/about/",
    "/\\/evil.example/de/ueber-uns/",
    "/%2F%2Fevil.example/en/about/",
    "/%5Cevil.example/en/about/",
    "/http://evil.example/en/about/",
    "/https:evil.example/en/",
    "/en/about//evil.example",
    "/en//evil.example/",
    "/en/articles//evil.example/",
    "//evil.example/en/articles/?page=last",
    "//evil.example",
]


def raw_get(client: Client, path: str) -> HttpResponse:
    """GET with exactly ``path`` as PATH_INFO; Client.get() would parse ``//host`` off the path."""
    path, _, query = path.partition("?")
    return client.request(PATH_INFO=path, QUERY_STRING=query, REQUEST_METHOD="GET")


@pytest.mark.parametrize("path", CRAFTED_PATHS)
def test_crafted_paths_never_link_or_redirect_to_another_host(demo: None, client: Client, path: str) -> None:
    response = raw_get(client, path)
    assert response.status_code in {302, 404}
    assert "evil.example" not in response.get("Location", "")
    body = response.content.decode()
    assert "evil.example" not in body
    switcher = lxml.html.fromstring(body).xpath("//nav[@class='language-switcher']//a/@href") if body else []
    assert switcher in ([], ["/en/", "/de/", "/ru/", "/ar/"])


def test_a_hostile_query_stays_a_query_of_our_own_page(demo: None, client: Client) -> None:
    with translation.override("ar"):
        arabic_about = reverse("pages:about")
    response = client.get("/en/about/", {"next": "//evil.example/", "x": "\\\\evil.example"})
    doc = lxml.html.fromstring(response.content)
    assert doc.xpath("//nav[@class='language-switcher']//a/@href") == [
        f"{path}?next=%2F%2Fevil.example%2F&x=%5C%5Cevil.example"
        for path in ("/en/about/", "/de/ueber-uns/", "/ru/o-nas/", arabic_about)
    ]
    head_urls = doc.xpath("//link[@rel='canonical' or @rel='alternate']/@href")
    assert len(head_urls) == 1 + 4 + 1  # canonical, one per language, x-default
    assert [url for url in head_urls if not url.startswith("http://127.0.0.1:8000/") or "evil" in url] == []
