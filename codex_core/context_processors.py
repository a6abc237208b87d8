"""Placeholder; replaced by the SEO work."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def seo_settings(request: HttpRequest) -> dict[str, Any]:
    return {"seo": {}}
