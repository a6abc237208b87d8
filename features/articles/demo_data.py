"""Demo data of the articles feature: 36 articles, each written in English, German and Russian.

Texts are generated deterministically from topic and angle lists, so every language has
its own title, slug, summary and body. Re-running :func:`seed` only adds missing articles;
``seed(reset=True)`` restores the original content.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify

from features.articles.models import Article

LANGUAGES = ("en", "de", "ru")


class Topic(NamedTuple):
    en: str
    de: str
    ru: str
    ru_slug: str  # transliterated: Latin slugs keep Russian URLs readable in every client


class Angle(NamedTuple):
    title: dict[str, str]
    summary: dict[str, str]
    ru_slug: str


TOPICS = (
    Topic("Beard care", "Bartpflege", "Уход за бородой", "ukhod-za-borodoy"),
    Topic("Classic haircuts", "Klassische Haarschnitte", "Классические стрижки", "klassicheskie-strizhki"),
    Topic("Hair colouring", "Haarfärben", "Окрашивание волос", "okrashivanie-volos"),
    Topic("Manicure", "Maniküre", "Маникюр", "manikyur"),
    Topic("Skin care", "Hautpflege", "Уход за кожей", "ukhod-za-kozhey"),
    Topic("Hot towel shaves", "Heißtuchrasur", "Бритьё с горячим полотенцем", "brityo-s-polotentsem"),
    Topic("Curly hair", "Lockiges Haar", "Кудрявые волосы", "kudryavye-volosy"),
    Topic("Scalp health", "Kopfhautgesundheit", "Здоровье кожи головы", "zdorove-kozhi-golovy"),
    Topic("Wedding styling", "Hochzeitsstyling", "Свадебные укладки", "svadebnye-ukladki"),
    Topic("Eyebrow shaping", "Augenbrauenformung", "Коррекция бровей", "korrektsiya-brovey"),
    Topic("Hair products", "Haarprodukte", "Средства для волос", "sredstva-dlya-volos"),
    Topic("Kids' haircuts", "Kinderhaarschnitte", "Детские стрижки", "detskie-strizhki"),
)

ANGLES = (
    Angle(
        {
            "en": "{t}: a beginner's guide",
            "de": "{t}: ein Leitfaden für Einsteiger",
            "ru": "{t}: руководство для начинающих",
        },
        {
            "en": "Everything you need to know before your first visit about {t}.",
            "de": "Alles, was Sie vor dem ersten Besuch über {t} wissen sollten.",
            "ru": "Всё, что нужно знать перед первым визитом, — тема: {t}.",
        },
        "rukovodstvo",
    ),
    Angle(
        {
            "en": "{t}: five common myths",
            "de": "{t}: fünf verbreitete Mythen",
            "ru": "{t}: пять популярных мифов",
        },
        {
            "en": "Our masters separate facts from fiction about {t}.",
            "de": "Unsere Meister trennen Fakten von Fiktion beim Thema {t}.",
            "ru": "Наши мастера отделяют факты от вымысла. Тема: {t}.",
        },
        "pyat-mifov",
    ),
    Angle(
        {
            "en": "{t}: questions our clients ask",
            "de": "{t}: Fragen unserer Kunden",
            "ru": "{t}: вопросы наших клиентов",
        },
        {
            "en": "Short answers to the questions we hear most often about {t}.",
            "de": "Kurze Antworten auf die häufigsten Fragen zum Thema {t}.",
            "ru": "Короткие ответы на самые частые вопросы. Тема: {t}.",
        },
        "voprosy-klientov",
    ),
)

BODY = {
    "en": (
        "{title}.\n\n{summary} Our team has collected the advice we give every day in the studio.\n\n"
        "Start with a consultation: a master looks at your hair and skin and suggests a plan that fits "
        "your routine. Article number {n} of our series."
    ),
    "de": (
        "{title}.\n\n{summary} Unser Team hat die Ratschläge gesammelt, die wir täglich im Studio geben.\n\n"
        "Beginnen Sie mit einer Beratung: Ein Meister sieht sich Haar und Haut an "
        "und schlägt einen Plan vor, der zu Ihrem Alltag passt. Artikel Nummer {n} unserer Reihe."
    ),
    "ru": (
        "{title}.\n\n{summary} Наша команда собрала советы, которые мы каждый день даём в студии.\n\n"
        "Начните с консультации: мастер оценит волосы и кожу и предложит план, подходящий именно вам. "
        "Статья номер {n} нашей серии."
    ),
}

#: Index of the article that is inactive, and of the one that is soft-deleted.
INACTIVE_INDEX = 3
DELETED_INDEX = 4
#: Indices of the articles with explicit per-language SEO overrides.
SEO_OVERRIDE_INDICES = (0, 1, 2)

FIRST_PUBLISHED = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)
#: Namespace of the demo articles' fixed ids (``uuid5``).
DEMO_NAMESPACE = uuid.UUID("6f1c2b1e-5d0a-4c47-9a43-0d3c9e2f7a10")


def article_texts(index: int, topic: Topic, angle: Angle) -> dict[str, object]:
    """Every translated field of article ``index`` (``title_en``, ``slug_ru``, …)."""
    fields: dict[str, object] = {}
    for language in LANGUAGES:
        title = angle.title[language].format(t=getattr(topic, language))
        summary = angle.summary[language].format(t=getattr(topic, language))
        fields[f"title_{language}"] = title
        fields[f"summary_{language}"] = summary
        fields[f"body_{language}"] = BODY[language].format(title=title, summary=summary, n=index + 1)
        if index in SEO_OVERRIDE_INDICES:
            fields[f"seo_title_{language}"] = f"{title} | Codex Demo"
            fields[f"seo_description_{language}"] = f"{summary} ({topic.ru if language == 'ru' else title})"
    fields["slug_en"] = slugify(fields["title_en"])
    fields["slug_de"] = slugify(fields["title_de"])
    fields["slug_ru"] = f"{topic.ru_slug}-{angle.ru_slug}"
    return fields


def demo_id(index: int) -> uuid.UUID:
    """The fixed primary key of demo article ``index``: found again whatever the admin edits."""
    return uuid.uuid5(DEMO_NAMESPACE, f"article-{index}")


def original_fields(index: int, topic: Topic, angle: Angle) -> dict[str, object]:
    """Every field demo article ``index`` is seeded with."""
    return {
        **article_texts(index, topic, angle),
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


@transaction.atomic
def seed(*, reset: bool = False) -> dict[str, int]:
    """Create the demo articles that are missing; an existing one keeps its admin edits.

    ``reset`` writes the original content back into every demo article instead.
    """
    for index, (angle, topic) in enumerate((a, t) for a in ANGLES for t in TOPICS):
        fields = original_fields(index, topic, angle)
        article = find_demo_article(index, fields)
        if article is not None and not reset:
            continue
        if article is None:
            article = Article(pk=demo_id(index))
        for name, value in fields.items():
            setattr(article, name, value)
        article.full_clean()
        article.save()
    return {"articles": len(ANGLES) * len(TOPICS)}
