"""Booking URLs, mounted under the translated ``masters/`` prefix."""

from django.urls import path

from codex_core.pagecache import page_cache
from features.booking import views

app_name = "booking"

urlpatterns = [
    path("", page_cache(views.master_list_view), name="master_list"),
    path("<slug:slug>/", views.master_detail_view, name="master_detail"),
]
