"""URLs of the articles feature (mounted under the translated ``articles/`` prefix)."""

from __future__ import annotations

from django.urls import path, re_path

from features.articles import views

app_name = "articles"

urlpatterns = [
    path("", views.ArticleListView.as_view(), name="list"),
    # Slugs may be Unicode (SlugMixin allows it; "\w" matches Cyrillic), so not the ASCII <slug:>.
    re_path(r"^(?P<slug>[-\w]+)/$", views.article_detail, name="detail"),
]
