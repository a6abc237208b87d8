"""The view of one sitemap section: Django's, with the image-sitemap template for the articles."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpRequest, HttpResponse

#: Sections whose entries list images (``<image:image>``), and the template that writes them.
IMAGE_TEMPLATES = {"articles": "sitemaps/articles.xml"}


def sitemap_section(request: HttpRequest, sitemaps: dict[str, type[Sitemap]], section: str) -> HttpResponse:
    """``/sitemap-<section>.xml``; an unknown section is Django's 404."""
    template_name = IMAGE_TEMPLATES.get(section, "sitemap.xml")
    return sitemap_views.sitemap(request, sitemaps, section=section, template_name=template_name)
