"""Read-side queries of the articles feature."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q
from django.http import Http404
from django.utils.translation import get_language
from modeltranslation.utils import build_localized_fieldname

from codex_core.pagecache import add_tag
from features.articles.models import Article, ArticleQuerySet


def article_list_public() -> ArticleQuerySet:
    """Public articles (active, not deleted) in list order: manual ``order``, then newest first."""
    add_tag("article_list")
    return Article.objects.public()


def article_get_public(*, slug: str) -> Article:
    """The public article whose slug in the active language is ``slug``; ``Http404`` otherwise."""
    field = build_localized_fieldname("slug", get_language() or settings.LANGUAGE_CODE)
    try:
        article = Article.objects.public().get(**{field: slug})
    except Article.DoesNotExist:
        raise Http404(f"No public article with {field}={slug!r}.") from None
    add_tag("article", article.pk)
    return article


def article_find_public_by_any_slug(*, slug: str) -> Article | None:
    """The public article having ``slug`` in any language, or ``None``.

    Lets the detail view redirect ``/de/artikel/<english-slug>/`` to the German URL.
    """
    match = Q()
    for code, _name in settings.LANGUAGES:
        match |= Q(**{build_localized_fieldname("slug", code): slug})
    return Article.objects.public().filter(match).first()
