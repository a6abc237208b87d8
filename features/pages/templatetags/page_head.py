"""``{% load page_head %}``: one-line wrappers around :mod:`features.pages.head`."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from features.pages import head

register = template.Library()


@register.simple_tag(takes_context=True)
def page_head(context: template.Context) -> head.PageHead:
    """``{% page_head as head %}``: the resolved head of the page being rendered."""
    return head.build_head(
        meta=context.get("meta"),
        seo=context.get("seo"),
        site=context.get("site_settings") or {},
        language=get_language() or settings.LANGUAGE_CODE,
    )


@register.filter
def json_ld(value: Any) -> SafeString:
    """``{{ data|json_ld }}``: JSON safe to place inside ``<script type="application/ld+json">``."""
    return head.json_ld(value)
