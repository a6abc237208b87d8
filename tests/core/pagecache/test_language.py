"""The page cache decides a request's language before LocaleMiddleware, and decides as it will."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.test import RequestFactory
from django.urls import path
from django.utils import translation

from codex_core.pagecache.language import request_language


def page(request):
    return HttpResponse("page")


class Prefixed:
    """``i18n_patterns`` with the default language prefixed too (the demo's choice)."""

    urlpatterns = i18n_patterns(path("page/", page), prefix_default_language=True)


class Unprefixed:
    """``i18n_patterns(prefix_default_language=False)``: an unprefixed path is the default language."""

    urlpatterns = i18n_patterns(path("page/", page), prefix_default_language=False)


class Plain:
    """No language prefix at all: the cookie or ``Accept-Language`` decides."""

    urlpatterns = [path("page/", page)]


URLCONFS = (Prefixed, Unprefixed, Plain)
PATHS = ("/page/", "/de/page/", "/ru/page/", "/xx/page/", "/")
COOKIES = ({}, {settings.LANGUAGE_COOKIE_NAME: "ru"}, {settings.LANGUAGE_COOKIE_NAME: "zz"})
ACCEPT = ("", "de-AT,de;q=0.9", "ar", "fr, *;q=0.1", "pt-BR")


def locale_middleware_language(request) -> str:
    LocaleMiddleware(lambda r: HttpResponse()).process_request(request)
    return request.LANGUAGE_CODE


@pytest.mark.parametrize("urlconf", URLCONFS, ids=lambda u: u.__name__)
@pytest.mark.parametrize("url", PATHS)
def test_the_language_is_the_one_locale_middleware_activates(urlconf, url):
    factory = RequestFactory()
    for cookies in COOKIES:
        for accept in ACCEPT:
            ours, theirs = (
                factory.get(url, HTTP_ACCEPT_LANGUAGE=accept),
                factory.get(url, HTTP_ACCEPT_LANGUAGE=accept),
            )
            for request in (ours, theirs):
                request.urlconf = urlconf
                request.COOKIES.update(cookies)
            with translation.override("ru"):  # whatever is active does not leak into the decision
                decided = request_language(ours)
            assert decided == locale_middleware_language(theirs), (url, cookies, accept)
