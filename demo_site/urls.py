"""URL configuration: language-prefixed public pages, admin, sitemaps and robots.txt."""

from __future__ import annotations

from django.apps import apps
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from codex_core import sitemaps as codex_sitemaps
from codex_core.pagecache import page_cache
from codex_core.sitemaps import StaticPagesSitemap
from demo_site.sitemap_views import sitemap_section
from features.articles.sitemaps import ArticleListSitemap, ArticleSitemap
from features.booking.sitemaps import MasterListSitemap, MasterSitemap
from features.pages.views import favicon, robots_txt

#: Sections of the sitemap index: ``/sitemap-<section>.xml``.
SITEMAPS = {
    "static": StaticPagesSitemap,
    "article-list": ArticleListSitemap,
    "articles": ArticleSitemap,
    "master-list": MasterListSitemap,
    "masters": MasterSitemap,
}

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon, name="favicon"),
    path(
        "sitemap.xml",
        page_cache(codex_sitemaps.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap_index",
    ),
    path(
        "sitemap-<section>.xml",
        page_cache(query=("p",))(sitemap_section),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
]

urlpatterns += i18n_patterns(
    path("", include("features.pages.urls")),
    path(_("articles/"), include("features.articles.urls")),
    path(_("masters/"), include("features.booking.urls")),
    prefix_default_language=True,
)

if apps.is_installed("debug_toolbar"):
    urlpatterns += [path("__debug__/", include("debug_toolbar.urls"))]
