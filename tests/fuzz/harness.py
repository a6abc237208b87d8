"""Send one fuzz case through Django's test client and check every response it leads to.

The request is built as a WSGI server hands it over (``PATH_INFO`` percent-decoded and
Latin-1, ``QUERY_STRING`` raw), so a path such as ``//evil.example/en/about/`` reaches
Django as it would from the wire instead of being read as a host by ``urlsplit``.
Redirects to our own host are followed (a booking's redirect shows its message); a 200 page
with a canonical link must have a canonical that answers 200 with the same ``<title>``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import unquote_to_bytes, urljoin, urlsplit

from django.http import HttpResponse
from django.test import Client
from lxml import html as lxml_html

from tests.fuzz.cases import Case
from tests.fuzz.properties import Site, check

REDIRECTS = {301, 302, 303, 307, 308}
MAX_HOPS = 3


@dataclass
class Tally:
    """What a fuzz run did: cases, requests and the routes it reached."""

    cases: int = 0
    requests: int = 0
    routes: set[str] = field(default_factory=set)


def _environ(case: Case, client: Client, path: str, query: str) -> dict[str, str]:
    environ = {
        "PATH_INFO": unquote_to_bytes(path).decode("iso-8859-1"),
        "QUERY_STRING": query,
    }
    if case.accept_language is not None:
        environ["HTTP_ACCEPT_LANGUAGE"] = case.accept_language
    if case.referer is not None:
        environ["HTTP_REFERER"] = case.referer
    cookies = [f"{m.key}={m.coded_value}" for m in client.cookies.values()]
    if case.cookie is not None:
        cookies.append(f"django_language={case.cookie}")
    environ["HTTP_COOKIE"] = "; ".join(cookies)
    return environ


def send(client: Client, case: Case, tally: Tally, *, method: str, path: str, query: str) -> HttpResponse:
    tally.requests += 1
    environ = _environ(case, client, path, query)
    if method == "POST" and case.body is not None:
        return client.generic("POST", "/", case.body.data, case.body.content_type, **environ)
    return client.generic(method, "/", **environ)


def run_case(case: Case, site: Site, tally: Tally) -> None:
    """Send ``case`` (twice when it asks for a warm cache), follow redirects, check all."""
    tally.cases += 1
    tally.routes.add(case.route)
    client = Client(raise_request_exception=True)
    for _attempt in range(2 if case.warm else 1):
        method, path, query = case.method, case.path, case.query
        for _hop in range(MAX_HOPS):
            response = send(client, case, tally, method=method, path=path, query=query)
            check(response, site)
            if response.status_code not in REDIRECTS:
                break
            target = urlsplit(urljoin(f"http://testserver{path}", response["Location"]))
            method, path, query = "GET", target.path, target.query
        if method == "GET" and response.status_code == 200:
            check_canonical(response, site, tally)


def check_canonical(response: HttpResponse, site: Site, tally: Tally) -> None:
    """The canonical of a page is a page: it answers 200, with the same title and ``og:url``."""
    if not response.get("Content-Type", "").startswith("text/html"):
        return
    root = lxml_html.fromstring(response.content.decode())
    canonical = root.xpath('//link[@rel="canonical"]/@href')
    if not canonical:
        return
    og_url = root.xpath('//meta[@property="og:url"]/@content')
    assert og_url in ([], canonical), f"og:url {og_url} differs from canonical {canonical}"
    title = root.findtext(".//title")
    target = urlsplit(canonical[0])
    tally.requests += 1
    answer = Client(raise_request_exception=True).get(target.path, QUERY_STRING=target.query)
    check(answer, site)
    assert answer.status_code == 200, f"canonical {canonical[0]} answers {answer.status_code}"
    shown = lxml_html.fromstring(answer.content.decode()).findtext(".//title")
    assert shown == title, f"canonical {canonical[0]} shows {shown!r}, the page shows {title!r}"
