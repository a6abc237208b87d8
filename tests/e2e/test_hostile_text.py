"""Hostile text in every admin-editable text field renders as text: escaped, parsed, never run.

The fixture writes markup, quotes, ampersands, ``</script>``, ``</title>``, ``<!--`` and
non-ASCII text into the text fields of every demo model an editor can change (each value
passes the model's ``full_clean``, so the admin form would accept it). Chromium then loads
every page type in every language; the checks read what the browser built:

- nothing ran or was injected: ``window.__pwned`` stays undefined, no ``<img onerror>``, no
  element of the hostile markup, no extra ``<script>``, no comment node, no CSP violation;
- the ``<title>``, the whole set of head tags (og, twitter, description, canonical) and the
  visible headings hold the literal text;
- every JSON-LD block parses with the browser's ``JSON.parse`` and carries the literal text.

A plain-text confirmation e-mail carries the text literally too (escaping it would be the bug).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import lxml.html
import pytest
from django.core.mail import EmailMessage
from django.utils import translation
from playwright.sync_api import Page

from features.articles.models import Article
from features.booking.models import Master, Service
from features.notifications.models import NotificationTemplate
from features.pages.models import StaticPageSeo
from features.site_settings.models import SiteSettings
from tests.e2e import helpers
from tests.e2e.helpers import (
    LANGUAGES,
    BrowserErrors,
    ExpectedPage,
    expected_head,
    head_tags,
    paths_of,
    visit,
)
from tests.features.factories_booking import tomorrow

pytestmark = pytest.mark.django_db(transaction=True)

#: Ends a script, a title, a textarea and opens a comment; an event handler; quotes; non-ASCII.
HOSTILE = (
    "<script>window.__pwned=1</script> \" ' & </script></title></textarea><!-- "
    '<img src=x onerror="window.__pwned=1"> <b class=pwned>b</b> Grüße, Привет, 日本 🎉'
)
#: For fields of at most 50 characters: no spaces (a Twitter handle), still every delimiter.
SHORT = "<b class=pwned>\"'&</b></title><!--Привет🎉"
SECRET = "never-shown-api-key"

#: What the hostile markup would create if it were parsed as HTML, and how Python sees the page.
SAFETY = """() => {
  const comments = document.createTreeWalker(document, NodeFilter.SHOW_COMMENT);
  let commentCount = 0;
  while (comments.nextNode()) commentCount++;
  return {
    pwned: window.__pwned === undefined ? null : String(window.__pwned),
    injected: document.querySelectorAll('img[src="x"], [onerror], .pwned, textarea').length,
    scripts: [...document.scripts].filter((s) => s.type !== "application/ld+json").length,
    comments: commentCount,
    title: document.title,
    jsonLd: [...document.querySelectorAll('script[type="application/ld+json"]')].map((s) => {
      try { return JSON.parse(s.textContent); } catch (error) { return `unparsable: ${error}`; }
    }),
  };
}"""


def text(label: str) -> str:
    return f"{label} {HOSTILE}"


@pytest.fixture
def hostile(demo: str) -> Article:
    """Hostile text in every editable text field of the demo; returns the article that carries it."""
    site = SiteSettings.load()
    site.site_name = f"Studio {SHORT}"
    for code in LANGUAGES:
        setattr(site, f"tagline_{code}", text(f"Tagline {code}"))
    site.contact_email = "o'hara&co@bücher.example"
    site.phone = f"+49 {SHORT}"
    site.address = text("Address")
    site.postal_code = "<b>1&\"'</b>"
    site.locality = f"Berlin {SHORT}"
    site.facebook_url = "https://example.com/f?q=\"><script>window.__pwned=1</script>&x='Ω"
    site.instagram_url = 'https://example.com/i?q=</script><!--&y="Привет"'
    site.twitter_handle = f"@{SHORT}"
    site.default_share_image = "/static/img/share.png?a=\"<b class=pwned>&c='Ω"
    site.api_key = SECRET
    site.full_clean()
    site.save()

    for seo in StaticPageSeo.objects.all():
        for code in LANGUAGES:
            setattr(seo, f"seo_title_{code}", text(f"{seo.page_key} title {code}"))
            setattr(seo, f"seo_description_{code}", text(f"{seo.page_key} description {code}"))
        seo.seo_image = "https://cdn.example.com/a.png?b=\"</script><!--&c='"
        seo.full_clean()
        seo.save()

    # The first article of the list; SEO overrides in English only (de and ru fall back to them).
    article = Article.objects.public().first()
    assert article is not None
    for code in LANGUAGES:
        setattr(article, f"title_{code}", text(f"Title {code}"))
        setattr(article, f"summary_{code}", text(f"Summary {code}"))
        setattr(article, f"body_{code}", f"{text(f'Body {code}')}\n\n{HOSTILE}")
        setattr(article, f"seo_title_{code}", text("SEO title en") if code == "en" else "")
        setattr(article, f"seo_description_{code}", text("SEO description en") if code == "en" else "")
    article.seo_image = "/media/a.png?\"</script>&'<!--"
    article.full_clean()
    article.save()

    for master in Master.objects.all():
        master.name = f"{master.name.split()[0]} {SHORT}"
        for code in LANGUAGES:
            setattr(master, f"bio_{code}", text(f"Bio {code}"))
        master.full_clean()
        master.save()
    for service in Service.objects.all():
        for code in LANGUAGES:
            setattr(service, f"name_{code}", f"Cut {code} {SHORT}")
        service.full_clean()
        service.save()

    template = NotificationTemplate.objects.get(key="booking_confirmation")
    for code in LANGUAGES:
        setattr(template, f"subject_{code}", f"{{{{ master_name }}}} {code} {HOSTILE}")
        setattr(template, f"body_{code}", f"{{{{ client_name }}}} {code} {HOSTILE}\n{{{{ site_name }}}}\n")
    template.full_clean()
    template.save()
    return article


@dataclass(frozen=True)
class Shown:
    """A page as Chromium built it: the parsed DOM and what :data:`SAFETY` found."""

    doc: lxml.html.HtmlElement
    safety: dict[str, Any]


def load(page: Page, origin: str, paths: dict[str, str], language: str, errors: BrowserErrors) -> Shown:
    """Load a page; assert nothing ran or was injected and no SECRET leaked."""
    doc = visit(page, origin + paths[language], errors)  # 200, CSP header, clean console, no violation
    safety = page.evaluate(SAFETY)
    where = paths[language]
    assert safety["pwned"] is None, f"{where}: a hostile script ran"
    assert (safety["injected"], safety["scripts"], safety["comments"]) == (0, 0, 0), f"{where}: {safety}"
    assert SECRET not in page.content(), where
    return Shown(doc, safety)


def assert_head(
    shown: Shown, origin: str, language: str, paths: dict[str, str], expected: ExpectedPage
) -> None:
    """Title, the complete set of head tags and the JSON-LD blocks hold the literal hostile text."""
    assert shown.safety["title"] == expected.title
    assert head_tags(shown.doc) == expected_head(origin, language, paths, expected)
    crumbs = [b for b in shown.safety["jsonLd"] if b.get("@type") == "BreadcrumbList"]
    blocks = [b for b in shown.safety["jsonLd"] if b.get("@type") != "BreadcrumbList"]
    assert blocks[0] == helpers.organization(origin)
    if expected.entity is None:
        assert len(blocks) == 1
    else:
        assert {key: blocks[1].get(key) for key in expected.entity} == expected.entity
        if "description" in blocks[1] and blocks[1]["@type"] != "HairSalon":  # the salon's: its tagline
            assert blocks[1]["description"] == expected.description
    visible = [
        " ".join(t.split()) for t in shown.doc.xpath("//nav[@class='breadcrumbs']//li//text()") if t.strip()
    ]
    assert [[item["name"] for item in b["itemListElement"]] for b in crumbs] == ([visible] if visible else [])


def address(site: SiteSettings) -> str:
    """The address as includes/address.html writes it: street, then postal code and city."""
    place = " ".join(part for part in (site.postal_code, site.locality) if part)
    return f"{site.address}, {place}" if place else site.address


def texts(page: Page, selector: str) -> list[str]:
    """The DOM text (no CSS text-transform) of every match, whitespace-collapsed."""
    return [" ".join((t or "").split()) for t in page.locator(selector).all_text_contents()]


@pytest.mark.parametrize("language", LANGUAGES)
def test_static_pages_show_hostile_seo_and_site_settings_as_text(
    hostile: Article, demo: str, page: Page, browser_errors: BrowserErrors, language: str
) -> None:
    site = SiteSettings.load()
    with translation.override(language):
        tagline = str(site.tagline)
    assert tagline == text(f"Tagline {language}")
    for key in ("home", "about", "contacts"):
        paths = helpers.url_paths(f"pages:{key}")
        shown = load(page, demo, paths, language, browser_errors)
        expected = helpers.expected_static_page(key, language)
        assert expected.title == text(f"{key} title {language}")
        assert_head(shown, demo, language, paths, expected)
        assert texts(page, ".site-brand") == [site.site_name]
        assert texts(page, ".site-contact-address") == [address(site)]
        assert texts(page, ".site-tagline") == [tagline]
        hrefs = page.locator(".site-social a").evaluate_all(
            "links => links.map((a) => a.getAttribute('href'))"
        )
        handle = site.twitter_handle.lstrip("@")
        assert hrefs == [site.facebook_url, site.instagram_url, f"https://twitter.com/{handle}"]
        if key == "home":
            assert texts(page, ".hero h1") == [site.site_name]
            assert texts(page, ".hero .lead") == [tagline]
        if key == "contacts":
            assert texts(page, ".contact-list dd") == [address(site), site.phone, site.contact_email]


@pytest.mark.parametrize("language", LANGUAGES)
def test_article_list_and_article_show_hostile_text_as_text(
    hostile: Article, demo: str, page: Page, browser_errors: BrowserErrors, language: str
) -> None:
    article = Article.objects.get(pk=hostile.pk)
    with translation.override(language):
        title, summary, body = str(article.title), str(article.summary), str(article.body)
    assert title == text(f"Title {language}")

    list_paths = helpers.url_paths("articles:list")
    shown = load(page, demo, list_paths, language, browser_errors)
    assert_head(shown, demo, language, list_paths, helpers.expected_article_list(language))
    assert texts(page, ".article-card h2")[0] == title
    assert texts(page, ".article-card:first-child p")[1] == summary

    paths = paths_of(article.get_absolute_url)
    shown = load(page, demo, paths, language, browser_errors)
    expected = helpers.expected_article(article, language)
    assert_head(shown, demo, language, paths, expected)
    assert texts(page, "h1") == [title]
    assert texts(page, ".breadcrumbs [aria-current=page]") == [title]
    assert texts(page, ".article .lead") == [summary]
    assert texts(page, ".article-body p") == [" ".join(part.split()) for part in body.split("\n\n")]


@pytest.mark.parametrize("language", LANGUAGES)
def test_master_pages_show_hostile_names_and_bios_as_text(
    hostile: Article, demo: str, page: Page, browser_errors: BrowserErrors, language: str
) -> None:
    masters = list(Master.objects.filter(is_active=True))
    load(page, demo, helpers.url_paths("booking:master_list"), language, browser_errors)
    assert texts(page, ".master-card h2") == [master.name for master in masters]

    master = masters[0]
    paths = paths_of(master.get_absolute_url)
    shown = load(page, demo, paths, language, browser_errors)
    assert_head(shown, demo, language, paths, helpers.expected_master(master, language))
    assert texts(page, "h1") == [master.name]
    alt = page.locator(".master-profile .avatar").get_attribute("alt") or ""
    assert master.name in alt
    with translation.override(language):
        names = [str(service.name) for service in master.services.all()]
    assert names
    assert texts(page, ".services tbody th") == names
    with translation.override(language):
        assert texts(page, ".master-profile p")[0] == " ".join(str(master.bio).split())


def test_confirmation_email_carries_the_hostile_text_literally(
    hostile: Article, demo: str, page: Page, browser_errors: BrowserErrors, mailoutbox: list[EmailMessage]
) -> None:
    master = Master.objects.get(slug="anna-schmidt")
    client_name = f"Client {SHORT}"
    with translation.override("de"):
        day = demo + master.get_absolute_url() + f"?date={tomorrow().isoformat()}"
    page.goto(day)
    page.locator("input[name=start]").first.check()
    page.fill("input[name=client_name]", client_name)
    page.fill("input[name=client_email]", "client@example.com")
    with page.expect_navigation():
        page.click(".booking-form button[type=submit]")
    assert page.locator(".messages .success").count() == 1
    browser_errors.assert_clean(page.url)
    assert page.evaluate(SAFETY)["pwned"] is None

    [mail] = mailoutbox
    assert mail.subject == f"{master.name} de {HOSTILE}"
    assert mail.body == f"{client_name} de {HOSTILE}\n{SiteSettings.load().site_name}\n"
    assert mail.content_subtype == "plain"
    assert not getattr(mail, "alternatives", [])
