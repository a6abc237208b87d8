"""URLs of the static pages; names double as ``StaticPageSeo.page_key`` values."""

from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext_lazy as _

from codex_core.pagecache import page_cache
from features.pages import views

app_name = "pages"

urlpatterns = [
    path("", page_cache(views.home), name="home"),
    path(_("about/"), page_cache(views.about), name="about"),
    path(_("contacts/"), page_cache(views.contacts), name="contacts"),
]
