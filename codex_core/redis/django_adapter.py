"""Redis builders for session and cache backends (the reference's ``django_adapter``).

They bypass the managers on purpose: a session or cache backend must fail loudly when
Redis is down, not fall back. :func:`build_redis_client` returns a new async client that the
caller owns (and closes), with ``decode_responses=True`` and this project's timeouts;
:func:`namespaced_key` builds the same keys as ``BaseDjangoRedisManager.make_key``.
"""

from __future__ import annotations

import redis.asyncio as aioredis

from codex_core.conf import get_config
from codex_core.redis.client import CLIENT_NAME, ClientOptions
from codex_core.redis.keys import build_key


def build_redis_client(url: str | None = None) -> aioredis.Redis:
    """A new async client for ``url`` (default ``REDIS_URL``) that returns ``str``."""
    options = ClientOptions.from_settings(url)
    client: aioredis.Redis = aioredis.Redis.from_url(
        options.url,
        decode_responses=True,
        socket_timeout=options.socket_timeout,
        socket_connect_timeout=options.connect_timeout,
        client_name=CLIENT_NAME,
    )
    return client


def namespaced_key(prefix: str, key: str, *, project_name: str | None = None) -> str:
    """``<PROJECT_NAME>:<prefix>:<key>`` with empty components left out, escaped as
    :meth:`~codex_core.redis.managers.base.BaseDjangoRedisManager.make_key` escapes them."""
    project = get_config().project_name if project_name is None else project_name
    parts = [p for p in (project, prefix, key) if p]
    if not parts:
        raise ValueError("namespaced_key() needs a non-empty prefix, key or project name")
    return build_key(*parts)
