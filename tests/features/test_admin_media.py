"""Every admin of the demo loads its scripts and styles from the site: the CSP allows nothing else.

``script-src 'self'`` blocks a script from a CDN, and an admin whose script is missing breaks
(modeltranslation's tabbed admins fetch jQuery UI from a CDN; the demo's admins use the untabbed ones).
The browser suite loads each change form too (tests/e2e/test_admin_flows.py).
"""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.admin import ModelAdmin
from django.db.models import Model


def off_site(model_admin: ModelAdmin[Model]) -> list[str]:
    media = model_admin.media
    paths = [*media._js, *(path for paths in media._css.values() for path in paths)]
    return [str(path) for path in paths if str(path).startswith(("http:", "https:", "//"))]


@pytest.mark.parametrize(
    "model_admin", list(admin.site._registry.values()), ids=lambda a: a.model._meta.label_lower
)
def test_admin_media_is_served_by_the_site(model_admin: ModelAdmin[Model]) -> None:
    assert off_site(model_admin) == []
