"""Site settings: the singleton, its Redis hash (never the secret), admin rules, templates."""

from __future__ import annotations

import json

import pytest
import redis
from django.db import connection
from django.template import engines
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from codex_core.redis.managers.settings import SettingsProxy, get_site_settings_manager
from features.site_settings import demo_data
from features.site_settings.context_processors import site_settings
from features.site_settings.models import SiteSettings

pytestmark = pytest.mark.django_db

SECRET = "sk-live-0123456789abcdef"
PUBLIC_FIELDS = {
    "site_name",
    "tagline",
    "tagline_en",
    "tagline_de",
    "tagline_ru",
    "tagline_ar",
    "contact_email",
    "phone",
    "address",
    "postal_code",
    "locality",
    "country",
    "opening_hours",
    "facebook_url",
    "instagram_url",
    "twitter_handle",
    "default_share_image",
    "maintenance_mode",
}


@pytest.fixture
def settings_row() -> SiteSettings:
    return SiteSettings.objects.create(
        site_name="Codex Salon",
        tagline="Cuts & colours",
        contact_email="hello@example.com",
        twitter_handle="@codex",
        default_share_image="/static/img/share.png",
        api_key=SECRET,
    )


def test_load_creates_the_single_row_once() -> None:
    first = SiteSettings.load()
    assert (first.pk, first.site_name) == (1, "Codex Demo")
    assert SiteSettings.load().pk == 1
    other = SiteSettings(site_name="Second")
    other.save()
    assert SiteSettings.objects.count() == 1
    assert SiteSettings.load().site_name == "Second"


def test_to_dict_has_every_public_field_and_no_secret(settings_row: SiteSettings) -> None:
    data = settings_row.to_dict()
    assert set(data) == PUBLIC_FIELDS
    assert json.loads(json.dumps(data)) == data
    assert data["site_name"] == "Codex Salon"
    assert data["maintenance_mode"] is False


def test_cached_hash_holds_the_public_fields_and_never_the_secret(
    settings_row: SiteSettings, redis_client: redis.Redis
) -> None:
    manager = get_site_settings_manager()
    loaded = manager.load_cached(SiteSettings)
    stored = redis_client.hgetall(manager.key)
    assert set(stored) == PUBLIC_FIELDS
    assert {name: json.loads(value) for name, value in stored.items()} == loaded
    assert loaded["tagline"] == "Cuts & colours"
    assert all(SECRET not in value for value in stored.values())


def test_saving_invalidates_the_hash_on_commit(
    settings_row: SiteSettings, redis_client: redis.Redis, django_capture_on_commit_callbacks
) -> None:
    manager = get_site_settings_manager()
    manager.load_cached(SiteSettings)
    with django_capture_on_commit_callbacks(execute=True):
        settings_row.site_name = "Renamed"
        settings_row.save()
        assert redis_client.exists(manager.key)
    assert not redis_client.exists(manager.key)
    assert manager.load_cached(SiteSettings)["site_name"] == "Renamed"


def test_a_queryset_update_reaches_the_templates_after_commit(
    settings_row: SiteSettings, redis_client: redis.Redis, django_capture_on_commit_callbacks
) -> None:
    request = RequestFactory().get("/")
    assert site_settings(request)["site_settings"].maintenance_mode is False
    with django_capture_on_commit_callbacks(execute=True):
        assert SiteSettings.objects.update(maintenance_mode=True, site_name="Closed") == 1
        assert redis_client.exists(get_site_settings_manager().key)  # not before the commit
    proxy = site_settings(request)["site_settings"]
    assert (proxy.maintenance_mode, proxy.site_name) == (True, "Closed")


def test_deleting_invalidates_the_hash_on_commit(
    settings_row: SiteSettings, redis_client: redis.Redis, django_capture_on_commit_callbacks
) -> None:
    manager = get_site_settings_manager()
    manager.load_cached(SiteSettings)
    with django_capture_on_commit_callbacks(execute=True):
        settings_row.delete()
    assert not redis_client.exists(manager.key)


def test_context_processor_gives_templates_a_proxy_without_the_secret(settings_row: SiteSettings) -> None:
    request = RequestFactory().get("/")
    context = site_settings(request)
    assert isinstance(context["site_settings"], SettingsProxy)
    assert context["site_settings"].site_name == "Codex Salon"
    assert context["site_settings"].api_key == ""

    template = engines["django"].from_string(
        "{{ site_settings.site_name }}|{{ site_settings.tagline }}|{{ site_settings.api_key }}"
    )
    assert template.render({}, request) == "Codex Salon|Cuts &amp; colours|"


def test_warm_settings_cost_no_query(settings_row: SiteSettings) -> None:
    request = RequestFactory().get("/")
    template = engines["django"].from_string("{{ site_settings.site_name }}")
    template.render({}, request)  # warms the cache
    with CaptureQueriesContext(connection) as queries:
        assert template.render({}, request) == "Codex Salon"
    assert not [q for q in queries.captured_queries if "site_settings" in q["sql"]]


def test_seed_is_idempotent_and_keeps_the_generated_key() -> None:
    assert demo_data.seed() == {"site_settings": 1}
    key = SiteSettings.load().api_key
    assert key.startswith("demo-")
    assert len(key) > 20
    assert demo_data.seed() == {"site_settings": 1}
    assert SiteSettings.load().api_key == key
    assert SiteSettings.objects.count() == 1


class TestAdmin:
    def test_changelist_redirects_to_the_single_row(self, admin_client) -> None:
        response = admin_client.get(reverse("admin:site_settings_sitesettings_changelist"))
        assert response.status_code == 302
        assert response["Location"] == reverse("admin:site_settings_sitesettings_change", args=[1])
        assert SiteSettings.objects.count() == 1

    def test_no_add_once_a_row_exists(self, admin_client, settings_row: SiteSettings) -> None:
        assert admin_client.get(reverse("admin:site_settings_sitesettings_add")).status_code == 403

    def test_add_allowed_while_there_is_no_row(self, admin_client) -> None:
        assert admin_client.get(reverse("admin:site_settings_sitesettings_add")).status_code == 200

    @pytest.mark.parametrize(
        ("language", "heading"),
        [
            ("en", "Contact details"),
            ("de", "Kontaktdaten"),
            ("ru", "Контактные данные"),
            ("ar", "معلومات الاتصال"),
        ],
    )
    def test_the_contact_fieldset_is_named_as_details_not_as_the_contacts_page(
        self, admin_client, settings_row: SiteSettings, language: str, heading: str
    ) -> None:
        url = reverse("admin:site_settings_sitesettings_change", args=[settings_row.pk])
        response = admin_client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        assert f'class="fieldset-heading">{heading}</h2>' in response.content.decode()

    def test_no_delete(self, admin_client, settings_row: SiteSettings) -> None:
        response = admin_client.get(reverse("admin:site_settings_sitesettings_delete", args=[1]))
        assert response.status_code == 403
        response = admin_client.post(
            reverse("admin:site_settings_sitesettings_delete", args=[1]), {"post": "yes"}
        )
        assert response.status_code == 403
        assert SiteSettings.objects.count() == 1

    def test_change_form_saves_and_invalidates(
        self,
        admin_client,
        settings_row: SiteSettings,
        redis_client: redis.Redis,
        django_capture_on_commit_callbacks,
    ) -> None:
        manager = get_site_settings_manager()
        manager.load_cached(SiteSettings)
        data = {**settings_row.to_dict(), "api_key": SECRET, "site_name": "From admin"}
        data = {k: v for k, v in data.items() if v is not False and v is not None}
        with django_capture_on_commit_callbacks(execute=True):
            response = admin_client.post(reverse("admin:site_settings_sitesettings_change", args=[1]), data)
        assert response.status_code == 302
        assert not redis_client.exists(manager.key)
        assert SiteSettings.load().site_name == "From admin"
