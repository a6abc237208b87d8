"""Redis builders for session and cache backends (the reference's ``django_adapter``).

They bypass the managers on purpose: a session or cache backend must fail loudly when
Redis is down, not fall back. :func:`build_redis_client` returns a new async client that the
caller owns (and closes), with ``decode_responses=True``, this project's timeouts and its
``CODEX_REDIS_MODE`` (standalone, Sentinel or Cluster);
:func:`namespaced_key` builds the same keys as ``BaseDjangoRedisManager.make_key``.
"""

from __future__ import annotations

import redis.asyncio as aioredis

from codex_core.conf import get_config
from codex_core.redis.client import ClientOptions, new_async_client
from codex_core.redis.keys import build_key


def build_redis_client(url: str | None = None) -> aioredis.Redis:
    """A new async client for ``url`` (default ``REDIS_URL``) that returns ``str``, in the
    configured ``CODEX_REDIS_MODE``: the Sentinel-named primary or the whole cluster, as the
    managers reach them."""
    return new_async_client(ClientOptions.from_settings(url))


def namespaced_key(prefix: str, key: str, *, project_name: str | None = None) -> str:
    """``<PROJECT_NAME>:<prefix>:<key>`` with empty components left out, escaped as
    :meth:`~codex_core.redis.managers.base.BaseDjangoRedisManager.make_key` escapes them."""
    project = get_config().project_name if project_name is None else project_name
    parts = [p for p in (project, prefix, key) if p]
    if not parts:
        raise ValueError("namespaced_key() needs a non-empty prefix, key or project name")
    return build_key(*parts)
