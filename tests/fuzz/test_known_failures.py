"""Minimal reproducers of the failures the fuzz found on main, one per root cause.

Each asserts the same properties as the fuzz (through the same harness) and is marked
``xfail(strict=True)`` while its fix is pending: when the fix lands the test passes, strict
xfail turns that into a failure, and the mark is to be removed here (keep the example).
"""

from __future__ import annotations

import pytest

from tests.fuzz.cases import Case
from tests.fuzz.harness import Tally
from tests.fuzz.properties import Site
from tests.fuzz.strategies import Corpus
from tests.fuzz.test_fuzz_views import run_isolated

pytestmark = pytest.mark.usefixtures("quiet_404s")

SWITCHER = "language switcher echoes an unresolvable path (codex_core/i18n/urls.py translate_current_url)"

KNOWN = [
    pytest.param(
        Case(route="pages:about", method="GET", path="//evil.example/en/about/"),
        marks=pytest.mark.xfail(
            strict=True, raises=AssertionError, reason=f"{SWITCHER}: //evil.example link"
        ),
        id="switcher-link-off-site",
    ),
    pytest.param(
        Case(route="pages:about", method="GET", path="/en/about/%01/"),
        marks=pytest.mark.xfail(strict=True, raises=AssertionError, reason=f"{SWITCHER}: raw U+0001 in href"),
        id="switcher-control-character",
    ),
    pytest.param(
        Case(
            route="booking:master_detail",
            method="GET",
            path="/en/masters/anna-schmidt/",
            query="date=9999-12-31",
        ),
        marks=pytest.mark.xfail(
            strict=True, raises=OverflowError, reason="date.max overflows (features/booking)"
        ),
        id="master-date-max",
    ),
    pytest.param(
        Case(route="articles:list", method="GET", path="/en/articles/", query="page=last"),
        marks=pytest.mark.xfail(strict=True, raises=AssertionError, reason="?page=last canonical is page 1"),
        id="page-last-canonical",
    ),
    pytest.param(
        Case(
            route="pages:home",
            method="GET",
            path="/en/",
            config=(("LANGUAGE_CODE", "en-us"), ("SITEMAP_DEFAULT_LANGUAGE", "")),
        ),
        marks=pytest.mark.xfail(
            strict=True,
            raises=ValueError,
            reason="x-default of LANGUAGE_CODE='en-us' (codex_core/i18n/urls.py)",
        ),
        id="language-code-en-us",
    ),
]


@pytest.mark.parametrize("case", KNOWN)
def test_known_failure(case: Case, corpus: Corpus, site: Site) -> None:
    run_isolated(case, site, Tally(), lambda: None)
