"""Hypothesis strategies for one request to the demo: path, query, headers, cookie and body.

Every value is drawn from three pools: values the site knows (real slugs and ids, real
language codes), values of the right shape (what the converter or form field accepts) and
hostile text (``//evil.example``, ``%2F``, ``..``, NUL, ``<script>``, very long, Unicode).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import quote

from django.conf import settings
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from hypothesis import strategies as st

from tests.fuzz.patterns import Param, Route

HOSTILE = [
    "//evil.example",
    "//evil.example/",
    "/\\evil.example",
    "https://evil.example/",
    "https:evil.example",
    "javascript:alert(1)",
    "%2F",
    "%2F%2Fevil.example",
    "..",
    "../../etc/passwd",
    "..%2F..%2F",
    "\x00",
    "nul\x00byte",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' OR 1=1 --",
    "Ünïcødé-статья-文章",
    "💥",
    "abc\u202edef",
    "a" * 3000,
    "ж" * 1000,
    "*",
    "a:b*c?[d]",
    "line\nbreak\r\nX-Injected: 1",
    "",
    " ",
    "%",
    "%zz",
    "%00",
    "%E2%80%AE",
    "0",
    "-1",
    "99999999999999999999999",
    "last",
    "1e3",
]
#: Hosts a link or redirect must never point at; the property checks any host, these are bait.
EVIL_PREFIXES = ["", "", "", "", "/", "//evil.example", "/%2F%2Fevil.example", "/\\evil.example", "/.."]

#: Any character that can travel as UTF-8 (no lone surrogates).
CHARACTERS = st.characters(codec="utf-8")

LANGUAGE_TAGS = [
    "en",
    "de",
    "ru",
    "ar",
    "EN",
    "ar-SA",
    "ar-EG",
    "de-DE",
    "de-at",
    "en-us",
    "en-GB",
    "ru-RU",
    "fr",
    "zh-Hant-TW",
    "*",
    "x",
]


@dataclass(frozen=True)
class Corpus:
    """Values the seeded demo knows, so that drawn paths also reach the views' happy paths."""

    slugs: tuple[str, ...]
    ids: tuple[str, ...]
    names: tuple[str, ...]  # sitemap sections, app labels
    today: date
    pages: dict[str, tuple[str, ...]]  # route name -> real paths of it (from the sitemaps)
    booking: tuple[str, str] | None = None  # a master's page and a free slot's start


def hostile_text() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(HOSTILE), st.text(CHARACTERS, max_size=12), st.text(CHARACTERS, max_size=80)
    )


def _shaped(param: Param) -> st.SearchStrategy[str]:
    if param.kind == "int":
        return st.integers(min_value=0, max_value=2**70).map(str)
    if param.kind == "slug":
        return st.from_regex(r"[-a-zA-Z0-9_]+", fullmatch=True, alphabet=CHARACTERS)
    if param.kind == "uuid":
        return st.uuids().map(str)
    if param.kind == "str":
        return st.text(st.characters(codec="utf-8", exclude_characters="/"), min_size=1, max_size=60)
    if param.kind == "path":
        return st.text(CHARACTERS, min_size=1, max_size=80)
    return st.from_regex(param.regex or ".+", fullmatch=True, alphabet=CHARACTERS)


def param_value(param: Param, corpus: Corpus) -> st.SearchStrategy[str]:
    """A value for one path parameter, quoted the way it may appear on the wire."""
    known = st.sampled_from(corpus.slugs + corpus.ids + corpus.names)
    raw = st.one_of(known, known, _shaped(param), hostile_text())
    return st.tuples(raw, st.sampled_from(["", "/:@<>'\"*", "/:@<>'\"*%"])).map(
        lambda pair: quote(pair[0], safe=pair[1])
    )


def path_for(route: Route, corpus: Corpus) -> st.SearchStrategy[str]:
    """A raw request path for ``route``: its language, values and a hostile prefix or suffix."""
    languages = [code for code, _name in settings.LANGUAGES]
    values = st.fixed_dictionaries({p.name: param_value(p, corpus) for p in route.params})
    language = st.sampled_from(languages)
    prefix = st.one_of(st.none(), st.none(), st.none(), st.sampled_from(["", "xx", *LANGUAGE_TAGS]))
    suffix = st.sampled_from(["", "", "", "", "x", "/", "%2F", "/..", "?"])
    return st.builds(
        lambda v, lang, pre, evil, end: evil + route.build(v, language=lang, prefix=pre) + end,
        values,
        language,
        prefix,
        st.sampled_from(EVIL_PREFIXES),
        suffix,
    )


def edge_dates(corpus: Corpus) -> list[str]:
    """Boundary days: the calendar's ends, a leap day, yesterday, today."""
    days = [
        date.min,
        date.max,
        date.max - timedelta(days=1),
        date(2000, 2, 29),
        corpus.today - timedelta(days=1),
    ]
    return [*[day.isoformat() for day in days], corpus.today.isoformat()]


#: Edge values of the query parameters the views read (``page`` of a list, ``p`` of a sitemap).
EDGE_PAGES = ["2", "last", "0", "999", "-1", "abc"]


def query_string(corpus: Corpus) -> st.SearchStrategy[str]:
    """``page``, ``date``, ``next``, ``p``, ``language``, each present half the time, and random keys."""
    dates = st.one_of(
        st.sampled_from(edge_dates(corpus)),
        st.dates().map(date.isoformat),
        st.integers(-3, 60).map(lambda d: (corpus.today + timedelta(days=d)).isoformat()),
        hostile_text(),
    )
    pages = st.one_of(st.sampled_from(EDGE_PAGES), hostile_text())
    named = st.fixed_dictionaries(
        {},
        optional={
            "page": pages,
            "date": dates,
            "next": st.one_of(st.sampled_from(["/en/about/", "/de/"]), hostile_text()),
            "p": pages,
            "language": st.sampled_from(LANGUAGE_TAGS),
        },
    )
    pairs = st.tuples(
        named, st.lists(st.tuples(st.text(CHARACTERS, max_size=10), hostile_text()), max_size=2)
    )
    return st.tuples(pairs, st.booleans()).map(lambda drawn: encode_query(drawn[0], raw=drawn[1]))


def encode_query(drawn: tuple[dict[str, str], list[tuple[str, str]]], *, raw: bool = False) -> str:
    """The query string on the wire; ``raw`` leaves ``/``, ``:`` and ``@`` unquoted in values."""
    named, extra = drawn
    items = [*named.items(), *extra]
    return "&".join(f"{quote(k, safe='')}={quote(v, safe='/:@' if raw else '')}" for k, v in items)


def header_text() -> st.SearchStrategy[str]:
    """Header values a server passes on: Latin-1, no CR, LF or NUL."""
    return st.text(st.characters(min_codepoint=1, max_codepoint=255, exclude_characters="\r\n"), max_size=200)


def accept_language() -> st.SearchStrategy[str]:
    weight = st.one_of(
        st.just(""), st.sampled_from([";q=0.9", ";q=0", ";q=1.0", ";q=abc", ";q=-1", ";q=1e9"])
    )
    tag = st.tuples(st.sampled_from(LANGUAGE_TAGS), weight).map("".join)
    return st.one_of(st.lists(tag, max_size=4).map(", ".join), header_text())


def cookie_value() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(LANGUAGE_TAGS), header_text().map(lambda v: v.replace(";", "")))


@dataclass(frozen=True)
class Body:
    """A POST body as sent: bytes and their content type."""

    data: bytes
    content_type: str

    def __repr__(self) -> str:
        return f"Body({self.content_type!r}, {self.data[:500]!r})"


def _encode(fields: dict[str, str], how: str) -> Body:
    if how == "multipart":
        return Body(encode_multipart(BOUNDARY, fields), MULTIPART_CONTENT)
    encoded = "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in fields.items())
    return Body(encoded.encode(), "application/x-www-form-urlencoded")


def form_fields(corpus: Corpus) -> st.SearchStrategy[dict[str, str]]:
    """The fields of every form of the demo: set_language, the booking form, the admin login."""
    starts = st.one_of(
        st.builds(
            lambda d, h, m, fmt: (corpus.today + timedelta(days=d)).isoformat() + fmt.format(h, m),
            st.integers(-2, 14),
            st.integers(0, 23),
            st.sampled_from([0, 30, 45]),
            st.sampled_from(
                ["T{:02d}:{:02d}", " {:02d}:{:02d}:00", "T{:02d}:{:02d}:00+00:00", "T{:02d}:{:02d}Z"]
            ),
        ),
        hostile_text(),
    )
    emails = st.one_of(
        st.sampled_from(["eva@example.com", "a@b.c", "not-an-email"]), st.emails(), hostile_text()
    )
    names = st.one_of(st.sampled_from(["Eva", "Анна"]), hostile_text())
    nexts = st.one_of(st.sampled_from(["/en/about/", "/de/artikel/", "/", ""]), hostile_text())
    optional = {
        "set_language": {
            "language": st.one_of(st.sampled_from(LANGUAGE_TAGS), hostile_text()),
            "next": nexts,
        },
        "booking": {"start": starts, "client_name": names, "client_email": emails},
        "login": {"username": names, "password": hostile_text(), "next": nexts},
        "random": {"x": hostile_text()},
    }
    return st.one_of(
        *[st.fixed_dictionaries({}, optional=fields) for fields in optional.values()],
        st.dictionaries(st.text(CHARACTERS, max_size=12), hostile_text(), max_size=4),
    )


def body(corpus: Corpus) -> st.SearchStrategy[Body]:
    forms = st.builds(_encode, form_fields(corpus), st.sampled_from(["urlencoded", "multipart"]))
    junk = st.builds(
        Body,
        st.binary(max_size=200),
        st.sampled_from(
            ["application/x-www-form-urlencoded", MULTIPART_CONTENT, "application/json", "text/plain"]
        ),
    )
    return st.one_of(forms, forms, forms, junk)
