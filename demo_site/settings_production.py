"""Production settings: the demo's settings hardened for deployment.

``manage.py check --deploy --settings=demo_site.settings_production`` is clean. Secrets come
from the environment only; ``SECRET_KEY`` is required. ``DEBUG`` is off unless explicitly
switched on, in which case these settings refuse to load.
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

os.environ.setdefault("DEBUG", "0")  # read by demo_site.settings below; the toolbar stays out

from demo_site.env import env_bool, env_int, env_required
from demo_site.settings import *  # noqa: F403
from demo_site.settings import DEBUG

if DEBUG:
    raise ImproperlyConfigured("demo_site.settings_production needs DEBUG off; unset DEBUG or set DEBUG=0.")

SECRET_KEY = env_required("SECRET_KEY")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
CODEX_PAGE_CACHE_X_CACHE = False  # X-Cache only outside production
