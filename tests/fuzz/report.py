"""A pytest plugin (registered in tests/conftest.py): one closing line with the fuzz's counts.

Each fuzz test stores its tally in ``user_properties``, which pytest-xdist carries from the
workers to the controller, so the line adds up every worker's cases.
"""

from __future__ import annotations

import pytest

PROPERTY = "fuzz_tally"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    lines = []
    for reports in terminalreporter.stats.values():
        for report in reports:
            if getattr(report, "when", None) != "call":
                continue
            for name, tally in getattr(report, "user_properties", []):
                if name == PROPERTY:
                    lines.append(_line(tally, report.outcome))
    if lines:
        terminalreporter.write_sep("-", "fuzz cases")
        for line in sorted(lines):
            terminalreporter.write_line(line)


def _line(tally: dict[str, object], outcome: str) -> str:
    return (
        f"fuzz {tally['mode']}: {tally['cases']} cases, {tally['requests']} requests, "
        f"{tally['routes']}/{tally['of_routes']} routes, {tally['seconds']:.1f} s ({outcome})"
    )
