"""Real Redis topologies on loopback, started from the Debian ``redis-server`` binary.

* :class:`SentinelTopology`: one primary, one replica, three sentinels (quorum 2);
* :class:`ClusterTopology`: three primaries, each with one replica (``redis-cli --cluster
  create … --cluster-replicas 1``), so a primary can be SIGKILLed and its replica promoted.

Every process binds 127.0.0.1 on a free port and is stopped by its PID (:meth:`stop`).
Timeouts are short (``down-after-milliseconds``, ``cluster-node-timeout`` 1000 ms) so a
failover takes a few seconds, not the production defaults of 30 s and 15 s.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable
from contextlib import suppress

import redis

from tests.redis_server import RedisServer, free_port

#: The sentinel service name the harness monitors.
SERVICE = "codex"

#: Milliseconds without a reply before a node is considered down.
NODE_TIMEOUT_MS = 1000


def _bindable(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def cluster_port() -> int:
    """A free port whose cluster bus port (``port + 10000``) is free and valid too."""
    while True:
        port = random.randint(20000, 50000)
        if _bindable(port) and _bindable(port + 10000):
            return port


def wait_for(what: str, condition: Callable[[], bool], timeout: float = 30.0) -> None:
    """Poll ``condition`` until it holds; ``RuntimeError`` naming ``what`` after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        with suppress(redis.RedisError, OSError):
            if condition():
                return
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out waiting for {what}")
        time.sleep(0.05)


class Node:
    """One redis-server (or sentinel) process bound to 127.0.0.1."""

    def __init__(
        self, binary: str, root: str, args: list[str], *, sentinel: bool = False, port: int = 0
    ) -> None:
        self.binary = binary
        self.port = port or free_port()
        self.dir = os.path.join(root, str(self.port))
        os.makedirs(self.dir)
        self.args = args
        self.sentinel = sentinel
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        base = ["--bind", "127.0.0.1", "--port", str(self.port), "--dir", self.dir, "--save", ""]
        if self.sentinel:
            conf = os.path.join(self.dir, "sentinel.conf")
            with open(conf, "w") as handle:
                handle.write("\n".join(self.args) + "\n")
            command = [self.binary, conf, "--sentinel", "--bind", "127.0.0.1", "--port", str(self.port)]
            command += ["--dir", self.dir]
        else:
            command = [self.binary, *base, "--appendonly", "no", "--protected-mode", "yes", *self.args]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for(f"redis-server on port {self.port}", self._answers, timeout=10)

    def _answers(self) -> bool:
        if self.process is not None and self.process.poll() is not None:
            raise RuntimeError(f"redis-server on port {self.port} exited with {self.process.returncode}")
        with self.client(timeout=0.2) as client:
            pid = int(client.info("server")["process_id"])
        if self.process is not None and pid != self.process.pid:  # the free port was taken meanwhile
            raise RuntimeError(f"port {self.port} answers for another process ({pid}), not ours")
        return True

    def client(self, timeout: float = 2.0) -> redis.Redis:
        """A plain admin client of this node (not one of codex_core's pools)."""
        return redis.Redis(
            host="127.0.0.1", port=self.port, decode_responses=True, socket_timeout=timeout,
            socket_connect_timeout=timeout,
        )  # fmt: skip

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL: the process is gone at once, nothing is flushed or handed over."""
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGCONT)
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self.process = None


def _role(node: Node) -> str:
    with node.client(timeout=0.5) as client:
        return str(client.info("replication")["role"])


class Topology:
    """Shared bookkeeping: a temp dir, the nodes, :meth:`stop` by PID."""

    name = ""

    def __init__(self, binary: str) -> None:
        self.binary = binary
        self.root = tempfile.mkdtemp(prefix=f"codex-{self.name}-")
        self.nodes: list[Node] = []

    def _node(self, args: list[str], *, sentinel: bool = False, port: int = 0) -> Node:
        node = Node(self.binary, self.root, args, sentinel=sentinel, port=port)
        self.nodes.append(node)
        return node

    def start(self) -> None:
        """Start every process and wait until the topology is ready; on failure stop what started."""
        try:
            self._start()
        except BaseException:
            self.stop()
            raise

    def _start(self) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        for node in self.nodes:
            node.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    def data_nodes(self) -> list[Node]:
        """The redis-server processes that hold data (not the sentinels)."""
        return [node for node in self.nodes if not node.sentinel]

    def flushall(self) -> None:
        """Empty every live primary (replicas follow)."""
        for node in self.data_nodes():
            if node.alive and _role(node) == "master":
                with node.client() as client:
                    client.flushall()

    def all_keys(self) -> list[str]:
        """Every key on every live primary."""
        found: list[str] = []
        for node in self.data_nodes():
            if node.alive and _role(node) == "master":
                with node.client() as client:
                    found += [str(k) for k in client.keys("*")]
        return sorted(found)


class SentinelTopology(Topology):
    """One primary, one replica and three sentinels monitoring them as :data:`SERVICE`."""

    name = "sentinel"

    def _start(self) -> None:
        self.primary = self._node([])
        self.primary.start()
        self.replica = self._node(["--replicaof", "127.0.0.1", str(self.primary.port)])
        self.replica.start()
        conf = [
            f"sentinel monitor {SERVICE} 127.0.0.1 {self.primary.port} 2",
            f"sentinel down-after-milliseconds {SERVICE} {NODE_TIMEOUT_MS}",
            f"sentinel failover-timeout {SERVICE} 10000",
            f"sentinel parallel-syncs {SERVICE} 1",
        ]
        self.sentinels = [self._node(conf, sentinel=True) for _ in range(3)]
        for sentinel in self.sentinels:
            sentinel.start()
        wait_for("the replica to sync", lambda: self._linked(self.replica))
        wait_for("the sentinels to find each other and the replica", self._ready)

    def _linked(self, replica: Node) -> bool:
        with replica.client() as client:
            return client.info("replication").get("master_link_status") == "up"

    def _ready(self) -> bool:
        for sentinel in self.sentinels:
            with sentinel.client() as client:
                state = client.sentinel_master(SERVICE)
                if int(state["num-other-sentinels"]) < 2 or int(state["num-slaves"]) < 1:
                    return False
        return True

    @property
    def addresses(self) -> list[str]:
        """``host:port`` of every sentinel (``CODEX_REDIS_SENTINELS``)."""
        return [f"127.0.0.1:{s.port}" for s in self.sentinels]

    @property
    def url(self) -> str:
        return "redis://127.0.0.1/0"  # the host is ignored: the sentinels name the primary

    def settings(self) -> dict[str, object]:
        return {
            "REDIS_URL": self.url,
            "CODEX_REDIS_MODE": "sentinel",
            "CODEX_REDIS_SENTINELS": self.addresses,
            "CODEX_REDIS_SENTINEL_SERVICE": SERVICE,
        }

    def current_primary(self) -> Node:
        """The node the sentinels name as the primary now."""
        with self.sentinels[0].client() as client:
            _host, port = client.sentinel_get_master_addr_by_name(SERVICE)
        return next(node for node in self.data_nodes() if node.port == int(port))

    def fail_over(self) -> Node:
        """SIGKILL the primary; return the node that was the replica (promotion is not awaited)."""
        old = self.current_primary()
        old.kill()
        return next(node for node in self.data_nodes() if node is not old)

    def restore(self) -> None:
        """Bring a killed node back (as a replica of the current primary) and wait for sync."""
        for node in self.data_nodes():
            if not node.alive:
                primary = self.current_primary()
                node.args = ["--replicaof", "127.0.0.1", str(primary.port)]
                node.start()
                wait_for("the restarted node to sync", lambda n=node: self._linked(n))  # type: ignore[misc]
        wait_for("the sentinels to see the replica", self._ready)


class ClusterTopology(Topology):
    """Three primaries, each with one replica, slots spread by ``redis-cli --cluster create``."""

    name = "cluster"

    def __init__(self, binary: str, *, replicas: int = 1) -> None:
        super().__init__(binary)
        self.replicas = replicas

    def _start(self) -> None:
        args = [
            "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
            "--cluster-node-timeout", str(NODE_TIMEOUT_MS), "--cluster-replica-validity-factor", "0",
        ]  # fmt: skip
        for _ in range(3 * (1 + self.replicas)):
            self._node(args, port=cluster_port()).start()
        cli = shutil.which("redis-cli") or "/usr/bin/redis-cli"
        addresses = [f"127.0.0.1:{node.port}" for node in self.nodes]
        subprocess.run(
            [
                cli,
                "--cluster",
                "create",
                *addresses,
                "--cluster-replicas",
                str(self.replicas),
                "--cluster-yes",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            timeout=60,
        )
        wait_for("the cluster to be ok on every node", self._ok)

    def healthy(self) -> bool:
        """Every live node says ``cluster_state:ok`` and every replica is linked."""
        return self._ok()

    def _ok(self) -> bool:
        for node in self.nodes:
            if not node.alive:
                continue
            with node.client() as client:
                if "cluster_state:ok" not in str(client.execute_command("CLUSTER", "INFO")):
                    return False
                if _role(node) == "slave" and client.info("replication").get("master_link_status") != "up":
                    return False
        return True

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.nodes[0].port}/0"

    def settings(self) -> dict[str, object]:
        return {"REDIS_URL": self.url, "CODEX_REDIS_MODE": "cluster"}

    def primary_of(self, key: str) -> Node:
        """The live primary serving ``key``'s slot."""
        for node in self.nodes:
            if not node.alive:
                continue
            with node.client() as client:
                slot = int(client.execute_command("CLUSTER", "KEYSLOT", key))
                for start, end, primary, *_ in client.execute_command("CLUSTER", "SLOTS"):
                    if start <= slot <= end:
                        port = int(primary[1])
                        return next(n for n in self.nodes if n.port == port)
        raise RuntimeError("no live node answers")

    def fail_over(self, key: str) -> Node:
        """SIGKILL the primary of ``key``'s slot; return it (promotion is not awaited)."""
        old = self.primary_of(key)
        old.kill()
        return old

    def restore(self) -> None:
        """Restart killed nodes (they rejoin as replicas) and wait until the cluster is ok."""
        for node in self.nodes:
            if not node.alive:
                node.start()
        wait_for("the cluster to heal", self._ok, timeout=60)


class StandaloneTopology(Topology):
    """The session's one private server (:class:`tests.redis_server.RedisServer`), same interface."""

    name = "standalone"

    def __init__(self, server: RedisServer) -> None:
        self.server = server
        self.nodes = []

    def data_nodes(self) -> list[Node]:
        return []

    def flushall(self) -> None:
        with redis.Redis.from_url(self.server.url) as client:
            client.flushall()

    def all_keys(self) -> list[str]:
        with redis.Redis.from_url(self.server.url, decode_responses=True) as client:
            return sorted(str(k) for k in client.keys("*"))

    def settings(self) -> dict[str, object]:
        return {"REDIS_URL": self.server.url, "CODEX_REDIS_MODE": "standalone"}

    def stop(self) -> None:
        pass  # the session fixture owns the server
