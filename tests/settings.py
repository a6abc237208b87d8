"""Test settings: the demo's settings plus test-only apps. Redis and the database stay real."""

from demo_site.settings import *  # noqa: F403
from demo_site.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.core.support_models", "tests.compat.support"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast user creation in tests

# Tests serve static files from the finders (no collectstatic, no manifest); whitenoise
# looks them up per request instead of scanning STATIC_ROOT at start-up.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True

# The page cache would answer the render-path tests (query counts, cached fragments) from
# Redis; its own tests and the e2e suite switch it on (tests/core/pagecache, tests/e2e/conftest.py).
CODEX_PAGE_CACHE_ENABLED = False
