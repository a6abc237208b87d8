"""Editors' flows through the admin in Chromium, checked on the public pages and in the e-mails.

Every flow first loads the public page (or sends the e-mail) so the Redis caches are warm, then
changes the data through the admin's own forms, then looks again: the next request must show
the change (invalidation on commit), and only where it belongs (the edited language, the page
the row now names). E-mails go to Django's locmem outbox: ``live_server`` runs in this process.
"""

from __future__ import annotations

from datetime import datetime

import pytest
import redis
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format, time_format
from playwright.sync_api import Page

from features.articles.models import Article
from features.booking.models import Appointment, Master
from features.notifications.demo_data import BOOKING_CONFIRMATION, TEMPLATES
from features.notifications.models import NotificationTemplate
from features.pages.models import StaticPageSeo
from features.site_settings.models import SiteSettings
from tests.e2e import helpers
from tests.e2e.helpers import LANGUAGES, BrowserErrors, in_language, save_change_form, visit
from tests.features.factories_booking import at, tomorrow

pytestmark = pytest.mark.django_db(transaction=True)


def title_of(page: Page, origin: str, name: str, language: str, errors: BrowserErrors) -> str:
    """The ``<title>`` of page ``name`` in ``language``; its ``og:title`` must agree."""
    doc = visit(page, origin + in_language(language, lambda: reverse(name)), errors)
    title = doc.findtext(".//title")
    assert doc.xpath("//meta[@property='og:title']/@content") == [title]
    return str(title)


def test_deleting_and_renaming_static_page_seo_rows_show_on_the_next_request(
    demo: str, admin_page: Page, browser_errors: BrowserErrors, redis_client: redis.Redis
) -> None:
    page = admin_page
    site_name = SiteSettings.load().site_name
    about, contacts = (StaticPageSeo.objects.get(page_key=key) for key in ("about", "contacts"))
    shown = {
        (key, code): title_of(page, demo, f"pages:{key}", code, browser_errors)
        for key in ("about", "contacts")
        for code in LANGUAGES
    }
    for code in LANGUAGES:
        with translation.override(code):
            assert shown["about", code] == about.seo_title != site_name
            assert shown["contacts", code] == contacts.seo_title != site_name
    assert redis_client.keys("*"), "the public pages filled the Redis caches"

    # Delete the contacts row: its pages fall back to the site name at once, in every language.
    page.goto(demo + reverse("admin:pages_staticpageseo_delete", args=[contacts.pk]))
    with page.expect_navigation():
        page.click("form input[type=submit]")
    assert page.locator(".messagelist .success").count() == 1
    assert not StaticPageSeo.objects.filter(pk=contacts.pk).exists()
    for code in LANGUAGES:
        assert title_of(page, demo, "pages:contacts", code, browser_errors) == site_name
        assert title_of(page, demo, "pages:about", code, browser_errors) == shown["about", code]

    # Rename the about row to contacts: the about pages lose it, the contacts pages gain it.
    page.goto(demo + reverse("admin:pages_staticpageseo_change", args=[about.pk]))
    page.select_option("select[name=page_key]", "contacts")
    with page.expect_navigation():
        page.click("input[name=_save]")
    assert page.locator(".messagelist .success").count() == 1
    for code in LANGUAGES:
        assert title_of(page, demo, "pages:about", code, browser_errors) == site_name
        doc = visit(page, demo + in_language(code, lambda: reverse("pages:contacts")), browser_errors)
        expected = helpers.expected_static_page("contacts", code)  # from the renamed row
        assert doc.findtext(".//title") == expected.title == shown["about", code]
        paths = helpers.url_paths("pages:contacts")
        assert helpers.head_tags(doc) == helpers.expected_head(demo, code, paths, expected)


def test_editing_a_non_default_language_shows_on_that_language_only(
    demo: str, admin_page: Page, browser_errors: BrowserErrors
) -> None:
    page = admin_page
    seo = StaticPageSeo.objects.get(page_key="about")
    before = {code: title_of(page, demo, "pages:about", code, browser_errors) for code in LANGUAGES}
    save_change_form(
        page, demo + reverse("admin:pages_staticpageseo_change", args=[seo.pk]), seo_title_de="Über uns, neu"
    )
    after = {code: title_of(page, demo, "pages:about", code, browser_errors) for code in LANGUAGES}
    assert after == {**before, "de": "Über uns, neu"}

    article = Article.objects.public().first()
    assert article is not None
    paths = helpers.paths_of(article.get_absolute_url)
    headings = {code: visit(page, demo + paths[code], browser_errors).findtext(".//h1") for code in LANGUAGES}
    save_change_form(
        page, demo + reverse("admin:articles_article_change", args=[article.pk]), title_ru="Новый заголовок"
    )
    for code in LANGUAGES:
        doc = visit(page, demo + paths[code], browser_errors)  # the slug did not change
        assert doc.findtext(".//h1") == ("Новый заголовок" if code == "ru" else headings[code])
    list_ru = visit(page, demo + in_language("ru", lambda: reverse("articles:list")), browser_errors)
    assert "Новый заголовок" in list_ru.xpath("//li[@class='article-card']//a/text()")


def book(page: Page, origin: str, master: Master, language: str, start: datetime, name: str) -> str:
    """Book ``start`` on the master's page in ``language``; return the success message shown."""
    with translation.override(language):
        url = origin + master.get_absolute_url() + f"?date={tomorrow().isoformat()}"
    page.goto(url)
    page.check(f"input[name=start][value='{start.isoformat()}']")
    page.fill("input[name=client_name]", name)
    page.fill("input[name=client_email]", f"{language}@example.com")
    with page.expect_navigation():
        page.click(".booking-form button[type=submit]")
    assert page.url == url
    return page.inner_text(".messages .success")


def expected_mail(language: str, master: Master, start: datetime, client: str) -> tuple[str, str]:
    """The demo template of ``language`` with its placeholders filled in by hand."""
    local = timezone.localtime(start)
    with translation.override(language):
        values = {
            "master_name": master.name,
            "client_name": client,
            "date": date_format(local, "DATE_FORMAT"),
            "time": time_format(local, "TIME_FORMAT"),
            "site_name": SiteSettings.load().site_name,
        }
    template = TEMPLATES[BOOKING_CONFIRMATION]
    subject, body = template[f"subject_{language}"], template[f"body_{language}"]
    for name, value in values.items():
        subject = subject.replace(f"{{{{ {name} }}}}", value)
        body = body.replace(f"{{{{ {name} }}}}", value)
    return subject, body


def test_booking_in_each_language_sends_the_confirmation_in_that_language(
    demo: str, page: Page, browser_errors: BrowserErrors, mailoutbox: list[EmailMessage]
) -> None:
    master = Master.objects.get(slug="anna-schmidt")
    starts = {code: at(tomorrow(), hour) for code, hour in zip(LANGUAGES, (10, 11, 12, 13), strict=True)}
    for code in LANGUAGES:
        message = book(page, demo, master, code, starts[code], f"Client {code}")
        with translation.override(code):
            assert time_format(timezone.localtime(starts[code]), "TIME_FORMAT") in message
        browser_errors.assert_clean(page.url)
    assert [mail.to for mail in mailoutbox] == [[f"{code}@example.com"] for code in LANGUAGES]
    for mail, code in zip(mailoutbox, LANGUAGES, strict=True):
        assert (mail.subject, mail.body) == expected_mail(code, master, starts[code], f"Client {code}")
    # The four languages' dates differ (month names), so each mail really is in its own language.
    assert len({mail.subject for mail in mailoutbox}) == len(LANGUAGES) == 4


def test_an_edited_notification_template_is_in_the_next_confirmation(
    demo: str, admin_page: Page, browser_errors: BrowserErrors, mailoutbox: list[EmailMessage]
) -> None:
    page = admin_page
    master = Master.objects.get(slug="anna-schmidt")
    book(page, demo, master, "de", at(tomorrow(), 10), "Erste Kundin")  # the template cache is warm now
    assert mailoutbox[-1].subject == expected_mail("de", master, at(tomorrow(), 10), "Erste Kundin")[0]

    template = NotificationTemplate.objects.get(key=BOOKING_CONFIRMATION)
    save_change_form(
        page,
        demo + reverse("admin:notifications_notificationtemplate_change", args=[template.pk]),
        subject_de="Neu: {{ master_name }} um {{ time }}",
        body_de="Hallo {{ client_name }}, bis bald!",
    )

    book(page, demo, master, "de", at(tomorrow(), 11), "Zweite Kundin")
    book(page, demo, master, "en", at(tomorrow(), 12), "Third Client")
    browser_errors.assert_clean(page.url)
    with translation.override("de"):
        eleven = time_format(timezone.localtime(at(tomorrow(), 11)), "TIME_FORMAT")
    german, english = mailoutbox[-2:]
    assert (german.subject, german.body) == (
        f"Neu: {master.name} um {eleven}",
        "Hallo Zweite Kundin, bis bald!",
    )
    # The English text is unchanged by the German edit, but the save went through a browser form:
    # its line breaks came back as CRLF (the e-mail turns them into "\n" again) and the form field
    # stripped the final newline.
    subject, body = expected_mail("en", master, at(tomorrow(), 12), "Third Client")
    assert (english.subject, english.body) == (subject, body.rstrip("\n"))


def admin_change_forms() -> dict[str, str]:
    """The change form of one row of every demo model an editor edits (the site settings: its list)."""
    rows = {
        "articles_article": Article.objects.public().first(),
        "pages_staticpageseo": StaticPageSeo.objects.first(),
        "booking_master": Master.objects.first(),
        "booking_appointment": Appointment.objects.first(),
        "notifications_notificationtemplate": NotificationTemplate.objects.first(),
    }
    forms = {name: reverse(f"admin:{name}_change", args=[row.pk]) for name, row in rows.items() if row}
    assert len(forms) == len(rows), "the demo has a row of every model"
    forms["site_settings_sitesettings"] = reverse("admin:site_settings_sitesettings_changelist")
    return forms


def test_every_admin_change_form_loads_its_assets_from_the_site_alone(
    demo: str, admin_page: Page, browser_errors: BrowserErrors
) -> None:
    """No admin page pulls a script from another host: the CSP would block it and break the form."""
    for name, path in admin_change_forms().items():
        response = admin_page.goto(demo + path)
        assert response is not None
        assert response.status == 200, name
        browser_errors.assert_clean(name)
