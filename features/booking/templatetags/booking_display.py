"""``{% load booking_display %}``: one-line wrappers for master pages (portraits, prices)."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext

from features.booking.portraits import Portrait, portrait_image

register = template.Library()


@register.filter
def portrait(slug: str) -> Portrait | None:
    """``{% with image=master.slug|portrait %}``: the master's portrait, ``None`` when none is shipped."""
    return portrait_image(slug)


@register.filter
def euros(amount: Decimal) -> str:
    """``{{ service.price|euros }}``: ``€48.00`` in English, ``48,00 €`` in German and Russian."""
    return gettext("€%(amount)s") % {"amount": floatformat(amount, 2)}
