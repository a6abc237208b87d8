"""Page cache system checks: E011 (purge hook), E012 (middleware place), W012 (on, not installed)."""

from __future__ import annotations

from codex_core.pagecache.checks import check_page_cache

MIDDLEWARE = "codex_core.pagecache.PageCacheMiddleware"


def ids(settings) -> list[str]:
    return [message.id for message in check_page_cache()]


def test_the_demo_configuration_passes(settings):
    assert check_page_cache() == []


def test_a_purge_hook_that_does_not_import_is_e011(settings):
    settings.CODEX_PAGE_CACHE_PURGE_HOOK = "no.such.module.purge"
    (message,) = check_page_cache()
    assert (message.id, message.msg) == (
        "codex_core.E011",
        "CODEX_PAGE_CACHE_PURGE_HOOK 'no.such.module.purge' does not import as a callable.",
    )


def test_a_purge_hook_that_is_not_callable_is_e011(settings):
    settings.CODEX_PAGE_CACHE_PURGE_HOOK = "codex_core.pagecache.handlers.CORE_KINDS"
    assert ids(settings) == ["codex_core.E011"]


def test_the_middleware_after_csrf_is_e012(settings):
    rest = [m for m in settings.MIDDLEWARE if m != MIDDLEWARE]
    settings.MIDDLEWARE = [*rest, MIDDLEWARE]
    (message,) = check_page_cache()
    assert message.id == "codex_core.E012"
    assert "CsrfViewMiddleware" in message.msg


def test_the_middleware_first_or_after_locale_passes(settings):
    """It decides the language itself, so it may sit before or after LocaleMiddleware."""
    rest = [m for m in settings.MIDDLEWARE if m != MIDDLEWARE]
    assert next(m for m in settings.MIDDLEWARE if not m.startswith("debug_toolbar.")) == MIDDLEWARE
    locale = rest.index("django.middleware.locale.LocaleMiddleware")
    settings.MIDDLEWARE = [*rest[: locale + 1], MIDDLEWARE, *rest[locale + 1 :]]
    assert ids(settings) == []


def test_only_the_first_middleware_but_the_toolbar_stores_complete_pages():
    from codex_core.pagecache.middleware import is_outermost

    toolbar = "debug_toolbar.middleware.DebugToolbarMiddleware"
    security = "django.middleware.security.SecurityMiddleware"
    assert is_outermost([MIDDLEWARE, security])
    assert is_outermost([toolbar, MIDDLEWARE, security])
    assert not is_outermost([security, MIDDLEWARE])
    assert not is_outermost([security])


def test_enabled_without_the_middleware_is_w011(settings):
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != MIDDLEWARE]
    settings.CODEX_PAGE_CACHE_ENABLED = True
    assert ids(settings) == ["codex_core.W012"]
    settings.CODEX_PAGE_CACHE_ENABLED = False
    assert ids(settings) == []


def test_a_timeout_that_is_not_a_positive_whole_number_is_e007(settings):
    from codex_core.checks import check_numeric_settings

    settings.CODEX_PAGE_CACHE_TIMEOUT = 0
    assert [m.id for m in check_numeric_settings()] == ["codex_core.E007"]
