"""The reference's model mixins, selectors, sitemaps, i18n helpers and app config, used as
its docstrings use them (imports renamed), on the real database and redis-server."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import redis
from asgiref.sync import async_to_sync
from django.apps import AppConfig
from django.template import Context, Template
from django.test import RequestFactory, override_settings
from django.urls import resolve, reverse
from django.utils import translation

from codex_core.apps import CodexCoreConfig, CoreConfig
from codex_core.context_processors import seo_settings
from codex_core.i18n import discover_locale_paths, translate_current_url
from codex_core.i18n.discovery import translate_current_url as discovery_translate
from codex_core.redis import get_site_settings_manager, get_static_content_manager
from codex_core.redis.client import aclose_clients
from codex_core.seo import get_static_page_seo
from codex_core.seo.selectors import serialize_static_page_seo
from codex_core.sitemaps import BaseSitemap, StaticPagesSitemap
from tests.compat.support.models import Article, Note, PageSeo, Post, SiteConfig, StaticContent, Ticket

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
SEO = {"CODEX_STATIC_PAGE_SEO_MODEL": "codex_compat.PageSeo", "PROJECT_NAME": "proj"}


def run(coro: Any) -> Any:
    async def main() -> Any:
        try:
            return await coro
        finally:
            await aclose_clients()

    return asyncio.run(main())


# -- app config ----------------------------------------------------------------------------
def test_core_config_is_the_reference_name_and_codex_core_still_picks_ours() -> None:
    assert type(AppConfig.create("codex_core")) is CodexCoreConfig
    reference = AppConfig.create("codex_core.apps.CoreConfig")
    assert type(reference) is CoreConfig
    assert (reference.name, reference.label) == ("codex_core", "codex_core")


def test_installed_as_core_config_the_app_registers_its_checks(tmp_path: Path) -> None:
    (tmp_path / "compat_settings.py").write_text(
        "from tests.settings import *  # noqa\n"
        "INSTALLED_APPS = ['codex_core.apps.CoreConfig' if a == 'codex_core' else a\n"
        "                  for a in INSTALLED_APPS]\n"
    )
    script = (
        "import django; django.setup()\n"
        "from django.apps import apps; from django.core.checks import registry\n"
        "print(type(apps.get_app_config('codex_core')).__name__)\n"
        "print(any(c.__module__ == 'codex_core.checks' for c in registry.registry.get_checks()))\n"
    )
    env = {
        "DJANGO_SETTINGS_MODULE": "compat_settings",
        "PYTHONPATH": f"{tmp_path}:{ROOT}",
        "PATH": "/usr/bin:/bin",
    }
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["CoreConfig", "True"]


# -- mixins ----------------------------------------------------------------------------------
def test_mixins_compose_as_in_the_docstrings() -> None:
    article = Article.objects.create(title="Hello", seo_title="Hello | Site")
    assert article.is_active
    assert article.created_at is not None
    assert article.updated_at is not None
    post = Post.objects.create(title="Post", slug="post")
    assert Post.objects.get(slug="post") == post
    first, second = Note.objects.create(text="b", order=2), Note.objects.create(text="a", order=1)
    assert list(Note.objects.all()) == [second, first]  # OrderableMixin's ordering


@pytest.mark.parametrize("model", [Note, Ticket])
def test_soft_delete_on_an_unsaved_instance_saves_it_deleted(model: Any) -> None:
    obj = model(text="never saved")
    obj.soft_delete()
    stored = model.objects.get(pk=obj.pk)
    assert stored.is_deleted is True
    assert stored.text == "never saved"
    stored.soft_delete()  # and on a saved one
    assert model.objects.get(pk=obj.pk).is_deleted is True


# -- SEO selector and context processor ------------------------------------------------------
@override_settings(**SEO)
def test_get_static_page_seo_honours_to_dict_and_caches_it(
    django_assert_num_queries: Any, redis_client: redis.Redis
) -> None:
    PageSeo.objects.create(page_key="home", title="Home", description="Welcome", internal_note="secret")
    expected = {"title": "Home", "description": "Welcome", "robots": ""}
    assert get_static_page_seo("home") == expected  # to_dict(), None -> "", internal_note left out
    with django_assert_num_queries(0):
        assert get_static_page_seo("home") == expected
    assert serialize_static_page_seo(PageSeo.objects.get()) == expected
    assert get_static_page_seo("nowhere") == {}  # the reference returned None (falsy too)


@override_settings(**SEO)
def test_seo_settings_context_processor_exposes_the_page(rf: RequestFactory) -> None:
    PageSeo.objects.create(page_key="about", title="About us")
    request = rf.get("/en/about/")
    request.resolver_match = resolve("/en/about/")
    assert seo_settings(request) == {"seo": {"title": "About us", "description": "", "robots": ""}}
    unnamed = rf.get("/nowhere/")
    assert seo_settings(unnamed) == {"seo": {}}


# -- static content and site settings ---------------------------------------------------------
@pytest.mark.django_db(transaction=True)  # the async load reads the database in a thread
@override_settings(PROJECT_NAME="proj")
def test_static_content_loads_from_the_database_once_then_from_redis(
    django_assert_num_queries: Any, redis_client: redis.Redis
) -> None:
    StaticContent.objects.create(key="footer", content="(c) Codex")
    StaticContent.objects.create(key="banner", content="Sale")
    manager = get_static_content_manager()
    assert manager.load_cached(StaticContent) == {"footer": "(c) Codex", "banner": "Sale"}
    assert redis_client.hgetall("proj:static_content") == {"footer": "(c) Codex", "banner": "Sale"}
    with django_assert_num_queries(0):
        assert manager.load_cached(StaticContent)["banner"] == "Sale"
    manager.save_mapping({"banner": "No sale"})  # merges, as the reference's
    assert manager.load_cached(StaticContent) == {"footer": "(c) Codex", "banner": "No sale"}
    with pytest.raises(TypeError, match="must be str"):
        manager.save_mapping({"count": 3})  # type: ignore[dict-item]
    manager.invalidate()
    assert redis_client.exists("proj:static_content") == 0
    assert run(manager.aload_cached(StaticContent)) == {"footer": "(c) Codex", "banner": "Sale"}
    run(manager.asave_mapping({"extra": "x"}))
    assert run(manager.aload_cached(StaticContent))["extra"] == "x"


@override_settings(PROJECT_NAME="proj")
def test_site_settings_round_trip_typed_and_refuse_what_the_reader_rejects(redis_client: redis.Redis) -> None:
    manager = get_site_settings_manager()
    config = SiteConfig.objects.create(phone="+49", is_open=False, opened_on=date(2020, 5, 1))
    assert manager.CACHE_KEY == "site_settings"
    expected = {"phone": "+49", "is_open": False, "opened_on": date(2020, 5, 1)}
    assert manager.load_cached(SiteConfig) == expected  # a miss: read from the DB and cached
    manager.save_instance(config)
    assert manager.load_cached(SiteConfig) == expected
    assert async_to_sync(manager.aload_cached)(SiteConfig) == expected

    bad = SiteConfig(phone="+1", is_open=True)
    bad.to_dict = lambda: {"phone": "+1", "is_open": "maybe", "opened_on": "soon"}  # type: ignore[method-assign]
    with pytest.raises(ValueError, match="is_open, opened_on"):
        manager.save_instance(bad)
    with pytest.raises(ValueError, match="is_open"):
        run(manager.asave_instance(bad))
    assert manager.load_cached(SiteConfig) == expected  # nothing was written


# -- sitemaps ----------------------------------------------------------------------------------
class PagesSitemap(BaseSitemap):
    def items(self) -> list[str]:
        return ["home", "about"]


@override_settings(CANONICAL_DOMAIN="example.com", CODEX_CANONICAL_SCHEME="https")
def test_base_sitemap_languages_x_default_and_build_alternates() -> None:
    sitemap = PagesSitemap()
    assert sitemap.languages == ["en", "de", "ru", "ar"]
    assert sitemap.get_x_default_language() == "en"
    alternates = sitemap.build_alternates("about")
    with translation.override("ar"):
        arabic = reverse("pages:about")  # the catalogue's Arabic words, percent-encoded
    assert arabic.isascii()
    assert alternates == [
        {"lang_code": "en", "location": "https://example.com/en/about/"},
        {"lang_code": "de", "location": "https://example.com/de/ueber-uns/"},
        {"lang_code": "ru", "location": "https://example.com/ru/o-nas/"},
        {"lang_code": "ar", "location": f"https://example.com{arabic}"},
        {"lang_code": "x-default", "location": "https://example.com/en/about/"},
    ]
    urls = sitemap.get_urls()
    assert len(urls) == 8  # two items in four languages
    assert all(url["alternates"] == sitemap.build_alternates(url["item"]) for url in urls)


class GermanDefaultSitemap(PagesSitemap):
    def get_x_default_language(self) -> str:
        return "de"


class NoXDefaultSitemap(PagesSitemap):
    def build_alternates(self, item: Any, domain: str | None = None, **kwargs: Any) -> list[dict[str, str]]:
        return [a for a in super().build_alternates(item, domain, **kwargs) if a["lang_code"] != "x-default"]


@override_settings(CANONICAL_DOMAIN="example.com", CODEX_CANONICAL_SCHEME="https")
def test_the_sitemap_seams_change_what_get_urls_emits() -> None:
    (german,) = [
        a for a in GermanDefaultSitemap().get_urls()[0]["alternates"] if a["lang_code"] == "x-default"
    ]
    assert german["location"] == "https://example.com/de/"
    assert all(
        a["lang_code"] != "x-default" for url in NoXDefaultSitemap().get_urls() for a in url["alternates"]
    )


class OtherPagesSitemap(StaticPagesSitemap):
    setting_name = "COMPAT_OTHER_PAGES"
    default_items = ("home",)


def test_static_pages_sitemap_setting_name_and_default_items() -> None:
    assert OtherPagesSitemap().items() == ["home"]
    with override_settings(COMPAT_OTHER_PAGES=["about", "contacts"]):
        assert OtherPagesSitemap().items() == ["about", "contacts"]
    assert StaticPagesSitemap().items() == ["home", "about", "contacts"]  # SITEMAP_STATIC_PAGES


# -- i18n ----------------------------------------------------------------------------------------
def test_discover_locale_paths_returns_per_app_locale_folders(tmp_path: Path) -> None:
    (tmp_path / "cabinet" / "locale" / "de" / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "locale" / "common" / "de" / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / ".venv" / "locale" / "de" / "LC_MESSAGES").mkdir(parents=True)  # hidden: skipped
    (tmp_path / "node_modules" / "locale" / "de" / "LC_MESSAGES").mkdir(parents=True)  # skipped
    base = str(tmp_path.resolve())
    assert discover_locale_paths(tmp_path) == [f"{base}/cabinet/locale", f"{base}/locale/common"]


def test_translate_current_url_takes_the_template_context(rf: RequestFactory) -> None:
    assert translate_current_url is discovery_translate
    request = rf.get("/en/about/?utm=1")
    with translation.override("en"):
        assert translate_current_url({"request": request}, "de") == "/de/ueber-uns/?utm=1"
        assert translate_current_url(Context({"request": request}), "ru") == "/ru/o-nas/?utm=1"
        assert translate_current_url(request, "de") == "/de/ueber-uns/?utm=1"  # ours: the request too
        assert translate_current_url({}, "de") == ""
        rendered = Template('{% load codex_i18n %}{% translate_url "de" %}').render(
            Context({"request": request})
        )
    assert rendered == "/de/ueber-uns/?utm=1"


def test_codex_makemessages_dry_run_as_documented() -> None:
    out = subprocess.run(
        [sys.executable, "manage.py", "codex_makemessages", "--dry-run"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "demo_site.settings"},
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip()
