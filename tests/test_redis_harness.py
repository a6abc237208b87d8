"""The private redis-server harness never hands a test someone else's server: a free port taken
between choosing it and binding it (another xdist worker, another suite) means a new port."""

from __future__ import annotations

import redis

from tests.redis_server import RedisServer


def test_a_port_taken_by_another_server_is_not_shared(redis_server: RedisServer) -> None:
    late = RedisServer(redis_server.binary)
    late.port = redis_server.port  # the race: another process bound the port we picked
    try:
        late.start()
        assert late.port != redis_server.port
        client = redis.Redis(host="127.0.0.1", port=late.port)
        try:
            assert late.process is not None
            assert int(client.info("server")["process_id"]) == late.process.pid
        finally:
            client.close()
    finally:
        late.cleanup()
