"""Gates that hold one thread at a chosen point (between its database read and its cache
store), so race tests force an interleaving instead of hoping for it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager


class Gate:
    """The first caller to pass stops until :meth:`open`; later callers pass freely."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.reached = threading.Event()
        self.released = threading.Event()
        self.passes = 0

    def __call__(self) -> None:
        with self._lock:
            self.passes += 1
            first = not self.reached.is_set()
            self.reached.set()
        if first and not self.released.wait(10):
            raise TimeoutError("gate never opened")

    def wait_reached(self) -> None:
        if not self.reached.wait(10):
            raise TimeoutError("nobody reached the gate")

    def open(self) -> None:
        self.released.set()


_gates: dict[str, Gate] = {}


def pass_gate(name: str) -> None:
    """Called by support code at the point a test may want to hold."""
    gate = _gates.get(name)
    if gate is not None:
        gate()


@contextmanager
def gate(name: str) -> Iterator[Gate]:
    """Install a :class:`Gate` at ``name`` for the block (always opened on the way out)."""
    installed = _gates[name] = Gate()
    try:
        yield installed
    finally:
        installed.open()
        _gates.pop(name, None)
