"""``{% load page_head %}``: one-line wrappers around :mod:`features.pages.head` and
:mod:`features.pages.structured_data`."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext

from codex_core.i18n.urls import current_canonical_url
from codex_core.urls import canonical_url
from features.pages import head, structured_data
from features.site_settings.opening_hours import OpeningRule, opening_rules

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


@register.simple_tag(takes_context=True)
def breadcrumb_json_ld(
    context: template.Context, current: str, parent_url: str = "", parent_label: str = ""
) -> dict[str, Any]:
    """The ``BreadcrumbList`` of the visible breadcrumbs: Home, [parent], current page."""
    crumbs = [(gettext("Home"), canonical_url(reverse("pages:home")))]
    if parent_url:
        crumbs.append((str(parent_label), canonical_url(parent_url)))
    request = context.get("request")
    crumbs.append((str(current), current_canonical_url(request) if request is not None else ""))
    return structured_data.breadcrumb_list_json_ld(crumbs)


@register.simple_tag(takes_context=True)
def hair_salon_json_ld(context: template.Context) -> dict[str, Any]:
    """The salon's ``HairSalon`` data from the site settings."""
    site = context.get("site_settings") or {}
    return structured_data.hair_salon_json_ld(
        site,
        url=canonical_url(reverse("pages:home")),
        image=head.absolute_url(str(site.get("default_share_image") or "")),
    )


@register.filter
def opening_hours(text: str) -> list[OpeningRule]:
    """``{{ site_settings.opening_hours|opening_hours }}``: the rules, for display."""
    return opening_rules(str(text or ""))
