"""A sitemap rendered by Django's view for ``https://example.com``, for the tests that read its XML."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap
from django.test import RequestFactory


def sitemap_xml(site: Sitemap, rf: RequestFactory, *, section: str = "s") -> str:
    """The XML of ``site`` served as section ``section`` of ``/sitemap.xml``."""
    request = rf.get("/sitemap.xml", secure=True, HTTP_HOST="example.com")
    response = sitemap(request, {section: site})
    response.render()
    return response.content.decode()
