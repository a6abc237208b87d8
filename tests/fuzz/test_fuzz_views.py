"""Property-based fuzz of every URL pattern against the real views, with Redis up and down.

Whatever the path parameters, query string, ``Accept-Language``, language cookie, POST body
and settings the system checks accept (``LANGUAGE_CODE``, ``SITEMAP_DEFAULT_LANGUAGE``; see
:mod:`tests.fuzz.properties` for what must hold): no 5xx, no link or redirect off our host,
well-formed HTML, a canonical that is a page. Explicit examples come first: each route once
with values that resolve to it, boundary values of ``page``/``date``/``p`` on a real page of
each route, each accepted configuration, one real booking. Then Hypothesis draws
``MAX_EXAMPLES`` more cases. Seeded (``derandomize``) and bounded; the closing line of the
run (tests/fuzz/report.py) gives the number of cases of each Redis mode.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from django.conf import settings as django_settings
from django.db import transaction
from django.test import override_settings
from django.utils import translation
from hypothesis import HealthCheck, example, given, note, settings

from tests.fuzz.cases import Case, baseline_cases, cases, edge_cases
from tests.fuzz.harness import Tally, run_case
from tests.fuzz.modes import RedisMode
from tests.fuzz.patterns import routes
from tests.fuzz.properties import Site
from tests.fuzz.report import PROPERTY
from tests.fuzz.strategies import Corpus

MAX_EXAMPLES = 300

pytestmark = pytest.mark.usefixtures("quiet_404s")


def run_isolated(case: Case, site: Site, tally: Tally, reset: Callable[[], None]) -> None:
    """One case from a known state: Redis reset, database changes rolled back, default language."""
    reset()
    with override_settings(**dict(case.config)), transaction.atomic():
        translation.activate(django_settings.LANGUAGE_CODE)
        try:
            run_case(case, site, tally)
        finally:
            transaction.set_rollback(True)
    translation.activate(django_settings.LANGUAGE_CODE)


def test_every_route_survives_hostile_requests(
    redis_mode: RedisMode,
    codex_log: pytest.LogCaptureFixture,
    corpus: Corpus,
    site: Site,
    configs: list[tuple[tuple[str, str], ...]],
    request: pytest.FixtureRequest,
) -> None:
    all_routes = routes()
    tally = Tally()

    @settings(
        max_examples=MAX_EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(case=cases(all_routes, corpus, configs))
    def fuzz(case: Case) -> None:
        note(case.reproducer())
        run_isolated(case, site, tally, redis_mode.reset)

    for case in reversed(baseline_cases(all_routes, corpus) + edge_cases(corpus, configs)):
        fuzz = example(case=case)(fuzz)
    started = time.monotonic()
    try:
        fuzz()
    finally:
        request.node.user_properties.append(
            (
                PROPERTY,
                {
                    "mode": redis_mode.name,
                    "cases": tally.cases,
                    "requests": tally.requests,
                    "routes": len(tally.routes),
                    "of_routes": len(all_routes),
                    "seconds": time.monotonic() - started,
                },
            )
        )
    assert tally.routes == {route.name for route in all_routes}
    assert redis_mode.held(codex_log), (
        f"Redis was not {redis_mode.name.removeprefix('redis-')} during the fuzz"
    )
