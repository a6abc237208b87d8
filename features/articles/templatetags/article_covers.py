"""``{% load article_covers %}``: one-line wrappers around :mod:`features.articles.covers`."""

from __future__ import annotations

from django import template

from features.articles import covers

register = template.Library()


@register.filter
def cover(name: str, where: str = "detail") -> covers.Cover | None:
    """``{% with image=article.cover|cover:"card" %}``: the cover's ``<img>`` attributes, or ``None``."""
    sizes = covers.CARD_SIZES if where == "card" else covers.DETAIL_SIZES
    return covers.cover_image(name, sizes)
