"""A pytest plugin (registered in tests/conftest.py): closing lines with the fuzz's counts.

Each fuzz test stores its counts in ``user_properties``, which pytest-xdist carries from the
workers to the controller, so the lines add up every worker's cases.
"""

from __future__ import annotations

from collections import defaultdict

import pytest

PROPERTY = "fuzz_tally"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    runs: dict[str, list[tuple[dict[str, object], str]]] = defaultdict(list)
    for reports in terminalreporter.stats.values():
        for report in reports:
            if getattr(report, "when", None) != "call":
                continue
            for name, tally in getattr(report, "user_properties", []):
                if name == PROPERTY:
                    runs[str(tally["mode"])].append((tally, report.outcome))
    if not runs:
        return
    terminalreporter.write_sep("-", "fuzz cases")
    for mode, tallies in sorted(runs.items()):
        total = sum(int(str(tally["cases"])) for tally, _outcome in tallies)
        parts = ", ".join(
            f"{tally['kind']} {tally['cases']} cases / {tally['requests']} requests "
            f"in {float(str(tally['seconds'])):.1f} s ({outcome})"
            for tally, outcome in sorted(tallies, key=lambda item: str(item[0]["kind"]))
        )
        terminalreporter.write_line(f"fuzz {mode}: {total} cases: {parts}")
