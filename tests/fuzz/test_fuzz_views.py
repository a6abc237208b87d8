"""Property-based fuzz of every URL pattern against the real views, with Redis up and down.

Whatever the path parameters, query string, ``Accept-Language``, language cookie, POST body
and settings the system checks accept (``LANGUAGE_CODE``, ``SITEMAP_DEFAULT_LANGUAGE``; see
:mod:`tests.fuzz.properties` for what must hold): no 5xx, no link or redirect off our host,
well-formed HTML, a canonical that is a page.

Two tests per Redis mode, so that a failure of one does not hide the other's:
the sweep requests each route once with values that resolve to it, boundary values of
``page``/``date``/``p`` on a real page of each route, each accepted configuration and one
real booking, and lists every case that fails; the drawn test lets Hypothesis draw
``MAX_EXAMPLES`` cases (seeded by ``derandomize``) and shrinks a failure to a minimal one.
The closing line of the run (tests/fuzz/report.py) gives the number of cases of each mode.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from django.conf import settings as django_settings
from django.db import transaction
from django.test import override_settings
from django.utils import translation
from hypothesis import HealthCheck, given, note, settings

from tests.fuzz.cases import Case, baseline_cases, cases, edge_cases
from tests.fuzz.harness import Tally, run_case
from tests.fuzz.modes import RedisMode
from tests.fuzz.patterns import routes
from tests.fuzz.properties import Site
from tests.fuzz.report import PROPERTY
from tests.fuzz.strategies import Corpus

MAX_EXAMPLES = 300

pytestmark = pytest.mark.usefixtures("quiet_404s")

Configs = list[tuple[tuple[str, str], ...]]


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


@contextmanager
def recorded(request: pytest.FixtureRequest, mode: RedisMode, kind: str, tally: Tally) -> Iterator[None]:
    """Store the run's counts for the closing line, whether it passes or fails."""
    started = time.monotonic()
    try:
        yield
    finally:
        counts = {"cases": tally.cases, "requests": tally.requests, "seconds": time.monotonic() - started}
        request.node.user_properties.append((PROPERTY, {"mode": mode.name, "kind": kind, **counts}))


def test_sweep_of_every_route_and_edge_value(
    redis_mode: RedisMode,
    codex_log: pytest.LogCaptureFixture,
    corpus: Corpus,
    site: Site,
    configs: Configs,
    request: pytest.FixtureRequest,
) -> None:
    all_routes = routes()
    tally = Tally()
    failures = []
    with recorded(request, redis_mode, "sweep", tally):
        for case in baseline_cases(all_routes, corpus) + edge_cases(corpus, configs):
            try:
                run_isolated(case, site, tally, redis_mode.reset)
            except Exception as exc:  # every failing case is listed, not only the first
                failures.append(f"{case.reproducer()[:300]} -> {type(exc).__name__}: {str(exc)[:300]}")
    assert failures == []
    assert tally.routes == {route.name for route in all_routes}
    assert redis_mode.held(codex_log), f"not {redis_mode.name} during the fuzz"


def test_drawn_cases(
    redis_mode: RedisMode,
    codex_log: pytest.LogCaptureFixture,
    corpus: Corpus,
    site: Site,
    configs: Configs,
    request: pytest.FixtureRequest,
) -> None:
    tally = Tally()

    @settings(
        max_examples=MAX_EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(case=cases(routes(), corpus, configs))
    def fuzz(case: Case) -> None:
        note(case.reproducer())
        run_isolated(case, site, tally, redis_mode.reset)

    with recorded(request, redis_mode, "drawn", tally):
        fuzz()
    assert redis_mode.held(codex_log), f"not {redis_mode.name} during the fuzz"
