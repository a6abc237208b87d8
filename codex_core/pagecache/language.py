"""The language a request will be rendered in, decided before ``LocaleMiddleware`` runs.

The page cache sits ahead of ``LocaleMiddleware`` (a hit then skips it) but the language is
part of the key, so it makes the decision ``LocaleMiddleware.process_request`` will make, from
the same inputs and with Django's own functions: the path's language prefix when the URLconf
uses ``i18n_patterns``, else the language cookie, then ``Accept-Language``, then
``LANGUAGE_CODE`` (which an unprefixed path of ``prefix_default_language=False`` always gets).
"""

from __future__ import annotations

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.http import HttpRequest
from django.utils import translation


def request_language(request: HttpRequest) -> str:
    """The language ``LocaleMiddleware`` activates for ``request``."""
    urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
    prefix_patterns, prefixed_default = is_language_prefix_patterns_used(urlconf)
    if prefix_patterns and not prefixed_default and not translation.get_language_from_path(request.path_info):
        return str(settings.LANGUAGE_CODE)
    return translation.get_language_from_request(request, check_path=prefix_patterns)
