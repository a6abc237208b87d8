"""Demo data of the articles feature: 14 articles a salon would publish, each written in
English, German, Russian and Arabic (``fixtures/demo_articles.json``), with its own title, slug,
summary and body per language; the Arabic slugs are in Arabic script.

Twelve are public; one is an unpublished draft (inactive) and one is withdrawn (soft-deleted).
Re-running :func:`seed` only adds missing articles; ``seed(reset=True)`` restores the original
content.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Q

from features.articles.models import Article

LANGUAGES = ("en", "de", "ru", "ar")
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "demo_articles.json"

#: Index of the article that is inactive (a draft), and of the one that is soft-deleted.
INACTIVE_INDEX = 12
DELETED_INDEX = 13
#: Indices of the articles with explicit per-language SEO overrides.
SEO_OVERRIDE_INDICES = (0, 1, 2)

FIRST_PUBLISHED = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)
#: Namespace of the demo articles' fixed ids (``uuid5``).
DEMO_NAMESPACE = uuid.UUID("6f1c2b1e-5d0a-4c47-9a43-0d3c9e2f7a10")


@cache
def demo_articles() -> tuple[dict[str, Any], ...]:
    """The written demo articles: ``cover`` and one ``{slug, title, summary, body}`` per language."""
    return tuple(json.loads(FIXTURE.read_text(encoding="utf-8")))


def article_count() -> int:
    """How many demo articles :func:`seed` keeps in place."""
    return len(demo_articles())


def article_texts(index: int) -> dict[str, object]:
    """Every translated field of demo article ``index`` (``title_en``, ``slug_ru``, …)."""
    article = demo_articles()[index]
    fields: dict[str, object] = {}
    for language in LANGUAGES:
        text = article[language]
        for name in ("slug", "title", "summary", "body", "cover_alt"):
            fields[f"{name}_{language}"] = text[name]
        if index in SEO_OVERRIDE_INDICES:
            fields[f"seo_title_{language}"] = f"{text['title']} | Codex Demo"
            fields[f"seo_description_{language}"] = text["summary"]
    return fields


def demo_id(index: int) -> uuid.UUID:
    """The fixed primary key of demo article ``index``: found again whatever the admin edits."""
    return uuid.uuid5(DEMO_NAMESPACE, f"article-{index}")


def original_fields(index: int) -> dict[str, object]:
    """Every field demo article ``index`` is seeded with."""
    return {
        **article_texts(index),
        "cover": demo_articles()[index]["cover"],
        "published_at": FIRST_PUBLISHED + timedelta(days=7 * index),
        "is_active": index != INACTIVE_INDEX,
        "is_deleted": index == DELETED_INDEX,
    }


def find_demo_article(index: int, fields: dict[str, object]) -> Article | None:
    """The demo article by its fixed id, or (seeded before ids were fixed) by any of its slugs."""
    by_slug = Q()
    for language in LANGUAGES:
        by_slug |= Q(**{f"slug_{language}": fields[f"slug_{language}"]})
    return Article.objects.filter(pk=demo_id(index)).first() or Article.objects.filter(by_slug).first()


def demo_rows() -> Iterator[tuple[Article, dict[str, object]]]:
    """Each demo article in the database, with every field it is seeded with."""
    for index in range(article_count()):
        fields = original_fields(index)
        article = find_demo_article(index, fields)
        if article is not None:
            yield article, fields


@transaction.atomic
def seed(*, reset: bool = False) -> dict[str, int]:
    """Create the demo articles that are missing; an existing one keeps its admin edits.

    ``reset`` writes the original content back into every demo article instead.
    """
    for index in range(article_count()):
        fields = original_fields(index)
        article = find_demo_article(index, fields)
        if article is not None and not reset:
            continue
        if article is None:
            article = Article(pk=demo_id(index))
        for name, value in fields.items():
            setattr(article, name, value)
        article.full_clean()
        article.save()
    return {"articles": article_count()}
