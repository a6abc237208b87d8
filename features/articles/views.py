"""Views of the articles feature: a paginated list and a detail page per language."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.encoding import uri_to_iri
from django.utils.translation import gettext
from django.views.generic import ListView

from codex_core.i18n import set_current_object, set_current_page
from features.articles.meta import article_meta
from features.articles.models import ArticleQuerySet
from features.articles.selectors import (
    article_find_public_by_any_slug,
    article_get_public,
    article_list_public,
)


class ArticleListView(ListView):  # type: ignore[type-arg]  # not subscriptable at runtime
    """Public articles, 10 a page; a page number that is not a number or out of range is a 404.

    ``?page=last`` (Django's paginator accepts it) shows the last page; the page shown is
    registered, so canonical, hreflang and the language switcher name it by number.
    """

    paginate_by = 10
    template_name = "articles/list.html"
    context_object_name = "articles"

    def get_queryset(self) -> ArticleQuerySet:
        return article_list_public()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        title = gettext("Articles")
        if page is not None:
            set_current_page(self.request, page.number, param=self.page_kwarg)
        if page is not None and page.number > 1:
            title = gettext("Articles, page %(number)s") % {"number": page.number}
        description = gettext("Care guides from our Berlin salon: haircuts, colour, shaving, nails and skin.")
        context["meta"] = {"title": title, "description": description, "type": "website"}
        return context


def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """One article under the active language's slug.

    Another language's slug redirects permanently to this language's URL (the set_language
    view keeps the slug when it switches the prefix); an unknown slug is a 404.
    """
    try:
        article = article_get_public(slug=slug)
    except Http404:
        other = article_find_public_by_any_slug(slug=slug)
        # request.path is decoded (an IRI), get_absolute_url() percent-encoded (a URI): compare IRIs,
        # or a Unicode slug this language falls back to would redirect to itself for ever.
        if other is None or uri_to_iri(other.get_absolute_url()) == request.path:
            raise
        return redirect(other, permanent=True)
    set_current_object(request, article)
    return render(request, "articles/detail.html", {"article": article, "meta": article_meta(article)})
