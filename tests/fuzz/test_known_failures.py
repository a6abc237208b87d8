"""Minimal reproducers of the failures the fuzz found on main, one per root cause.

Each asserts the same properties as the fuzz (through the same harness). A case whose fix is
still pending is marked ``xfail(strict=True)``: when the fix lands the test passes, strict
xfail turns that into a failure, and the mark is to be removed here (keep the example).
"""

from __future__ import annotations

from datetime import datetime

import pytest
from django.test import Client
from django.utils import timezone

from tests.fuzz.cases import Case
from tests.fuzz.harness import Tally
from tests.fuzz.properties import Site, check
from tests.fuzz.strategies import Body, Corpus
from tests.fuzz.test_fuzz_views import run_isolated

pytestmark = pytest.mark.usefixtures("quiet_404s")

KNOWN = [
    # The language switcher echoed an unresolvable raw path (codex_core/i18n/urls.py): a link
    # to //evil.example, and a raw U+0001 in an href (an HTML5 parse error).
    pytest.param(
        Case(route="pages:about", method="GET", path="//evil.example/en/about/"), id="switcher-off-site"
    ),
    pytest.param(
        Case(route="pages:about", method="GET", path="/en/about/%01/"), id="switcher-control-character"
    ),
    # ?page=last named page 1 as its canonical.
    pytest.param(
        Case(route="articles:list", method="GET", path="/en/articles/", query="page=last"), id="page-last"
    ),
    # x-default in LANGUAGE_CODE 'en-us' raised ValueError (codex_core/i18n/urls.py).
    pytest.param(
        Case(
            route="pages:home",
            method="GET",
            path="/en/",
            config=(("LANGUAGE_CODE", "en-us"), ("SITEMAP_DEFAULT_LANGUAGE", "")),
        ),
        id="language-code-en-us",
    ),
    # date.max on a master's page overflowed (features/booking).
    pytest.param(
        Case(
            route="booking:master_detail",
            method="GET",
            path="/en/masters/anna-schmidt/",
            query="date=9999-12-31",
        ),
        id="master-date-max",
    ),
    # Form widgets echoed submitted C0/C1 control characters raw into value="" (HTML5 parse
    # errors); Django escapes <>&"' only. Fixed for every form by codex_core.controls (the
    # booking form's case, which needs a day with free slots, is the test below).
    pytest.param(
        Case(route="booking:master_detail", method="GET", path="/en/masters/anna-schmidt/", query="date=%01"),
        id="day-form-control-character",
    ),
    # The same echo in Django's own admin login form (django.contrib.admin).
    pytest.param(
        Case(
            route="admin:login",
            method="POST",
            path="/admin/login/",
            body=Body(b"username=%01&password=x", "application/x-www-form-urlencoded"),
        ),
        id="admin-login-control-character",
    ),
]


@pytest.mark.parametrize("case", KNOWN)
def test_known_failure(case: Case, corpus: Corpus, site: Site) -> None:
    run_isolated(case, site, Tally(), lambda: None)


def test_booking_form_does_not_echo_a_control_character(corpus: Corpus, site: Site) -> None:
    """The booking form renders only on a day with free slots: post to such a day."""
    assert corpus.booking is not None
    page, start = corpus.booking
    day = timezone.localdate(datetime.fromisoformat(start), timezone=timezone.get_default_timezone())
    response = Client().post(
        f"{page}?date={day.isoformat()}",
        "client_name=%01&client_email=a%40b.c&start=x",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert b'name="client_name"' in response.content  # the form re-rendered, with its errors
    check(response, site)
