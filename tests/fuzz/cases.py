"""One fuzz case: a request to one route, drawn whole, with a reproducer line for the report."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils import translation
from hypothesis import strategies as st

from tests.fuzz import strategies as fs
from tests.fuzz.patterns import Route

#: Settings the site must serve with whenever the system checks accept them (see ``configs``).
CONFIGS: list[tuple[tuple[str, str], ...]] = [
    (),
    (("LANGUAGE_CODE", "en-us"),),
    (("LANGUAGE_CODE", "de"),),
    (("LANGUAGE_CODE", "en-us"), ("SITEMAP_DEFAULT_LANGUAGE", "")),
    (("LANGUAGE_CODE", "de-at"), ("SITEMAP_DEFAULT_LANGUAGE", "")),
    (("SITEMAP_DEFAULT_LANGUAGE", ""),),
    (("SITEMAP_DEFAULT_LANGUAGE", "ru"),),
]


@dataclass(frozen=True)
class Case:
    """A request as the WSGI server would hand it to Django, plus the setting it runs under."""

    route: str
    method: str
    path: str
    query: str = ""
    accept_language: str | None = None
    cookie: str | None = None
    referer: str | None = None
    body: fs.Body | None = None
    config: tuple[tuple[str, str], ...] = ()
    warm: bool = False

    def reproducer(self) -> str:
        """A one-line description of the request: method, target, headers, body, setting."""
        target = self.path + (f"?{self.query}" if self.query else "")
        parts = [f"{self.method} {target!r}"]
        if self.accept_language is not None:
            parts.append(f"Accept-Language: {self.accept_language!r}")
        if self.cookie is not None:
            parts.append(f"Cookie: django_language={self.cookie!r}")
        if self.referer is not None:
            parts.append(f"Referer: {self.referer!r}")
        if self.body is not None:
            parts.append(f"body {self.body!r}")
        parts.extend(f"with {name}={value!r}" for name, value in self.config)
        return "  ".join(parts)


def cases(
    routes: list[Route], corpus: fs.Corpus, configs: list[tuple[tuple[str, str], ...]]
) -> st.SearchStrategy[Case]:
    """A request to a route of the URLconf.

    Half the cases take a real page (listed by the sitemaps, or a public route without
    parameters; each route with pages equally often) and vary everything else, so the views'
    own code runs; the other half build a path for any
    route, the public ones three times as often as the admin's and the debug toolbar's.
    """
    public = [r for r in routes if not r.name.startswith(("admin:", "djdt:"))]
    weighted = public * 3 + [r for r in routes if r not in public]
    by_name = {r.name: r for r in routes}
    known = sorted(name for name in corpus.pages if name in by_name)

    @st.composite
    def draw_case(draw: st.DrawFn) -> Case:
        if known and draw(st.booleans()):
            route = by_name[draw(st.sampled_from(known))]
            path = draw(st.sampled_from(corpus.pages[route.name]))
        else:
            route = draw(st.sampled_from(weighted))
            path = draw(fs.path_for(route, corpus))
        method = draw(st.sampled_from(["GET", "GET", "GET", "HEAD", "POST", "POST"]))
        optional = st.none() | st.none()
        return Case(
            route=route.name,
            method=method,
            path=path,
            query=draw(fs.query_string(corpus)),
            accept_language=draw(optional | fs.accept_language()),
            cookie=draw(optional | fs.cookie_value()),
            referer=draw(optional | fs.hostile_text().filter(lambda v: "\n" not in v and "\r" not in v)),
            body=draw(fs.body(corpus)) if method == "POST" else None,
            config=draw(st.just(()) | st.sampled_from(configs)),
            warm=draw(st.booleans()),
        )

    return draw_case()


def baseline_cases(routes: list[Route], corpus: fs.Corpus) -> list[Case]:
    """One GET per route, in turn per language, with values that resolve to that route if any do."""
    languages = [code for code, _name in settings.LANGUAGES]
    candidates = corpus.slugs + corpus.ids + corpus.names + ("x",)
    found = []
    for index, route in enumerate(routes):
        language = languages[index % len(languages)]
        paths = [
            route.build({p.name: value for p in route.params}, language=language) for value in candidates
        ]
        path = next((p for p in paths if _resolves_to(p, route, language)), paths[0])
        found.append(Case(route=route.name, method="GET", path=quote(path, safe="/:@")))
    return found


def _resolves_to(path: str, route: Route, language: str) -> bool:
    with translation.override(language):
        try:
            return resolve(path).func is route.chain[-1].callback
        except Resolver404:
            return False


def edge_cases(corpus: fs.Corpus, configs: list[tuple[tuple[str, str], ...]]) -> list[Case]:
    """Boundary values on a real page of each route, every accepted configuration, one booking."""
    found = []
    dates = fs.edge_dates(corpus)
    for name, paths in sorted(corpus.pages.items()):
        for index, page in enumerate(fs.EDGE_PAGES):
            query = fs.encode_query(({"page": page, "date": dates[index % len(dates)], "p": page}, []))
            found.append(Case(route=name, method="GET", path=paths[index % len(paths)], query=query))
    home = corpus.pages["pages:home"][0]
    found.extend(Case(route="pages:home", method="GET", path=home, config=config) for config in configs)
    if corpus.booking is not None:
        path, start = corpus.booking
        fields = {"start": start, "client_name": "Eva", "client_email": "eva@example.com"}
        body = fs.Body(fs.encode_query((fields, [])).encode(), "application/x-www-form-urlencoded")
        found.append(Case(route="booking:master_detail", method="POST", path=path, body=body))
    return found
