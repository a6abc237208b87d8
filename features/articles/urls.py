"""URLs of the articles feature (mounted under the translated ``articles/`` prefix)."""

from __future__ import annotations

from django.urls import path, re_path

from codex_core.pagecache import page_cache
from features.articles import views

app_name = "articles"

urlpatterns = [
    path("", page_cache(query=("page",))(views.ArticleListView.as_view()), name="list"),
    # Slugs may be Unicode (SlugMixin allows it; "\w" matches Cyrillic), so not the ASCII <slug:>.
    re_path(r"^(?P<slug>[-\w]+)/$", page_cache(views.article_detail), name="detail"),
]
