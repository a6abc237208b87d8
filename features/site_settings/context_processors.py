"""Placeholder; replaced by the site_settings feature."""

from typing import Any

from django.http import HttpRequest


def site_settings(request: HttpRequest) -> dict[str, Any]:
    return {}
