from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.testing.fake_site import FakeServer, good_site, serve


@pytest.fixture(scope="session")
def _fake_server() -> Iterator[FakeServer]:
    with serve() as server:
        yield server


@pytest.fixture
def fake(_fake_server: FakeServer) -> FakeServer:
    """The fake site, conforming again at the start of each test."""
    _fake_server.docs = good_site()
    _fake_server.hook = None
    return _fake_server
