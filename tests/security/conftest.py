"""Fixtures of the security tests."""

from __future__ import annotations

import pytest

from tests.resilience.demo import seed_all


@pytest.fixture
def demo(db: None) -> None:
    """Every feature's demo data, rolled back after the test."""
    seed_all()
