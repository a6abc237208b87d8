"""Property tests assert behaviour, not speed: the suite's Hypothesis profile has no wall-clock limits.

Hypothesis by default fails an example that takes over 200 ms (``DeadlineExceeded``, or ``Flaky``
when the rerun is fast) and a strategy that generates slowly (``HealthCheck.too_slow``); on a loaded
2-core machine both happen without any bug. tests/conftest.py loads the profile for every test.
"""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


def test_the_loaded_profile_has_no_deadline_and_no_speed_health_check() -> None:
    assert settings.default.deadline is None
    assert HealthCheck.too_slow in settings.default.suppress_health_check


def test_a_slow_example_is_not_a_failure() -> None:
    @settings(max_examples=1, database=None)  # everything else comes from the loaded profile
    @given(st.just(0))
    def slow(_: int) -> None:
        time.sleep(0.3)  # over the 200 ms default deadline

    slow()
