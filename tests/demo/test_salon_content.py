"""The seeded demo reads like a salon's site in every language: translated tagline and meta
descriptions, HairSalon and BreadcrumbList JSON-LD, services with prices, covers and
portraits with translated alt text, image sitemap, dates and times in each language's format;
every Arabic text in Arabic script, with native-script article slugs."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote

import lxml.etree
import lxml.html
import pytest
from django.conf import settings
from django.core.validators import validate_unicode_slug
from django.test import Client
from django.urls import reverse
from django.utils import translation
from PIL import Image

from codex_core.urls import canonical_url
from features.articles.covers import COVER_WIDTHS, cover_height
from features.articles.demo_data import article_count, article_texts, demo_articles
from features.articles.models import Article
from features.booking.demo_data import MASTERS, SERVICES
from features.booking.models import Master
from features.booking.portraits import PORTRAIT_SIZES
from features.notifications.demo_data import BOOKING_CONFIRMATION, TEMPLATES
from features.notifications.services import notification_render
from features.pages.demo_data import PAGES
from features.site_settings.demo_data import ORIGINAL
from tests.resilience.demo import seed_all

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]
STATIC = Path(settings.BASE_DIR) / "static"
#: An Arabic letter: the Arabic block's letters without tatweel (U+0640) and without diacritics.
ARABIC_LETTER = "[\u0621-\u063a\u0641-\u064a]"
#: Words of Arabic letters or digits joined by hyphens: a native-script slug.
ARABIC_SLUG = re.compile(f"(?:{ARABIC_LETTER}|[0-9])+(?:-(?:{ARABIC_LETTER}|[0-9])+)+")
#: What an Arabic text may keep in Latin letters: the salon's name and template placeholders.
LATIN_ALLOWED = re.compile(r"Codex Demo|\{\{ \w+ \}\}")
SM = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "image": "http://www.google.com/schemas/sitemap-image/1.1",
}


@pytest.fixture
def demo(client: Client) -> Client:
    seed_all()
    return client


def origin() -> str:
    """Scheme and host of canonical URLs in the test settings."""
    return canonical_url("/").removesuffix("/")


def get(client: Client, path: str) -> lxml.html.HtmlElement:
    response = client.get(path)
    assert response.status_code == 200, path
    return lxml.html.fromstring(response.content)


def ld_of_type(doc: lxml.html.HtmlElement, type_: str) -> list[dict]:
    blocks = [json.loads(s.text) for s in doc.xpath("//script[@type='application/ld+json']")]
    return [block for block in blocks if block.get("@type") == type_]


def is_arabic(text: str) -> bool:
    """Arabic letters, and no Latin ones besides the salon's name and template placeholders."""
    rest = LATIN_ALLOWED.sub("", text)
    return bool(re.search(ARABIC_LETTER, rest)) and not re.search("[A-Za-z]", rest)


def url(language: str, name: str, **kwargs: str) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def first_public_article() -> Article:
    article = Article.objects.public().order_by("-published_at").first()
    assert article is not None
    return article


def article_url(article: Article, language: str) -> str:
    with translation.override(language):
        return article.get_absolute_url()


@pytest.mark.parametrize("language", LANGUAGES)
def test_tagline_and_descriptions_are_in_the_page_language(demo: Client, language: str) -> None:
    pages = [
        url(language, "articles:list"),
        url(language, "booking:master_list"),
        url(language, "pages:home"),
    ]
    descriptions = []
    for path in pages:
        doc = get(demo, path)
        descriptions.append(doc.xpath("//meta[@name='description']/@content")[0])
        assert doc.xpath("//p[@class='site-tagline']/text()") == [ORIGINAL[f"tagline_{language}"]]
        html = lxml.html.tostring(doc, encoding="unicode")
        assert "Multilingual SEO" not in html
        if language != "en":
            assert str(ORIGINAL["tagline_en"]) not in html, path
    if language != "en":
        english = [
            get(demo, url("en", name)).xpath("//meta[@name='description']/@content")[0]
            for name in ("articles:list", "booking:master_list", "pages:home")
        ]
        assert not set(descriptions) & set(english)
    if language == "ru":
        assert all(re.search("[а-яё]", text) for text in descriptions)
    if language == "ar":
        assert [text for text in descriptions if not is_arabic(text)] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_contacts_has_hair_salon_json_ld_with_address_and_opening_hours(demo: Client, language: str) -> None:
    doc = get(demo, url(language, "pages:contacts"))
    (salon,) = ld_of_type(doc, "HairSalon")
    assert salon == {
        "@context": "https://schema.org",
        "@type": "HairSalon",
        "name": "Codex Demo",
        "description": ORIGINAL[f"tagline_{language}"],
        "url": f"{origin()}{url(language, 'pages:home')}",
        "image": f"{origin()}/static/img/share.png",
        "telephone": "+49 30 1234567",
        "email": "hello@example.com",
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "Musterstraße 1",
            "postalCode": "10115",
            "addressLocality": "Berlin",
            "addressCountry": "DE",
        },
        "openingHoursSpecification": [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": [
                    f"https://schema.org/{day}"
                    for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
                ],
                "opens": "08:00",
                "closes": "20:00",
            }
        ],
    }


@pytest.mark.parametrize(
    ("language", "days", "hours"),
    [
        ("en", "Mon – Sun", "8 a.m.–8 p.m."),
        ("de", "Mo – So", "08:00–20:00"),
        ("ru", "Пн – Вс", "8:00–20:00"),
        ("ar", "إثنين – أحد", "8:00 ص–8:00 م"),
    ],
)
def test_opening_hours_are_shown_in_the_page_language(
    demo: Client, language: str, days: str, hours: str
) -> None:
    doc = get(demo, url(language, "pages:contacts"))
    rows = [(tr.findtext("th"), tr.findtext("td")) for tr in doc.xpath("//table[@class='opening-hours']//tr")]
    assert rows == [(days, hours)]


def visible_crumbs(doc: lxml.html.HtmlElement) -> list[tuple[str, str]]:
    items = doc.xpath("//nav[@class='breadcrumbs']//li")
    crumbs = []
    for item in items:
        link = item.find("a")
        crumbs.append((item.text_content().strip(), origin() + link.get("href") if link is not None else ""))
    return crumbs


@pytest.mark.parametrize("language", LANGUAGES)
def test_breadcrumb_json_ld_names_the_visible_breadcrumbs(demo: Client, language: str) -> None:
    article = first_public_article()
    master = Master.objects.filter(is_active=True).first()
    assert master is not None
    paths = [
        url(language, "articles:list"),
        article_url(article, language),
        url(language, "booking:master_list"),
        url(language, "booking:master_detail", slug=master.slug),
        url(language, "pages:about"),
        url(language, "pages:contacts"),
    ]
    for path in paths:
        doc = get(demo, path)
        (crumbs,) = ld_of_type(doc, "BreadcrumbList")
        visible = visible_crumbs(doc)
        assert len(visible) >= 2, path
        visible[-1] = (visible[-1][0], origin() + path)  # the current page: its canonical URL
        assert crumbs["itemListElement"] == [
            {"@type": "ListItem", "position": position, "name": name, "item": href}
            for position, (name, href) in enumerate(visible, start=1)
        ], path
    assert not ld_of_type(get(demo, url(language, "pages:home")), "BreadcrumbList")


@pytest.mark.parametrize(
    ("language", "price", "minutes"),
    [
        ("en", "€48.00", "60 min"),
        ("de", "48,00 €", "60 Min."),
        ("ru", "48,00 €", "60 мин"),
        ("ar", "48,00 €", "60 دقيقة"),
    ],
)
def test_master_page_lists_services_with_prices_in_the_page_language(
    demo: Client, language: str, price: str, minutes: str
) -> None:
    doc = get(demo, url(language, "booking:master_detail", slug="anna-schmidt"))
    rows = [[cell.text_content() for cell in tr] for tr in doc.xpath("//table[@class='services']/tbody/tr")]
    names = {
        "en": "Women's cut and blow-dry",
        "de": "Damenhaarschnitt mit Föhnen",
        "ru": "Женская стрижка с укладкой",
        "ar": "قص شعر نسائي مع تصفيف بالسشوار",
    }
    assert rows[0] == [names[language], minutes, price]
    assert len(rows) == 4


@pytest.mark.parametrize("language", LANGUAGES)
def test_article_cover_is_responsive_and_described_in_the_page_language(demo: Client, language: str) -> None:
    article = first_public_article()
    doc = get(demo, article_url(article, language))
    (img,) = doc.xpath("//article//img[contains(@class, 'cover')]")
    name = article.cover
    assert img.get("srcset") == ", ".join(f"/static/img/covers/{name}-{w}.webp {w}w" for w in COVER_WIDTHS)
    assert img.get("sizes") == "(max-width: 46rem) 100vw, 42rem"
    assert (img.get("width"), img.get("height")) == ("960", "540")
    assert img.get("loading") is None  # above the fold
    with translation.override(language):
        alt = article.cover_alt
    assert alt
    assert img.get("alt") == alt
    og = {
        m.get("property"): m.get("content") for m in doc.xpath("//meta[starts-with(@property, 'og:image')]")
    }
    assert og == {
        "og:image": f"{origin()}/static/img/covers/{name}-960.webp",
        "og:image:width": "960",
        "og:image:height": "540",
        "og:image:alt": alt,
    }
    (data,) = ld_of_type(doc, "Article")
    assert data["image"] == f"{origin()}/static/img/covers/{name}-960.webp"


def test_card_covers_below_the_fold_load_lazily(demo: Client) -> None:
    listing = get(demo, url("en", "articles:list")).xpath("//ul[@class='article-cards']//img")
    assert len(listing) == 10
    assert listing[0].get("loading") is None
    assert listing[0].get("fetchpriority") == "high"
    assert {img.get("loading") for img in listing[1:]} == {"lazy"}
    assert all(img.get("width") == "960" and img.get("height") == "540" and img.get("alt") for img in listing)
    home = get(demo, url("en", "pages:home")).xpath("//ul[@class='article-cards']//img")
    assert home
    assert {img.get("loading") for img in home} == {"lazy"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_master_portraits_have_translated_alt_and_fixed_size(demo: Client, language: str) -> None:
    doc = get(demo, url(language, "booking:master_list"))
    images = doc.xpath("//ul[contains(@class, 'master-cards')]//img")
    assert len(images) == 4
    alts = {
        "en": "Illustrated portrait of Anna Schmidt",
        "de": "Gezeichnetes Porträt von Anna Schmidt",
        "ru": "Рисованный портрет: Anna Schmidt",
        "ar": "رسم يصوّر Anna Schmidt",
    }
    assert images[0].get("alt") == alts[language]
    assert images[0].get("srcset") == (
        "/static/img/masters/anna-schmidt-96.webp 1x, /static/img/masters/anna-schmidt-192.webp 2x"
    )
    assert [img.get("loading") for img in images] == [None, "lazy", "lazy", "lazy"]
    assert {(img.get("width"), img.get("height")) for img in images} == {("96", "96")}


def test_shipped_images_have_the_declared_sizes_and_stay_small() -> None:
    for article in demo_articles():
        for width in COVER_WIDTHS:
            path = STATIC / "img" / "covers" / f"{article['cover']}-{width}.webp"
            with Image.open(path) as image:
                assert image.size == (width, cover_height(width)), path
                assert image.format == "WEBP"
            assert path.stat().st_size < 20_000, path
    for path in (STATIC / "img" / "masters").glob("*.webp"):
        size = int(path.stem.rsplit("-", 1)[1])
        assert size in PORTRAIT_SIZES
        with Image.open(path) as image:
            assert image.size == (size, size)
        assert path.stat().st_size < 10_000, path


def test_articles_sitemap_lists_each_cover_as_an_image(demo: Client) -> None:
    root = lxml.etree.fromstring(demo.get("/sitemap-articles.xml").content)
    entries = root.findall("sm:url", SM)
    assert len(entries) == 12 * len(LANGUAGES)
    covers = {article.pk: article.cover for article in Article.objects.public()}
    by_location = {}
    for article in Article.objects.public():
        for language in LANGUAGES:
            by_location[origin() + article_url(article, language)] = covers[article.pk]
    for entry in entries:
        loc = entry.findtext("sm:loc", namespaces=SM)
        images = entry.findall("image:image/image:loc", SM)
        assert [i.text for i in images] == [f"{origin()}/static/img/covers/{by_location[loc]}-960.webp"]
    # Other sections stay plain sitemaps.
    assert b"image:image" not in demo.get("/sitemap-masters.xml").content


@pytest.mark.parametrize(
    ("language", "date"),
    [("en", "Jan. 6, 2025"), ("de", "6. Januar 2025"), ("ru", "6 января 2025 г."), ("ar", "6 يناير، 2025")],
)
def test_dates_are_formatted_per_language(demo: Client, language: str, date: str) -> None:
    article = Article.objects.get(slug_en=article_texts(0)["slug_en"])
    doc = get(demo, article_url(article, language))
    (time,) = doc.xpath("//p[@class='article-meta']/time")
    assert time.text == date
    assert time.get("datetime") == "2025-01-06T10:00:00+01:00"  # Berlin wall clock of 09:00 UTC


def arabic_demo_texts() -> dict[str, str]:
    """Every Arabic text the demo seeds, named by where it is seeded."""
    texts: dict[str, str] = {"tagline_ar": str(ORIGINAL["tagline_ar"])}
    for index in range(article_count()):
        for name, value in article_texts(index).items():
            if name.endswith("_ar"):
                texts[f"article {index} {name}"] = str(value)
    for master in MASTERS:
        texts[f"{master['slug']} bio_ar"] = str(master["bio_ar"])
    for slug, services in SERVICES.items():
        for position, (_price, _minutes, names) in enumerate(services):
            texts[f"{slug} service {position}"] = names["ar"]
    for page_key, languages in PAGES.items():
        texts[f"{page_key} seo_title_ar"], texts[f"{page_key} seo_description_ar"] = languages["ar"]
    for key, fields in TEMPLATES.items():
        texts[f"{key} subject_ar"], texts[f"{key} body_ar"] = fields["subject_ar"], fields["body_ar"]
    return texts


def test_every_arabic_demo_text_is_in_arabic_script() -> None:
    texts = arabic_demo_texts()
    # 14 articles x 5 texts + 3 SEO overrides x 2, tagline, 4 bios, 15 services, 3 pages x 2, e-mail x 2
    assert len(texts) == 14 * 5 + 3 * 2 + 1 + 4 + 15 + 3 * 2 + 2
    assert {name: text for name, text in texts.items() if not is_arabic(text)} == {}
    assert not is_arabic("Balayage")  # a Latin left-over is caught
    assert not is_arabic("بالياج Balayage")


def test_arabic_slugs_are_native_script_unique_and_valid(demo: Client) -> None:
    slugs = [str(article_texts(index)["slug_ar"]) for index in range(article_count())]
    assert len(set(slugs)) == len(slugs) == 14
    for slug in slugs:
        validate_unicode_slug(slug)  # Django's rule for SlugField(allow_unicode=True)
        assert ARABIC_SLUG.fullmatch(slug), slug
        assert len(slug) <= 40, slug
    others = {str(article_texts(index)[f"slug_{code}"]) for index in range(14) for code in ("en", "de", "ru")}
    assert not set(slugs) & others
    article = first_public_article()
    path = article_url(article, "ar")
    assert unquote(path).endswith(f"/{article.slug_ar}/")
    assert get(demo, path).xpath("//h1/text()") == [article.title_ar]


def test_each_article_is_written_separately_in_every_language() -> None:
    for index in range(article_count()):
        fields = article_texts(index)
        for name in ("slug", "title", "summary", "body", "cover_alt"):
            assert len({fields[f"{name}_{code}"] for code in LANGUAGES}) == len(LANGUAGES), (index, name)
        paragraphs = str(fields["body_en"]).count("\n\n")
        assert [str(fields[f"body_{code}"]).count("\n\n") for code in LANGUAGES] == [paragraphs] * len(
            LANGUAGES
        ), index


def test_booking_confirmation_keeps_its_placeholders_in_every_language(demo: Client) -> None:
    placeholder = re.compile(r"\{\{ (\w+) \}\}")
    texts = TEMPLATES[BOOKING_CONFIRMATION]
    for part in ("subject", "body"):
        names = sorted(placeholder.findall(texts[f"{part}_en"]))
        assert [sorted(placeholder.findall(texts[f"{part}_{code}"])) for code in LANGUAGES] == [names] * len(
            LANGUAGES
        ), part
    context = {"client_name": "ليلى", "master_name": "Anna Schmidt", "date": "6 يناير", "time": "10:00"}
    subject, body = notification_render(
        key=BOOKING_CONFIRMATION, language="ar", context={**context, "site_name": "Codex Demo"}
    )
    assert subject == "موعدك مع Anna Schmidt يوم 6 يناير"
    assert body == (
        "مرحبًا ليلى،\n\nحجزنا لك موعدًا مع Anna Schmidt يوم 6 يناير الساعة 10:00.\n"
        "وسنؤكده لك قريبًا.\n\nCodex Demo\n"
    )
