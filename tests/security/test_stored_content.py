"""Admin-editable text is escaped wherever it is rendered; secrets reach neither Redis nor a page."""

from __future__ import annotations

import pytest
import redis
from django.core.exceptions import ValidationError
from django.test import Client

from features.articles.models import Article
from features.booking.models import Master, Service
from features.pages.models import StaticPageSeo
from features.site_settings.models import SiteSettings

#: Breaks out of an attribute, a <title>, a <script type="application/ld+json"> and a tag.
PAYLOAD = "\"'></title></script><script>alert(1)</script><img src=x onerror=alert(2)>&amp;"
#: What must never appear raw in a rendered page, whatever the context.
RAW = ["<script>alert(1)", "<img src=x", "onerror=alert(2)>", "</title></script><"]

SETTINGS_TEXT_FIELDS = ["site_name", "tagline", "contact_email", "phone", "address", "postal_code",
                        "locality", "twitter_handle", "facebook_url", "instagram_url",
                        "default_share_image"]  # fmt: skip

PAGES = ["/en/", "/en/about/", "/en/contacts/", "/en/articles/", "/en/masters/", "/en/masters/anna-schmidt/"]


def article_path() -> str:
    return (
        Article.objects.public()
        .get(order=0, slug_en="keeping-a-beard-soft-between-visits")
        .get_absolute_url()
    )


@pytest.fixture
def hostile_content(demo: None) -> None:
    """Every admin-editable SEO and settings field holds the payload (saved via the ORM)."""
    site = SiteSettings.load()
    for name in SETTINGS_TEXT_FIELDS:
        setattr(site, name, PAYLOAD)
    site.save()
    for page in StaticPageSeo.objects.all():
        for name in ("seo_title_en", "seo_description_en", "seo_image"):
            setattr(page, name, PAYLOAD)
        page.save()
    Article.objects.filter(slug_en="keeping-a-beard-soft-between-visits").update(
        title_en=PAYLOAD,
        summary_en=PAYLOAD,
        body_en=PAYLOAD,
        seo_title_en=PAYLOAD,
        seo_description_en=PAYLOAD,
        cover_alt_en=PAYLOAD,
    )
    Service.objects.filter(master__slug="anna-schmidt").update(name_en=PAYLOAD)
    Master.objects.filter(slug="anna-schmidt").update(name=PAYLOAD, bio_en=PAYLOAD)


def test_payload_in_every_editable_field_is_escaped_on_every_page(
    hostile_content: None, client: Client
) -> None:
    for path in [*PAGES, article_path()]:
        for attempt in ("miss", "hit"):  # rendered from the database, then from Redis
            response = client.get(path)
            assert response.status_code == 200, (path, attempt)
            body = response.content.decode()
            assert [raw for raw in RAW if raw in body] == [], (path, attempt)
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body or "\\u003Cscript" in body, (path, attempt)


def test_title_and_json_ld_hold_the_escaped_payload(hostile_content: None, client: Client) -> None:
    body = client.get("/en/about/").content.decode()
    escaped = "&quot;&#x27;&gt;&lt;/title&gt;&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
    assert f"<title>{escaped}" in body
    assert '"name": "\\"\'\\u003E\\u003C/title\\u003E\\u003C/script\\u003E\\u003Cscript' in body


def test_admin_rejects_script_urls_in_link_fields(db: None) -> None:
    site = SiteSettings(site_name="x", facebook_url="javascript:alert(1)", instagram_url="data:text/html,x")
    with pytest.raises(ValidationError) as error:
        site.full_clean()
    assert set(error.value.message_dict) == {"facebook_url", "instagram_url"}


@pytest.mark.parametrize(
    "url", ["/admin/", "/admin/site_settings/sitesettings/", "/admin/booking/appointment/"]
)
def test_admin_requires_login(db: None, client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/admin/login/?next={url}"


def test_api_key_is_in_no_redis_value_and_no_page(
    demo: None, client: Client, redis_client: redis.Redis
) -> None:
    api_key = SiteSettings.load().api_key
    assert api_key.startswith("demo-")
    bodies = {}
    for path in [
        *PAGES,
        article_path(),
        "/de/",
        "/ru/",
        "/sitemap.xml",
        "/sitemap-static.xml",
        "/robots.txt",
    ]:
        for _ in range(2):  # miss, then hit
            response = client.get(path)
            assert response.status_code == 200, path
            bodies[path] = response.content.decode()
    assert [path for path, body in bodies.items() if api_key in body] == []
    keys = redis_client.keys("*")
    assert "codex_demo:site_settings" in keys
    stored = []
    for key in keys:
        kind = redis_client.type(key)
        if kind == "hash":
            stored.extend([key, *(f"{k}={v}" for k, v in redis_client.hgetall(key).items())])
        elif kind == "string":
            stored.extend([key, str(redis_client.get(key))])
        else:
            pytest.fail(f"unexpected Redis type {kind} at {key}")
    assert [value for value in stored if api_key in value or "api_key" in value] == []
