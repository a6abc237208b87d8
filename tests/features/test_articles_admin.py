"""Admin of articles and static-page SEO: forms render with every language, actions soft-delete/restore."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from features.articles.models import Article
from features.articles.sitemaps import ArticleSitemap
from tests.features.factories_articles import LANGUAGES, make_article, make_page_seo, use_test_site

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site(settings):
    use_test_site(settings)


def test_article_change_form_has_every_language_and_prepopulated_slugs(admin_client):
    article = make_article("Admin article")
    response = admin_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert response.status_code == 200
    form = response.context["adminform"].form
    for language in LANGUAGES:
        for field in ("title", "summary", "body", "slug", "seo_title", "seo_description"):
            assert f"{field}_{language}" in form.fields
    assert response.context["adminform"].prepopulated_fields == [
        {"field": form[f"slug_{code}"], "dependencies": [form[f"title_{code}"]]} for code in LANGUAGES
    ]


def test_article_changelist_filters_deleted(admin_client):
    make_article("Alive")
    make_article("Gone", is_deleted=True)
    url = reverse("admin:articles_article_changelist")
    assert admin_client.get(url).context["cl"].result_count == 2
    assert admin_client.get(url, {"is_deleted__exact": "1"}).context["cl"].result_count == 1


@pytest.mark.parametrize(
    ("action", "before", "after"), [("soft_delete_selected", False, True), ("restore_selected", True, False)]
)
def test_soft_delete_and_restore_actions(admin_client, action, before, after):
    article = make_article("Acted on", is_deleted=before)
    long_ago = timezone.now() - timedelta(days=30)
    Article.objects.filter(pk=article.pk).update(updated_at=long_ago)
    response = admin_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": action, "_selected_action": [str(article.pk)]},
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.is_deleted is after
    # The sitemap's lastmod is updated_at: a soft delete or a restore is a change.
    assert article.updated_at > long_ago
    assert ArticleSitemap().lastmod(article) == article.updated_at


def test_static_page_seo_admin_renders(admin_client):
    page = make_page_seo("about")
    response = admin_client.get(reverse("admin:pages_staticpageseo_change", args=[page.pk]))
    assert response.status_code == 200
    assert {"seo_title_en", "seo_title_de", "seo_title_ru", "seo_title_ar", "seo_description_ar"} <= set(
        response.context["adminform"].form.fields
    )
    assert admin_client.get(reverse("admin:pages_staticpageseo_changelist")).status_code == 200


NEW_ARTICLE = {
    "title_en": "New",
    "summary_en": "Summary",
    "body_en": "Body",
    "slug_en": "new",
    "slug_de": "neu",
    "slug_ru": "novyy",
    "slug_ar": "مقال-جديد",
    "published_at_0": "2025-01-01",
    "published_at_1": "10:00:00",
    "is_active": "on",
    "order": "0",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_article_add_form_rejects_missing_slug(admin_client, language):
    data = {**NEW_ARTICLE, f"slug_{language}": ""}
    response = admin_client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == [f"slug_{language}"]
    assert not Article.objects.exists()


def test_article_add_form_takes_a_native_script_arabic_slug(admin_client):
    response = admin_client.post(reverse("admin:articles_article_add"), NEW_ARTICLE)
    assert response.status_code == 302
    assert Article.objects.get().slug_ar == "مقال-جديد"


def test_article_add_form_rejects_an_arabic_slug_with_a_space(admin_client):
    response = admin_client.post(
        reverse("admin:articles_article_add"), {**NEW_ARTICLE, "slug_ar": "مقال جديد"}
    )
    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["slug_ar"]


@pytest.mark.parametrize(
    "query", ["published_at__year=9999", "published_at__year=1", "published_at__year__gte=0"]
)
def test_out_of_range_date_hierarchy_lookups_are_bad_lookups_not_500s(admin_client, query):
    changelist = reverse("admin:articles_article_changelist")
    response = admin_client.get(f"{changelist}?{query}")
    assert response.status_code == 302
    assert response["Location"] == f"{changelist}?e=1"


def test_a_publication_date_at_the_edge_of_the_calendar_is_a_form_error(admin_client):
    article = make_article("Admin article")
    url = reverse("admin:articles_article_change", args=[article.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.pop("published_at")
    data.update({"published_at_0": "0001-01-01", "published_at_1": "00:30:00"})
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["published_at"] == [
        "Ensure this value is greater than or equal to 0002-01-01 00:00:00+00:00."
    ]
