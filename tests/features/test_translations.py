"""The ar, de and ru catalogues under locale/: complete, well-formed, loaded, stable across makemessages runs.

The suite normally runs after ``make install`` (``manage.py compilemessages``); the
``compiled`` fixture compiles stale ``.mo`` files itself so this module also runs alone.
"""

from __future__ import annotations

import ast
import gettext
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from io import StringIO
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote

import lxml.html
import pytest
from django.conf import settings
from django.core.management import call_command
from django.template.loader import render_to_string
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from tests.features.factories_articles import make_article, make_site_settings, use_test_site

BASE_DIR = Path(settings.BASE_DIR)
LOCALE_DIR = BASE_DIR / "locale"
DOMAINS = ("articles", "booking", "common", "errors", "includes", "pages")
#: Every language but the source one (English) has catalogues; Arabic has six plural forms.
LANGUAGES = ("ar", "de", "ru")
NPLURALS = {"ar": 6, "de": 2, "ru": 3}
CATALOGUES = sorted(LOCALE_DIR.glob("*/*/LC_MESSAGES/django.po"))
MSGFMT = shutil.which("msgfmt")
# %(name)s / %s / %d, {name}, and HTML tags must survive translation unchanged.
PLACEHOLDER = re.compile(r"%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[sdifr%]|\{[^{}]*\}|</?[a-zA-Z][^>]*>")


def _require_gettext() -> str:
    if MSGFMT is None:
        message = "GNU gettext is not installed (apt-get install gettext)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return MSGFMT


@dataclass(frozen=True)
class Entry:
    """One message of a .po file, as far as these tests need it."""

    msgctxt: str | None
    msgid: str
    msgid_plural: str | None
    msgstr: tuple[str, ...]
    flags: frozenset[str]
    obsolete: bool

    @property
    def key(self) -> tuple[str | None, str, str | None]:
        return (self.msgctxt, self.msgid, self.msgid_plural)


def read_po(path: Path) -> list[Entry]:
    """Parse a gettext catalogue: keywords, continuation lines, ``#,`` flags and ``#~`` obsolete entries."""
    entries: list[Entry] = []
    fields: dict[str, str] = {}
    flags: set[str] = set()
    obsolete = False
    key = ""

    def flush() -> None:
        nonlocal fields, flags, obsolete
        if "msgid" in fields:
            msgstr = tuple(fields[k] for k in sorted(k for k in fields if k.startswith("msgstr")))
            entries.append(
                Entry(
                    fields.get("msgctxt"),
                    fields["msgid"],
                    fields.get("msgid_plural"),
                    msgstr,
                    frozenset(flags),
                    obsolete,
                )
            )
        fields, flags, obsolete = {}, set(), False

    for raw in path.read_text(encoding="utf-8").splitlines():
        line, is_obsolete = (raw[2:].lstrip(), True) if raw.startswith("#~") else (raw, False)
        has_msgstr = any(k.startswith("msgstr") for k in fields)
        keyword = re.match(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(\".*\")$", line)
        opens_msgid = keyword is not None and keyword[1] in ("msgctxt", "msgid")
        starts_entry = not line.strip() or line.startswith("#") or opens_msgid
        if starts_entry and has_msgstr:
            flush()
        if line.startswith("#,"):
            flags.update(flag.strip() for flag in line[2:].split(","))
        elif keyword:
            key = keyword[1]
            fields[key] = ast.literal_eval(keyword[2])
            obsolete = obsolete or is_obsolete
        elif line.startswith('"'):
            fields[key] += ast.literal_eval(line)
    flush()
    return entries


def header(entries: list[Entry]) -> dict[str, str]:
    first = entries[0]
    assert first.msgid == "", "the header must be the first entry"
    return dict(line.split(": ", 1) for line in first.msgstr[0].splitlines() if line)


def messages(path: Path) -> list[Entry]:
    """The active (non-header, non-obsolete) messages of a catalogue."""
    return [e for e in read_po(path) if e.msgid and not e.obsolete]


def catalogue_id(path: Path) -> str:
    return f"{path.parts[-4]}-{path.parts[-3]}"


@pytest.fixture(scope="module")
def compiled() -> Iterator[None]:
    """Compile stale .mo files in place (atomically, idempotently), then drop Django's cached catalogues."""
    msgfmt = _require_gettext()
    for po in CATALOGUES:
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        partial = mo.with_name(f".{mo.name}.{os.getpid()}")
        subprocess.run([msgfmt, "--check-format", "-o", str(partial), str(po)], check=True)
        partial.replace(mo)
    # A LOCALE_PATHS change fires setting_changed, which empties the translation caches.
    with override_settings(LOCALE_PATHS=list(settings.LOCALE_PATHS)):
        yield


def test_every_domain_has_a_catalogue_for_every_translated_language():
    translated = sorted(code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE)
    assert translated == list(LANGUAGES)
    found = {(p.parts[-4], p.parts[-3]) for p in CATALOGUES}
    assert found == {(domain, lang) for domain in DOMAINS for lang in LANGUAGES}


@pytest.mark.parametrize("po", CATALOGUES, ids=catalogue_id)
def test_msgfmt_counts_every_message_translated(po):
    msgfmt = _require_gettext()
    result = subprocess.run(
        [msgfmt, "--check", "--statistics", "-o", os.devnull, str(po)],
        capture_output=True,
        text=True,
        env={**os.environ, "LC_ALL": "C"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    count = len(messages(po))
    assert result.stderr.strip() == f"{count} translated message{'' if count == 1 else 's'}."


@pytest.mark.parametrize("po", CATALOGUES, ids=catalogue_id)
def test_catalogue_header_and_entries_are_complete(po):
    language = po.parts[-3]
    entries = read_po(po)
    meta = header(entries)
    assert meta["Language"] == language
    assert meta["Content-Type"] == "text/plain; charset=UTF-8"
    assert meta["Plural-Forms"].startswith(f"nplurals={NPLURALS[language]};")
    assert [e.msgid for e in entries if "fuzzy" in e.flags] == []
    single = single_number_forms(meta["Plural-Forms"])
    for entry in messages(po):
        expected = NPLURALS[language] if entry.msgid_plural is not None else 1
        assert len(entry.msgstr) == expected, entry.msgid
        assert all(entry.msgstr), f"untranslated: {entry.msgid!r}"
        wanted = sorted(PLACEHOLDER.findall(entry.msgid))
        for form, translated in enumerate(entry.msgstr):
            found = sorted(PLACEHOLDER.findall(translated))
            if entry.msgid_plural is not None and form in single and found != wanted:
                # A form for one number only may say it in words ("عنصران", two items), as msgfmt allows:
                # it drops the count, never another placeholder, and adds none.
                message = f"{entry.msgid!r} -> {translated!r}"
                assert len(found) == len(wanted) - 1, message
                assert all(found.count(p) <= wanted.count(p) for p in found), message
            else:
                assert found == wanted, f"{entry.msgid!r} -> {translated!r}"


def plural_function(plural_forms: str) -> Callable[[int], int]:
    """The ``plural=`` expression of a ``Plural-Forms`` header as a function, as gettext evaluates it."""
    expression = re.search(r"plural=(.+?);?$", plural_forms)
    assert expression is not None, plural_forms
    return gettext.c2py(expression[1])


def single_number_forms(plural_forms: str) -> set[int]:
    """The plural forms that exactly one ``n`` selects (Arabic: zero, one and two)."""
    select = plural_function(plural_forms)
    numbers: dict[int, list[int]] = {}
    for n in range(1000):
        numbers.setdefault(select(n), []).append(n)
    return {form for form, ns in numbers.items() if len(ns) == 1}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogues_are_disjoint(language):
    # Django merges all LOCALE_PATHS into one catalogue keyed by (msgctxt, msgid): a message in two
    # catalogues is translated twice and one of the translations is silently ignored.
    domains: dict[tuple[str | None, str], list[str]] = {}
    for po in sorted(LOCALE_DIR.glob(f"*/{language}/LC_MESSAGES/django.po")):
        for entry in read_po(po):
            if entry.msgid:
                domains.setdefault((entry.msgctxt, entry.msgid), []).append(po.parts[-4])
    assert {key: found for key, found in domains.items() if len(found) > 1} == {}


#: One ``n`` for each plural form, in form order.
PLURAL_SAMPLES = {"ar": (0, 1, 2, 3, 11, 100), "de": (1, 2), "ru": (1, 2, 5)}


@pytest.mark.usefixtures("compiled")
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_translates_wherever_its_catalogue_is(language):
    """A template in one domain may use a message kept in another (e.g. ``common``): Django finds it."""
    wrong = []
    with translation.override(language):
        for po in LOCALE_DIR.glob(f"*/{language}/LC_MESSAGES/django.po"):
            for entry in messages(po):
                if entry.msgid_plural is None:
                    got: tuple[str, ...] = (
                        translation.gettext(entry.msgid)
                        if entry.msgctxt is None
                        else translation.pgettext(entry.msgctxt, entry.msgid),
                    )
                else:
                    got = tuple(
                        translation.ngettext(entry.msgid, entry.msgid_plural, n)
                        if entry.msgctxt is None
                        else translation.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, n)
                        for n in PLURAL_SAMPLES[language]
                    )
                if got != entry.msgstr:
                    wrong.append((catalogue_id(po), entry.msgid, got, entry.msgstr))
    assert wrong == []


def test_every_domain_directory_is_a_locale_path():
    assert {str(LOCALE_DIR / domain) for domain in DOMAINS} <= set(settings.LOCALE_PATHS)


URLS = {
    "de": {
        "pages:home": "/de/",
        "articles:list": "/de/artikel/",
        "booking:master_list": "/de/meister/",
        "pages:about": "/de/ueber-uns/",
        "pages:contacts": "/de/kontakt/",
    },
    "ru": {
        "pages:home": "/ru/",
        "articles:list": "/ru/stati/",
        "booking:master_list": "/ru/mastera/",
        "pages:about": "/ru/o-nas/",
        "pages:contacts": "/ru/kontakty/",
    },
    # Arabic URL words are in Arabic script; reverse() percent-encodes them as UTF-8.
    "ar": {
        "pages:home": "/ar/",
        "articles:list": quote("/ar/مقالات/"),
        "booking:master_list": quote("/ar/خبراء/"),
        "pages:about": quote("/ar/من-نحن/"),
        "pages:contacts": quote("/ar/اتصل-بنا/"),
    },
}


@pytest.mark.usefixtures("compiled")
@pytest.mark.parametrize("language", LANGUAGES)
def test_url_words_are_translated(language):
    with translation.override(language):
        assert {name: reverse(name) for name in URLS[language]} == URLS[language]


@pytest.mark.usefixtures("compiled")
def test_language_names_and_russian_plurals_come_from_the_catalogues():
    names = [str(name) for _code, name in settings.LANGUAGES]
    assert names == ["English", "German", "Russian", "Arabic"]
    with translation.override("de"):
        assert [translation.gettext(n) for n in names] == ["Englisch", "Deutsch", "Russisch", "Arabisch"]
    with translation.override("ar"):
        assert [translation.gettext(n) for n in names] == ["الإنجليزية", "الألمانية", "الروسية", "العربية"]
    with translation.override("ru"):
        assert [translation.gettext(n) for n in names] == ["Английский", "Немецкий", "Русский", "Арабский"]
        singular, plural = "%(count)d object restored.", "%(count)d objects restored."
        restored = [translation.ngettext(singular, plural, n) % {"count": n} for n in (1, 3, 5, 11, 21, 22)]
    assert restored == [
        "1 объект восстановлен.",
        "3 объекта восстановлены.",
        "5 объектов восстановлено.",
        "11 объектов восстановлено.",
        "21 объект восстановлен.",
        "22 объекта восстановлены.",
    ]


def arabic_catalogues() -> list[Path]:
    return sorted(LOCALE_DIR.glob("*/ar/LC_MESSAGES/django.po"))


#: The form gettext picks for ``n`` in Arabic: zero, one, two, few (n % 100 in 3..10), many (11..99), other.
ARABIC_FORMS = {0: 0, 1: 1, 2: 2, 3: 3, 10: 3, 11: 4, 99: 4, 100: 5, 101: 5, 102: 5, 103: 3, 111: 4, 1000: 5}


@pytest.mark.parametrize("po", arabic_catalogues(), ids=catalogue_id)
def test_arabic_plural_forms_header_picks_zero_one_two_few_many_other(po):
    select = plural_function(header(read_po(po))["Plural-Forms"])
    assert {n: select(n) for n in ARABIC_FORMS} == ARABIC_FORMS


def test_arabic_plural_entries_have_six_forms_distinct_where_arabic_tells_them_apart():
    entries = [(catalogue_id(po), e) for po in arabic_catalogues() for e in messages(po) if e.msgid_plural]
    assert {(cid, e.msgid) for cid, e in entries} == {
        ("booking-ar", "%(minutes)s min"),
        ("common-ar", "%(count)d object soft-deleted."),
        ("common-ar", "%(count)d object restored."),
    }
    for cid, entry in entries:
        assert len(entry.msgstr) == 6, (cid, entry.msgid)
        _zero, one, two, few, many, other = entry.msgstr
        # One (singular), two (dual), few (plural) and many (singular accusative) are always different
        # words in Arabic; zero and other may read like many ("5 دقيقة" ... "100 دقيقة").
        assert len({one, two, few, many}) == 4, (cid, entry.msgstr)
        # Where the number must be shown as digits, every placeholder is there.
        wanted = sorted(PLACEHOLDER.findall(entry.msgid))
        assert wanted == sorted(PLACEHOLDER.findall(entry.msgid_plural))
        digits = [sorted(PLACEHOLDER.findall(form)) for form in (few, many, other)]
        assert digits == [wanted] * 3, entry.msgstr


ARABIC_LETTER = re.compile("[\u0600-\u06ff]")
#: Messages whose Arabic text has no Arabic word: a product name, an established abbreviation, a price.
LATIN_IN_ARABIC = {"Codex Redis", "SEO", "€%(amount)s"}


def test_every_arabic_message_is_written_in_arabic_script():
    latin = [
        (catalogue_id(po), e.msgid, form)
        for po in arabic_catalogues()
        for e in messages(po)
        for form in e.msgstr
        if e.msgid not in LATIN_IN_ARABIC and not ARABIC_LETTER.search(form)
    ]
    assert latin == []


@pytest.mark.usefixtures("compiled")
def test_arabic_plurals_come_from_the_catalogues():
    singular, plural = "%(count)d object restored.", "%(count)d objects restored."
    numbers = (0, 1, 2, 3, 10, 11, 99, 100, 101, 103, 111)
    with translation.override("ar"):
        restored = [translation.ngettext(singular, plural, n) % {"count": n} for n in numbers]
    assert restored == [
        "لم تتم استعادة أي عنصر.",
        "تمت استعادة عنصر واحد.",
        "تمت استعادة عنصرين.",
        "تمت استعادة 3 عناصر.",
        "تمت استعادة 10 عناصر.",
        "تمت استعادة 11 عنصرًا.",
        "تمت استعادة 99 عنصرًا.",
        "تمت استعادة 100 عنصر.",
        "تمت استعادة 101 عنصر.",
        "تمت استعادة 103 عناصر.",
        "تمت استعادة 111 عنصرًا.",
    ]


@pytest.mark.usefixtures("compiled")
def test_arabic_service_table_spells_durations_and_prices():
    """The real services include: blocktranslate's count forms (also those without digits) and the price."""
    minutes = (1, 2, 5, 30, 120)
    services = [SimpleNamespace(name=f"S{m}", minutes=m, price=Decimal("48")) for m in minutes]
    with translation.override("ar"):
        html = render_to_string("booking/includes/services.html", {"services": services})
    doc = lxml.html.fromstring(html)
    assert doc.xpath("string(//caption)") == "الخدمات والأسعار"
    assert doc.xpath("//thead//th/text()") == ["الخدمة", "المدة", "السعر"]
    assert [[td.text_content() for td in row.xpath("td")] for row in doc.xpath("//tbody/tr")] == [
        ["دقيقة واحدة", "48,00 €"],
        ["دقيقتان", "48,00 €"],
        ["5 دقائق", "48,00 €"],
        ["30 دقيقة", "48,00 €"],
        ["120 دقيقة", "48,00 €"],
    ]


PAGE_UI = {
    "de": {
        "skip": "Zum Inhalt springen",
        "navs": ["Hauptmenü", "Sprache", "Navigationspfad", "Seiten"],
        "menu": ["Startseite", "Artikel", "Meister", "Über uns", "Kontakt"],
        "h1": "Artikel",
        "pagination": ["Seite 1 von 2", "Weiter"],
        "title": "Artikel",
    },
    "ru": {
        "skip": "Перейти к содержимому",
        "navs": ["Главное меню", "Язык", "Навигационная цепочка", "Страницы"],
        "menu": ["Главная", "Статьи", "Мастера", "О нас", "Контакты"],  # noqa: RUF001 -- Russian on purpose
        "h1": "Статьи",
        "pagination": ["Страница 1 из 2", "Далее"],
        "title": "Статьи",
    },
    "ar": {
        "skip": "الانتقال إلى المحتوى",
        "navs": ["القائمة الرئيسية", "اللغة", "مسار التنقل", "الصفحات"],
        "menu": ["الرئيسية", "المقالات", "الخبراء", "من نحن", "اتصل بنا"],
        "h1": "المقالات",
        "pagination": ["الصفحة 1 من 2", "التالي"],
        "title": "المقالات",
    },
}


@pytest.mark.django_db
@pytest.mark.usefixtures("compiled")
@pytest.mark.parametrize("language", LANGUAGES)
def test_article_list_ui_is_translated(client, settings, language):
    use_test_site(settings)
    make_site_settings()
    for n in range(11):  # one more than a page
        make_article(f"Article {n}")
    response = client.get(URLS[language]["articles:list"])
    assert response.status_code == 200
    doc = lxml.html.fromstring(response.content)
    nav = doc.xpath('//nav[@class="site-nav"]//a')
    assert {
        "skip": doc.xpath('string(//a[@class="skip-link"])'),
        "navs": doc.xpath("//nav/@aria-label"),
        "menu": [a.text_content() for a in nav],
        "h1": doc.xpath("string(//h1)"),
        "pagination": [
            " ".join(el.text_content().split()) for el in doc.xpath('//nav[@class="pagination"]/*')
        ],
        "title": doc.xpath("string(//title)"),
    } == PAGE_UI[language]
    assert [a.get("href") for a in nav] == list(URLS[language].values())


@pytest.mark.django_db
@pytest.mark.usefixtures("compiled")
@pytest.mark.parametrize(
    ("path", "texts"),
    [
        ("/de/gibt-es-nicht/", ["Seite nicht gefunden", "Zur Startseite"]),
        ("/ru/net-takoi/", ["Страница не найдена", "Перейти на главную страницу"]),
        (quote("/ar/غير-موجودة/"), ["الصفحة غير موجودة", "العودة إلى الصفحة الرئيسية"]),
    ],
)
def test_not_found_page_is_translated(client, settings, path, texts):
    use_test_site(settings)
    response = client.get(path)
    assert response.status_code == 404
    doc = lxml.html.fromstring(response.content)
    assert [doc.xpath("string(//main//h1)"), doc.xpath("string(//main//a)")] == texts


def test_makemessages_rerun_keeps_every_translation(tmp_path, settings):
    """Re-extracting into a copy of the project leaves each catalogue's messages and translations alone."""
    _require_gettext()
    junk = shutil.ignore_patterns(".*", "__pycache__", "*.mo", "*.sqlite3", "tests", "staticfiles", "media")
    for child in BASE_DIR.iterdir():
        if child.name.startswith(".") or child.name in ("tests", "staticfiles", "media", "test-artifacts"):
            continue
        if child.is_dir():
            shutil.copytree(child, tmp_path / child.name, ignore=junk)
        elif not child.name.endswith(".sqlite3"):
            shutil.copy2(child, tmp_path / child.name)
    settings.BASE_DIR = tmp_path
    call_command("codex_makemessages", locale=list(LANGUAGES), verbosity=0, stdout=StringIO())
    rerun = sorted((tmp_path / "locale").glob("*/*/LC_MESSAGES/django.po"))
    assert [p.relative_to(tmp_path) for p in rerun] == [p.relative_to(BASE_DIR) for p in CATALOGUES]
    for before, after in zip(CATALOGUES, rerun, strict=True):
        old = {e.key: (e.msgstr, e.flags) for e in messages(before)}
        new = {e.key: (e.msgstr, e.flags) for e in messages(after)}
        stale = before.relative_to(BASE_DIR)
        assert new == old, f"{stale} is out of date: run codex_makemessages and translate"
        old_header, new_header = header(read_po(before)), header(read_po(after))
        old_header.pop("POT-Creation-Date")
        new_header.pop("POT-Creation-Date")
        assert new_header == old_header
