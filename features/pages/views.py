"""Views of the static pages. Their head comes from the ``seo`` context (``StaticPageSeo``)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse

from codex_core.urls import canonical_url
from features.articles.selectors import article_list_public

#: How many recent articles the home page lists.
HOME_ARTICLE_COUNT = 5


def home(request: HttpRequest) -> HttpResponse:
    """The home page with the most recent public articles."""
    articles = list(article_list_public()[:HOME_ARTICLE_COUNT])
    return render(request, "pages/home.html", {"articles": articles})


def about(request: HttpRequest) -> HttpResponse:
    """The about page."""
    return render(request, "pages/about.html")


def contacts(request: HttpRequest) -> HttpResponse:
    """The contacts page, showing the contact data of ``site_settings``."""
    return render(request, "pages/contacts.html")


def robots_txt(request: HttpRequest) -> HttpResponse:
    """``/robots.txt``: keep crawlers out of the admin and point them at the sitemap index."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /i18n/",
        "",
        f"Sitemap: {canonical_url(reverse('sitemap_index'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def favicon(request: HttpRequest) -> HttpResponseRedirect:
    """``/favicon.ico``: browsers ask for it on every page; point them at the static icon."""
    return HttpResponseRedirect(static("img/favicon.svg"))
