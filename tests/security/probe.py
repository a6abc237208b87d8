"""Run as ``python -m tests.security.probe``: load the settings named by ``DJANGO_SETTINGS_MODULE``
in a fresh process, serve a few requests through Django's test client on an in-memory SQLite
database, and print what the security tests assert on as JSON.

A fresh process is the only honest way to see what ``DEBUG`` and the environment decide at
settings import time (the test session's own settings were imported with DEBUG on).
"""

from __future__ import annotations

import io
import json
import sys

import django
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import Resolver404, resolve


def main() -> None:
    django.setup()
    result: dict[str, object] = {
        "DEBUG": settings.DEBUG,
        "INSTALLED_APPS": list(settings.INSTALLED_APPS),
        "MIDDLEWARE": list(settings.MIDDLEWARE),
        "panels": list(getattr(settings, "DEBUG_TOOLBAR_PANELS", [])),
        "debug_panel_imported": "demo_site.debug_panel" in sys.modules,
    }
    try:
        resolve("/__debug__/render_panel/")
        result["debug_url_resolves"] = True
    except Resolver404:
        result["debug_url_resolves"] = False
    if "--no-requests" in sys.argv:
        print(json.dumps(result))
        return
    call_command("migrate", verbosity=0, stdout=io.StringIO())
    # Production serves collected, hashed static files; the probe has not run collectstatic.
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages):
        client = Client(HTTP_HOST="testserver")
        responses = {
            "home": client.get("/en/", secure=True),
            "debug": client.get("/__debug__/render_panel/", secure=True),
            "admin": client.get("/admin/", secure=True),
            "plain_http": client.get("/en/"),
        }
    result["responses"] = {
        name: {
            "status": response.status_code,
            "headers": dict(response.headers),
            "has_toolbar": "djDebug" in response.content.decode("utf-8", "replace"),
        }
        for name, response in responses.items()
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
