"""A private ``redis-server`` on a free loopback port, for the test session.

Outage tests use :meth:`stop`/:meth:`start` (server gone, port closed) and
:meth:`pause`/:meth:`resume` (SIGSTOP: the server hangs, connections time out); the fault
helpers below add ``CLIENT PAUSE``, out-of-memory answers and a read-only replica.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager

import redis


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class RedisServer:
    """Owns one redis-server process bound to 127.0.0.1."""

    def __init__(self, binary: str, port: int | None = None) -> None:
        self.binary = binary
        self.fixed_port = port is not None
        self.port = port or free_port()
        self.dir = tempfile.mkdtemp(prefix="codex-redis-")
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        """Start the server and wait until it answers. A free port can be taken by another
        process (another xdist worker, another suite) between :func:`free_port` and the bind:
        the server that answers must be ours (its ``process_id``), else try a new port."""
        for _attempt in range(5):
            if self._start_once():
                return
            if self.fixed_port:
                break
            self.port = free_port()
        raise RuntimeError(f"redis-server did not start on a port of its own (last: {self.port})")

    def _start_once(self) -> bool:
        self.process = subprocess.Popen(
            [
                self.binary,
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                self.dir,
                "--protected-mode",
                "yes",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis(host="127.0.0.1", port=self.port, socket_connect_timeout=0.2)
        deadline = time.monotonic() + 10
        while True:
            try:
                ours = int(client.info("server")["process_id"]) == self.process.pid
                break
            except redis.ConnectionError:
                if self.process.poll() is not None:
                    return False  # could not bind: the port is taken
                if time.monotonic() > deadline:
                    raise RuntimeError(f"redis-server did not start on port {self.port}") from None
                time.sleep(0.02)
            finally:
                client.close()
        if not ours:  # someone else's server on this port; ours exits (bind failed)
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None
        return ours

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None

    def pause(self) -> None:
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGSTOP)

    def resume(self) -> None:
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGCONT)

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


def find_redis_server() -> str | None:
    return shutil.which("redis-server") or (
        "/usr/bin/redis-server" if os.path.exists("/usr/bin/redis-server") else None
    )


def required_redis_server() -> str:
    """The redis-server binary for a test: a missing one fails under CI and skips elsewhere."""
    import pytest

    binary = find_redis_server()
    if binary is None:
        message = "redis-server is not installed (apt-get install redis-server)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return binary


def admin(server: RedisServer) -> redis.Redis:
    """A plain client of ``server`` for injecting faults (not one of codex_core's pools)."""
    return redis.Redis(host="127.0.0.1", port=server.port, decode_responses=True)


def client_pause(server: RedisServer, milliseconds: int, *, writes_only: bool = True) -> None:
    """``CLIENT PAUSE``: the server holds (write, or all) commands of every client."""
    client = admin(server)
    try:
        client.client_pause(milliseconds, all=not writes_only)
    finally:
        client.close()


def client_unpause(server: RedisServer) -> None:
    client = admin(server)
    try:
        client.client_unpause()
    finally:
        client.close()


@contextmanager
def out_of_memory(server: RedisServer) -> Iterator[None]:
    """``maxmemory 1mb`` + ``noeviction``, filled up: every write that grows memory answers OOM."""
    client = admin(server)
    client.config_set("maxmemory-policy", "noeviction")
    client.config_set("maxmemory", "1mb")
    try:
        for i in range(10_000):
            try:
                client.set(f"oom-filler:{i}", "x" * 20_000)
            except redis.ResponseError as exc:
                if "maxmemory" not in str(exc):
                    raise
                break
        yield
    finally:
        client.config_set("maxmemory", "0")
        fillers = list(client.scan_iter(match="oom-filler:*", count=1000))
        if fillers:
            client.delete(*fillers)
        client.close()


@contextmanager
def read_only_replica(server: RedisServer) -> Iterator[None]:
    """The server turns into a replica of a master that is not there: writes answer READONLY
    (what a client of a failed-over primary sees); reads still answer."""
    client = admin(server)
    client.config_set("replica-read-only", "yes")
    client.replicaof("127.0.0.1", str(free_port()))
    try:
        yield
    finally:
        client.replicaof("NO", "ONE")
        client.close()
