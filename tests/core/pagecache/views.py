"""Views and a URLconf for the page cache tests: one cacheable page per reason not to cache."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template import RequestContext, Template
from django.urls import path
from django.utils.cache import patch_vary_headers

from codex_core.pagecache import add_tag, page_cache
from demo_site.urls import urlpatterns as demo_urlpatterns
from features.articles.models import Article

#: Called by :func:`article` after it read the row (tests hold the render there).
after_read: list[Callable[[], None]] = []
renders: list[str] = []


@page_cache
def article(request: HttpRequest, pk: object) -> HttpResponse:
    row = Article.objects.get(pk=pk)
    add_tag("article", pk)
    renders.append(request.path)
    for hook in after_read:
        hook()
    return HttpResponse(f"<h1>{row.title_en}</h1>")


@page_cache(query=("page",))
def listing(request: HttpRequest) -> HttpResponse:
    add_tag("article_list")
    return HttpResponse(f"page {request.GET.get('page', '1')}")


def uncached(request: HttpRequest) -> HttpResponse:
    return HttpResponse("not opted in")


@page_cache
def sets_cookie(request: HttpRequest) -> HttpResponse:
    response = HttpResponse("cookie")
    response.set_cookie("flavour", "oat")
    return response


@page_cache
def varies_on_cookie(request: HttpRequest) -> HttpResponse:
    response = HttpResponse("vary")
    patch_vary_headers(response, ("Cookie",))
    return response


@page_cache
def reads_session(request: HttpRequest) -> HttpResponse:
    return HttpResponse(f"visits {request.session.get('visits', 0)}")


@page_cache
def csrf_form(request: HttpRequest) -> HttpResponse:
    template = Template('<form method="post">{% csrf_token %}<button>Book</button></form>')
    return HttpResponse(template.render(RequestContext(request)))


@page_cache
def with_message(request: HttpRequest) -> HttpResponse:
    messages.info(request, "Booked.")
    return HttpResponse("message queued")


@page_cache
def greets_user(request: HttpRequest) -> HttpResponse:
    name = request.user.get_username() if request.user.is_authenticated else "guest"
    return HttpResponse(f"hello {name}")


@page_cache(vary=("X-Device",))
def device(request: HttpRequest) -> HttpResponse:
    return HttpResponse(f"for {request.headers.get('X-Device', 'any')}")


@page_cache
def missing(request: HttpRequest) -> HttpResponse:
    raise Http404("no such page")


@page_cache
def moved(request: HttpRequest) -> HttpResponse:
    return HttpResponseRedirect("/t/list/")


urlpatterns = [
    path("t/article/<uuid:pk>/", article, name="article"),
    path("t/list/", listing, name="listing"),
    path("t/uncached/", uncached),
    path("t/cookie/", sets_cookie),
    path("t/vary/", varies_on_cookie),
    path("t/session/", reads_session),
    path("t/csrf/", csrf_form),
    path("t/message/", with_message),
    path("t/user/", greets_user),
    path("t/device/", device),
    path("t/missing/", missing),
    path("t/moved/", moved),
    *demo_urlpatterns,  # the error pages' templates link to the demo's pages
]
