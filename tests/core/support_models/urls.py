"""URLconf for codex_core tests: admin, named pages (some namespaced) and an unnamed route."""

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import include, path


def page(request: HttpRequest) -> HttpResponse:
    template = engines["django"].from_string("{{ seo.seo_title }}|{{ seo.seo_description }}")
    return HttpResponse(template.render(request=request))


pages_patterns = ([path("about/", page, name="about")], "pages")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", page, name="home"),
    path("pages/", include(pages_patterns)),
    path("unnamed/", page),
]
