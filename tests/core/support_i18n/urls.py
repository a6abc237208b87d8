"""Test URLconf: language-prefixed pages, a namespaced page and objects with per-language slugs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.conf.urls.i18n import i18n_patterns
from django.http import Http404, HttpRequest, HttpResponse
from django.template import Context, Template
from django.urls import include, path, re_path, register_converter, reverse
from django.utils.translation import get_language

from codex_core.i18n import set_current_object

HEAD = Template(
    "{% load codex_i18n %}"
    '<a href="{% translate_url "de" %}">de</a>\n'
    "{% alternate_links as links %}"
    '{% for lang, url in links %}<link rel="alternate" hreflang="{{ lang }}" href="{{ url }}">\n{% endfor %}'
    '<link rel="canonical" href="{% canonical_url %}">'
)


@dataclass
class Article:
    """A plain object with one slug per language, like a modeltranslation model."""

    slugs: dict[str, str]
    updated_at: datetime | None = None
    languages: list[str] = field(default_factory=lambda: ["en", "de", "ru", "ar"])

    def get_absolute_url(self) -> str:
        return reverse("article", kwargs={"slug": self.slugs[get_language()]})


ARTICLES = [
    Article({"en": "hello", "de": "hallo", "ru": "privet", "ar": "مرحبا"}, datetime(2024, 5, 1, 12, 0)),
    Article({"en": "bye", "de": "tschuess", "ru": "poka", "ar": "وداعا"}, datetime(2024, 6, 2, 8, 30)),
]


def page(request: HttpRequest) -> HttpResponse:
    return HttpResponse(HEAD.render(Context({"request": request})))


def article(request: HttpRequest, slug: str) -> HttpResponse:
    for candidate in ARTICLES:
        if candidate.slugs.get(get_language()) == slug:
            set_current_object(request, candidate)
            return page(request)
    raise Http404(slug)


class LegacyIdConverter:
    """Old ``/legacy/<id>/`` URLs still resolve, but none is ever built (``to_url`` refuses)."""

    regex = "[0-9]+"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        raise ValueError("legacy URLs are not generated")


register_converter(LegacyIdConverter, "legacy")

pages_patterns = [path("contacts/", page, name="contacts")]

urlpatterns = i18n_patterns(
    path("about/", page, name="about"),
    # Unicode slugs (Arabic), as the demo's articles: "<slug:>" is ASCII only.
    re_path(r"^articles/(?P<slug>[-\w]+)/$", article, name="article"),
    path("pages/", include((pages_patterns, "pages"))),
    path("legacy/<legacy:number>/", lambda request, number: page(request), name="legacy"),
    path("unnamed/", page),
    prefix_default_language=True,
)
