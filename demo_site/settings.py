"""Settings of the Codex reference site, read from the environment with explicit defaults.

Development defaults are safe to run locally; ``demo_site.settings_production`` hardens
them for deployment (``manage.py check --deploy`` is clean there).
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from codex_core.i18n.discovery import discover_locale_paths
from demo_site.env import env_bool, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY", "django-insecure-codex-demo-development-only-key-0123456789")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "modeltranslation",  # must precede django.contrib.admin
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "codex_core",
    "demo_site",
    "features.pages",
    "features.articles",
    "features.site_settings",
    "features.booking",
    "features.notifications",
]

MIDDLEWARE = [
    # First: a hit skips every other middleware (and the WSGI front in wsgi.py answers it
    # before Django's handler); it decides the language as LocaleMiddleware will.
    "codex_core.pagecache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "codex_core.controls.ControlCharactersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "codex_core.middleware.CodexPrefetchMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
]

# Content-Security-Policy (django-csp): no inline or third-party script anywhere. JSON-LD
# blocks are data, not script, so they need no exception.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

ROOT_URLCONF = "demo_site.urls"
WSGI_APPLICATION = "demo_site.wsgi.application"
ASGI_APPLICATION = "demo_site.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "codex_core.context_processors.seo_settings",
                "features.site_settings.context_processors.site_settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=60,
    ),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Transactions take the write lock at BEGIN: two that read and then write (two admin saves)
    # wait for each other instead of one failing with "database is locked" (Django 5.1+; see
    # tests/demo/test_sqlite_transactions.py).
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: English is the default; every public URL is language-prefixed.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("de", _("German")), ("ru", _("Russian")), ("ar", _("Arabic"))]
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
USE_I18N = True
TIME_ZONE = env_str("TIME_ZONE", "Europe/Berlin")  # the salon's wall clock: working hours, slots
USE_TZ = True
LOCALE_PATHS = discover_locale_paths(BASE_DIR)

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_URL = "media/"
MEDIA_ROOT = BASE_DIR / "media"

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Codex Demo <noreply@example.com>")

# codex_core (names as in the reference API; see codex_core/conf.py for defaults).
PROJECT_NAME = env_str("PROJECT_NAME", "codex_demo")
REDIS_URL = env_str("REDIS_URL", "redis://127.0.0.1:6379/0")
CODEX_REDIS_ENABLED = env_bool("CODEX_REDIS_ENABLED", True)
CODEX_REDIS_MODE = env_str("CODEX_REDIS_MODE", "standalone")  # standalone | sentinel | cluster
CODEX_REDIS_SENTINELS = env_list("CODEX_REDIS_SENTINELS", [])  # "host:port,host:port"
CODEX_REDIS_SENTINEL_SERVICE = env_str("CODEX_REDIS_SENTINEL_SERVICE", "")
CANONICAL_DOMAIN = env_str("CANONICAL_DOMAIN", "127.0.0.1:8000")
CODEX_CANONICAL_SCHEME = env_str("CANONICAL_SCHEME", "http" if DEBUG else "https")
CODEX_STATIC_PAGE_SEO_MODEL = "pages.StaticPageSeo"
CODEX_STATIC_PAGE_SEO_KEY_FIELD = "page_key"
SITEMAP_LOOKUP_NAMESPACES = ["pages", "articles", "booking"]
SITEMAP_STATIC_PAGES = ["home", "about", "contacts"]
SITEMAP_DEFAULT_LANGUAGE = "en"
# The page cache (codex_core/pagecache): anonymous pages from Redis, dropped by tag on commit.
CODEX_PAGE_CACHE_ENABLED = env_bool("CODEX_PAGE_CACHE_ENABLED", True)
CODEX_PAGE_CACHE_X_CACHE = True  # X-Cache: HIT|MISS (settings_production turns it off)

# Booking (see features/booking/conf.py): how many days ahead visitors may book.
BOOKING_HORIZON_DAYS = 90

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "codex_core": {"handlers": ["console"], "level": "INFO"},
        "django": {"handlers": ["console"], "level": "WARNING"},
    },
}

# The debug toolbar (with the codex_core Redis panel) exists only under DEBUG.
if DEBUG and env_bool("DEBUG_TOOLBAR", True):
    INSTALLED_APPS += ["debug_toolbar"]
    MIDDLEWARE.insert(0, "debug_toolbar.middleware.DebugToolbarMiddleware")
    INTERNAL_IPS = ["127.0.0.1", "::1"]
    # Collapsed to its handle until clicked: open by default it covers the page's content.
    DEBUG_TOOLBAR_CONFIG = {"SHOW_COLLAPSED": True}
    DEBUG_TOOLBAR_PANELS = [
        "debug_toolbar.panels.history.HistoryPanel",
        "debug_toolbar.panels.versions.VersionsPanel",
        "debug_toolbar.panels.timer.TimerPanel",
        "debug_toolbar.panels.settings.SettingsPanel",
        "debug_toolbar.panels.headers.HeadersPanel",
        "debug_toolbar.panels.request.RequestPanel",
        "debug_toolbar.panels.sql.SQLPanel",
        "demo_site.debug_panel.CodexRedisPanel",
        "debug_toolbar.panels.templates.TemplatesPanel",
        "debug_toolbar.panels.cache.CachePanel",
        "debug_toolbar.panels.signals.SignalsPanel",
        "debug_toolbar.panels.redirects.RedirectsPanel",
        "debug_toolbar.panels.profiling.ProfilingPanel",
    ]
