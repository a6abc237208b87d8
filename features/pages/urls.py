"""URLs of the static pages; names double as ``StaticPageSeo.page_key`` values."""

from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext_lazy as _

from features.pages import views

app_name = "pages"

urlpatterns = [
    path("", views.home, name="home"),
    path(_("about/"), views.about, name="about"),
    path(_("contacts/"), views.contacts, name="contacts"),
]
