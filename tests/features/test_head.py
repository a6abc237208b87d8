"""The <head> of base.html: the full set of meta/link tags, JSON-LD, escaping of hostile values."""

from __future__ import annotations

import json

import lxml.html
import pytest
from django.urls import reverse
from django.utils import translation

from features.articles.models import Article
from tests.features.factories_articles import (
    LANGUAGES,
    ORIGIN,
    make_article,
    make_page_seo,
    make_site_settings,
    use_test_site,
)

pytestmark = pytest.mark.django_db

OG_LOCALES = {"en": "en_US", "de": "de_DE", "ru": "ru_RU", "ar": "ar_AR"}
HOSTILE = "\"><script>alert(1)</script>'&amp;"

Tag = tuple[str, tuple[tuple[str, str], ...]]


@pytest.fixture(autouse=True)
def _site(settings):
    use_test_site(settings)


def tag(element: str, /, **attrs: str) -> Tag:
    return (element, tuple(sorted(attrs.items())))


def head_tags(doc) -> set[Tag]:
    """Every <meta> and <link> of the head, attributes and all; asserting it as a set forbids extras."""
    tags = [(el.tag, tuple(sorted(el.attrib.items()))) for el in doc.head.iter("meta", "link")]
    assert len(tags) == len(set(tags)), "duplicate head tags"
    return set(tags)


def ld_blocks(doc) -> list[dict]:
    """The JSON-LD of the ``<head>`` (the breadcrumbs' BreadcrumbList is in the body)."""
    scripts = doc.xpath("//script")
    assert all(s.get("type") == "application/ld+json" for s in scripts), "only JSON-LD scripts are allowed"
    return [json.loads(s.text) for s in doc.xpath("//head/script")]


def body_ld_blocks(doc) -> list[dict]:
    return [json.loads(s.text) for s in doc.xpath("//body//script")]


def path_in(language: str, name: str, **kwargs: str) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def expected_head(
    *, language: str, paths: dict[str, str], title: str, description: str, image: str, type_: str
) -> set[Tag]:
    canonical = ORIGIN + paths[language]
    tags = {
        tag("meta", charset="utf-8"),
        tag("meta", name="viewport", content="width=device-width, initial-scale=1"),
        tag("meta", name="description", content=description),
        tag("link", rel="canonical", href=canonical),
        *(tag("link", rel="alternate", hreflang=code, href=ORIGIN + paths[code]) for code in LANGUAGES),
        tag("link", rel="alternate", hreflang="x-default", href=ORIGIN + paths["en"]),
        tag("meta", property="og:url", content=canonical),
        tag("meta", property="og:type", content=type_),
        tag("meta", property="og:title", content=title),
        tag("meta", property="og:description", content=description),
        tag("meta", property="og:image", content=image),
        tag("meta", property="og:site_name", content="Codex Test"),
        tag("meta", property="og:locale", content=OG_LOCALES[language]),
        *(
            tag("meta", property="og:locale:alternate", content=OG_LOCALES[code])
            for code in LANGUAGES
            if code != language
        ),
        tag("meta", name="twitter:card", content="summary_large_image"),
        tag("meta", name="twitter:title", content=title),
        tag("meta", name="twitter:description", content=description),
        tag("meta", name="twitter:image", content=image),
        tag("meta", name="twitter:site", content="@codextest"),
        tag("link", rel="stylesheet", href="/static/css/site.css"),
    }
    return tags


def organization() -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": "Codex Test",
        "url": f"{ORIGIN}/",
        "email": "hello@example.com",
        "telephone": "+49 30 1234567",
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "Musterstraße 1",
            "postalCode": "10115",
            "addressLocality": "Berlin",
            "addressCountry": "DE",
        },
        "sameAs": [
            "https://www.facebook.com/codextest",
            "https://www.instagram.com/codextest",
            "https://twitter.com/codextest",
        ],
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_static_page_head_is_complete(client, language):
    make_site_settings()
    make_page_seo("about", seo_image="/media/about.jpg")
    paths = {code: path_in(code, "pages:about") for code in LANGUAGES}
    doc = lxml.html.fromstring(client.get(paths[language]).content)
    assert doc.get("lang") == language
    assert doc.findtext(".//title") == f"about title {language}"
    assert head_tags(doc) == expected_head(
        language=language,
        paths=paths,
        title=f"about title {language}",
        description=f"about description {language}",
        image=f"{ORIGIN}/media/about.jpg",
        type_="website",
    )
    assert ld_blocks(doc) == [organization()]


def test_static_page_without_image_uses_default_share_image(client):
    make_site_settings()
    make_page_seo("contacts")
    doc = lxml.html.fromstring(client.get(path_in("en", "pages:contacts")).content)
    assert doc.xpath("//meta[@property='og:image']/@content") == [f"{ORIGIN}/static/img/share.png"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_article_head_uses_title_and_summary_without_overrides(client, language):
    make_site_settings()
    article = make_article("Plain article")
    paths = {}
    for code in LANGUAGES:
        with translation.override(code):
            paths[code] = article.get_absolute_url()
    doc = lxml.html.fromstring(client.get(paths[language]).content)
    with translation.override(language):
        title, summary = article.title, article.summary
    expected = expected_head(
        language=language,
        paths=paths,
        title=title,
        description=summary,
        image=f"{ORIGIN}/static/img/share.png",
        type_="article",
    )
    expected.add(tag("meta", property="article:published_time", content=article.published_at.isoformat()))
    assert head_tags(doc) == expected
    assert doc.findtext(".//title") == title
    article.refresh_from_db()
    assert ld_blocks(doc) == [
        organization(),
        {
            "@context": "https://schema.org",
            "@type": "Article",
            "headline": title,
            "description": summary,
            "datePublished": article.published_at.isoformat(),
            "dateModified": article.updated_at.isoformat(),
            "inLanguage": language,
            "mainEntityOfPage": ORIGIN + paths[language],
        },
    ]


def test_article_seo_fields_override_per_language(client):
    make_site_settings()
    article = make_article(
        "Overridden",
        seo_title_en="SEO title EN",
        seo_description_en="SEO description EN",
        seo_title_de="SEO-Titel DE",
        seo_image="https://cdn.example.net/og.png",
    )
    doc = lxml.html.fromstring(client.get(path_in("en", "articles:detail", slug=article.slug_en)).content)
    assert doc.findtext(".//title") == "SEO title EN"
    assert doc.xpath("//meta[@property='og:title']/@content") == ["SEO title EN"]
    assert doc.xpath("//meta[@name='description']/@content") == ["SEO description EN"]
    assert doc.xpath("//meta[@property='og:image']/@content") == ["https://cdn.example.net/og.png"]
    assert ld_blocks(doc)[1]["image"] == "https://cdn.example.net/og.png"
    assert ld_blocks(doc)[1]["headline"] == "Overridden"

    doc = lxml.html.fromstring(client.get(path_in("de", "articles:detail", slug=article.slug_de)).content)
    assert doc.findtext(".//title") == "SEO-Titel DE"
    # No German description: modeltranslation falls back to the English one, as for every field.
    assert doc.xpath("//meta[@name='description']/@content") == ["SEO description EN"]


def test_hostile_values_are_escaped_everywhere(client):
    make_site_settings(site_name=HOSTILE, tagline=HOSTILE, twitter_handle=HOSTILE)
    article = make_article(HOSTILE, slug_en="hostile", slug_de="hostile-de", slug_ru="hostile-ru")
    Article.objects.filter(pk=article.pk).update(summary_en=f"</script>{HOSTILE}")
    response = client.get(path_in("en", "articles:detail", slug="hostile"))
    assert response.status_code == 200
    assert b"<script>alert" not in response.content
    doc = lxml.html.fromstring(response.content)
    assert doc.findtext(".//title") == HOSTILE
    assert doc.xpath("//meta[@property='og:title']/@content") == [HOSTILE]
    assert doc.xpath("//meta[@property='og:site_name']/@content") == [HOSTILE]
    assert doc.xpath("//meta[@name='description']/@content") == [f"</script>{HOSTILE}"]
    org, data = ld_blocks(doc)
    assert org["name"] == HOSTILE
    assert data["headline"] == HOSTILE
    assert data["description"] == f"</script>{HOSTILE}"
    (crumbs,) = body_ld_blocks(doc)
    assert crumbs["itemListElement"][-1]["name"] == HOSTILE
    assert doc.findtext(".//h1") == HOSTILE


def test_language_switcher_and_nav_on_every_static_page(client):
    make_site_settings()
    for language in LANGUAGES:
        doc = lxml.html.fromstring(client.get(path_in(language, "pages:contacts")).content)
        links = doc.xpath("//nav[@class='language-switcher']//a")
        assert [(a.get("hreflang"), a.get("href")) for a in links] == [
            (code, path_in(code, "pages:contacts")) for code in LANGUAGES
        ]
        assert [a.get("hreflang") for a in links if a.get("aria-current") == "page"] == [language]
        nav = doc.xpath("//nav[@class='site-nav']//a/@href")
        with translation.override(language):
            assert nav == [
                reverse("pages:home"),
                reverse("articles:list"),
                reverse("booking:master_list"),
                reverse("pages:about"),
                reverse("pages:contacts"),
            ]


def test_page_without_site_settings_still_has_a_title(client):
    doc = lxml.html.fromstring(client.get(path_in("en", "pages:about")).content)
    assert doc.findtext(".//title")
    assert len(doc.xpath("//link[@rel='canonical']")) == 1
