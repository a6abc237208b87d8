"""Articles: list and pagination, detail per language slug, visibility, selectors, model rules, demo data."""

from __future__ import annotations

import re
from urllib.parse import quote

import lxml.html
import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import translation

from features.articles import demo_data
from features.articles.models import Article
from features.articles.selectors import article_get_public, article_list_public
from tests.features.factories_articles import (
    LANGUAGES,
    ORIGIN,
    make_article,
    make_site_settings,
    use_test_site,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site(settings):
    use_test_site(settings)
    make_site_settings()


def list_url(language: str) -> str:
    with translation.override(language):
        return reverse("articles:list")


def url_of(article: Article, language: str) -> str:
    with translation.override(language):
        return article.get_absolute_url()


def listed_titles(response) -> list[str]:
    doc = lxml.html.fromstring(response.content)
    return [a.text for a in doc.xpath("//ul[@class='article-cards']//h2/a")]


@pytest.mark.parametrize("language", LANGUAGES)
def test_list_shows_public_articles_in_the_language(client, language):
    article = make_article("Public one")
    make_article("Inactive one", is_active=False)
    make_article("Deleted one", is_deleted=True)
    response = client.get(list_url(language))
    assert response.status_code == 200
    with translation.override(language):
        assert listed_titles(response) == [article.title]


def test_list_paginates_ten_per_page_newest_first(client):
    articles = [make_article(f"Post {n}") for n in range(25)]
    newest_first = [a.title_en for a in reversed(articles)]
    assert listed_titles(client.get(list_url("en"))) == newest_first[:10]
    assert listed_titles(client.get(list_url("en"), {"page": 2})) == newest_first[10:20]
    assert listed_titles(client.get(list_url("en"), {"page": 3})) == newest_first[20:]


@pytest.mark.parametrize("page", ["4", "0", "-1", "abc", "1.5", "\uff19"])
def test_bad_or_out_of_range_page_is_a_404(client, page):
    for n in range(25):
        make_article(f"Post {n}")
    assert client.get(list_url("en"), {"page": page}).status_code == 404


def page_links(response) -> dict[str, list[tuple[str, str]]]:
    """Every URL of the page's head and language switcher that names a page of the list."""
    doc = lxml.html.fromstring(response.content)
    return {
        "canonical": [("canonical", link.get("href")) for link in doc.xpath("//link[@rel='canonical']")],
        "og:url": [("og:url", meta.get("content")) for meta in doc.xpath("//meta[@property='og:url']")],
        "alternates": [
            (link.get("hreflang"), link.get("href")) for link in doc.xpath("//link[@rel='alternate']")
        ],
        "switcher": [
            (a.get("hreflang"), a.get("href")) for a in doc.xpath("//nav[@class='language-switcher']//a")
        ],
    }


def expected_page_links(number: int, *, switched: str | None = None) -> dict[str, list[tuple[str, str]]]:
    """``switched`` is the switcher's query string; by default just the page shown."""
    suffix = f"?page={number}" if number > 1 else ""
    switched = suffix[1:] if switched is None else switched
    return {
        "canonical": [("canonical", f"{ORIGIN}{list_url('en')}{suffix}")],
        "og:url": [("og:url", f"{ORIGIN}{list_url('en')}{suffix}")],
        "alternates": [
            *((code, f"{ORIGIN}{list_url(code)}{suffix}") for code in LANGUAGES),
            ("x-default", f"{ORIGIN}{list_url('en')}{suffix}"),
        ],
        "switcher": [(code, list_url(code) + (f"?{switched}" if switched else "")) for code in LANGUAGES],
    }


@pytest.mark.parametrize(
    ("page", "shown"), [("last", 3), ("3", 3), ("03", 3), ("2", 2), ("1", 1), ("", 1), (None, 1)]
)
def test_canonical_alternates_and_switcher_name_the_page_shown(client, page, shown):
    # ?page=last is Django's paginator's own word for the last page: it is shown, and every
    # URL of the page names it by number (not page 1, as the raw query string suggested).
    articles = [make_article(f"Post {n}") for n in range(25)]
    response = client.get(list_url("en"), {} if page is None else {"page": page})
    assert response.status_code == 200
    assert response.context["page_obj"].number == shown
    assert listed_titles(response) == [a.title_en for a in reversed(articles)][(shown - 1) * 10 :][:10]
    assert page_links(response) == expected_page_links(shown)


def test_switcher_keeps_other_parameters_and_names_the_page_shown(client):
    for n in range(25):
        make_article(f"Post {n}")
    response = client.get(list_url("en"), {"utm_source": "mail", "page": "last"})
    assert page_links(response) == expected_page_links(3, switched="utm_source=mail&page=3")


def test_single_page_list_names_no_page_even_for_last(client):
    make_article("Only one")
    response = client.get(list_url("en"), {"page": "last"})
    assert page_links(response) == expected_page_links(1)


def test_empty_list_first_page_is_fine(client):
    response = client.get(list_url("en"))
    assert response.status_code == 200
    assert b"No articles yet." in response.content


def test_manual_order_comes_before_date(client):
    older = make_article("Pinned", order=0)
    newer = make_article("Regular", order=1)
    assert older.published_at < newer.published_at
    assert listed_titles(client.get(list_url("en"))) == ["Pinned", "Regular"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_detail_under_each_languages_slug(client, language):
    article = make_article("Hello world")
    response = client.get(url_of(article, language))
    assert response.status_code == 200
    doc = lxml.html.fromstring(response.content)
    with translation.override(language):
        assert doc.findtext(".//h1") == article.title
        assert url_of(article, language).endswith(f"/{quote(article.slug)}/")


def test_other_languages_slug_redirects_permanently_to_this_languages_url(client):
    article = make_article("Hello world")
    with translation.override("de"):
        wrong = reverse("articles:detail", kwargs={"slug": article.slug_en})
    response = client.get(wrong)
    assert response.status_code == 301
    assert response["Location"] == url_of(article, "de")
    assert client.get(response["Location"]).status_code == 200


def test_unknown_slug_is_a_404(client):
    with translation.override("en"):
        assert client.get(reverse("articles:detail", kwargs={"slug": "nope"})).status_code == 404


@pytest.mark.parametrize("state", [{"is_active": False}, {"is_deleted": True}])
@pytest.mark.parametrize("language", LANGUAGES)
def test_hidden_article_is_a_404_under_any_slug(client, state, language):
    article = make_article("Hidden", **state)
    assert client.get(url_of(article, language)).status_code == 404
    other_slug = article.slug_ru if language != "ru" else article.slug_en
    with translation.override(language):
        other = reverse("articles:detail", kwargs={"slug": other_slug})
    assert client.get(other).status_code == 404


def test_soft_delete_and_restore_toggle_visibility(client):
    article = make_article("Toggle")
    article.soft_delete()
    assert client.get(url_of(article, "en")).status_code == 404
    article.restore()
    assert client.get(url_of(article, "en")).status_code == 200


def test_unicode_slug_round_trips(client):
    article = make_article("Unicode", slug_ru="привет-мир")
    path = url_of(article, "ru")
    assert path.endswith("/%D0%BF%D1%80%D0%B8%D0%B2%D0%B5%D1%82-%D0%BC%D0%B8%D1%80/")
    assert client.get(path).status_code == 200


def test_language_switcher_on_detail_follows_each_languages_slug(client):
    article = make_article("Switch me")
    doc = lxml.html.fromstring(client.get(url_of(article, "en")).content)
    links = doc.xpath("//nav[@class='language-switcher']//a")
    assert [(a.get("hreflang"), a.get("lang"), a.get("href"), a.get("aria-current")) for a in links] == [
        ("en", "en", url_of(article, "en"), "page"),
        ("de", "de", url_of(article, "de"), None),
        ("ru", "ru", url_of(article, "ru"), None),
        ("ar", "ar", url_of(article, "ar"), None),
    ]
    assert url_of(article, "ar").endswith(f"/{quote('مقال-switch-me')}/")


def test_warm_detail_makes_one_query(client, django_assert_num_queries):
    article = make_article("Cached around")
    client.get(url_of(article, "en"))
    with django_assert_num_queries(1):
        assert client.get(url_of(article, "en")).status_code == 200


def test_selectors():
    public = make_article("Public")
    hidden = make_article("Hidden", is_active=False)
    assert list(article_list_public()) == [public]
    with translation.override("de"):
        assert article_get_public(slug=public.slug_de) == public
        with pytest.raises(Http404):
            article_get_public(slug=public.slug_en)
        with pytest.raises(Http404):
            article_get_public(slug=hidden.slug_de)


def test_every_language_needs_a_slug():
    with pytest.raises(ValidationError) as excinfo:
        make_article("No German slug", slug_de=None)
    assert excinfo.value.message_dict == {"slug_de": ["Enter a slug for German."]}


def test_the_missing_slug_error_names_the_language_in_the_editors_language():
    with translation.override("de"), pytest.raises(ValidationError) as excinfo:
        make_article("Kein arabischer Slug", slug_ar=None)
    assert excinfo.value.message_dict == {"slug_ar": ["Geben Sie einen Slug für die Sprache „Arabisch“ ein."]}


def test_slugs_are_unique_per_language():
    make_article("Same", slug_de="gleich")
    with pytest.raises(ValidationError) as excinfo:
        make_article("Other", slug_de="gleich")
    assert list(excinfo.value.message_dict) == ["slug_de"]


def test_seed_creates_14_distinct_articles_idempotently():
    assert demo_data.seed() == {"articles": 14}
    assert demo_data.seed() == {"articles": 14}
    assert Article.objects.count() == 14
    assert Article.objects.public().count() == 12
    assert Article.objects.filter(is_active=False).count() == 1
    assert Article.objects.filter(is_deleted=True).count() == 1
    assert Article.objects.exclude(seo_title_en="").exclude(seo_title_en=None).count() == 3
    for field in ("title", "slug", "summary", "body"):
        for language in LANGUAGES:
            values = set(Article.objects.values_list(f"{field}_{language}", flat=True))
            assert len(values) == 14, (field, language)
    for article in Article.objects.all():
        for field in ("title", "slug", "body"):
            values = {getattr(article, f"{field}_{language}") for language in LANGUAGES}
            assert len(values) == len(LANGUAGES), (article.pk, field)
        # Native-script Arabic slugs: Arabic letters, not a transliteration.
        assert re.search(r"[\u0621-\u064a]", article.slug_ar), article.slug_ar


def _sentences(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"(?<=[.!?؟])\s+", text) if part.strip()]


@pytest.mark.parametrize("language", LANGUAGES)
def test_demo_articles_are_written_not_generated_from_a_template(language):
    """No sentence and no opening phrase repeats across articles: each one is its own text."""
    sentences: list[str] = []
    openings: list[str] = []
    for index in range(demo_data.article_count()):
        fields = demo_data.article_texts(index)
        body = str(fields[f"body_{language}"])
        sentences += _sentences(body)
        openings.append(" ".join(body.split()[:3]))
        assert len(body.split()) >= 15, (index, language)
        assert str(fields[f"title_{language}"]) not in body  # no "{title}." scaffold
    assert len(sentences) == len(set(sentences)), [s for s in sentences if sentences.count(s) > 1]
    assert len(openings) == len(set(openings))
    assert not any("Article number" in s or "Artikel Nummer" in s or "Статья номер" in s for s in sentences)


def test_russian_and_german_texts_are_in_their_language():
    for index in range(demo_data.article_count()):
        fields = demo_data.article_texts(index)
        assert re.search("[\u0430-\u044f\u0451]", str(fields["body_ru"])), index
        assert not re.search("[\u0430-\u044f\u0451]", str(fields["body_de"]) + str(fields["body_en"])), index
        assert re.fullmatch(r"[a-z0-9-]+", str(fields["slug_ru"])), index  # transliterated slugs


@pytest.mark.django_db
def test_the_public_list_is_read_in_index_order_not_sorted_row_by_row() -> None:
    """With 100,000 articles, sorting every row for a page of four took ~130 ms on SQLite: the
    list order has an index, so the database walks it and stops at the LIMIT."""
    from django.db import connection

    from features.articles.selectors import article_list_public

    assert connection.vendor == "sqlite"  # the suite's database; the plan below is SQLite's
    plan = article_list_public()[:4].explain()
    assert "article_list_order" in plan
    assert "TEMP B-TREE" not in plan.upper()
