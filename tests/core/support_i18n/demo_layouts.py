"""The demo's public pages under other i18n layouts (see ``urls_unprefixed`` and ``urls_plain``).

Admin, set_language, robots.txt and the sitemaps stay as in the demo's own URLconf.
"""

from __future__ import annotations

from django.urls import LocalePrefixPattern, URLPattern, URLResolver, include, path
from django.utils.translation import gettext_lazy as _

from demo_site.urls import urlpatterns as demo_urlpatterns

#: The demo's patterns outside ``i18n_patterns``.
SHARED = [p for p in demo_urlpatterns if not isinstance(p.pattern, LocalePrefixPattern)]


def public_pages() -> list[URLPattern | URLResolver]:
    """The demo's language-dependent pages, unprefixed."""
    return [
        path("", include("features.pages.urls")),
        path(_("articles/"), include("features.articles.urls")),
        path(_("masters/"), include("features.booking.urls")),
    ]
