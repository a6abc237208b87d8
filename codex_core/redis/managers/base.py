"""Base Redis manager adapted to Django settings.

Every manager shares the process-wide pool for its settings, namespaces its keys under
``PROJECT_NAME`` with unambiguous escaping, and runs each operation through the circuit
breaker: when Redis is disabled, down or hung, reads return their ``default`` and writes
are skipped, so callers fall back to the database instead of failing.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

import redis
import redis.asyncio as aioredis

from codex_core.conf import get_config
from codex_core.redis.breaker import breaker, logger
from codex_core.redis.client import ClientOptions, get_async_client, get_client
from codex_core.redis.instrumentation import RedisCall, record
from codex_core.redis.keys import build_key

T = TypeVar("T")

#: Failures that mean "Redis is not there": they open the circuit breaker.
UNAVAILABLE_ERRORS: tuple[type[BaseException], ...] = (
    redis.ConnectionError,
    redis.TimeoutError,
    OSError,
)


class BaseDjangoRedisManager:
    """Base Redis manager adapted for Django settings and project namespacing.

    Subclasses set :attr:`namespace` and implement their operations with
    :meth:`_run` (sync) and :meth:`_arun` (async), which share the breaker logic.
    """

    #: First key component after the project name, e.g. ``"seo"``.
    namespace: str = ""

    def __init__(self, *, url: str | None = None, project_name: str | None = None) -> None:
        config = get_config()
        self.options = ClientOptions.from_settings(url)
        self.project_name = config.project_name if project_name is None else project_name

    @property
    def enabled(self) -> bool:
        """Whether caching is switched on (``CODEX_REDIS_ENABLED``)."""
        return get_config().redis_enabled

    @property
    def client(self) -> redis.Redis:
        """The shared sync client for this manager's settings."""
        return get_client(self.options)

    @property
    def async_client(self) -> aioredis.Redis:
        """The async client for this manager's settings on the running loop."""
        return get_async_client(self.options)

    def make_key(self, *parts: str) -> str:
        """Build a namespaced Redis key for the current Django project.

        ``make_key("home")`` gives ``"<project>:<namespace>:home"``; with no project name
        or namespace those components are omitted. Every component is escaped, so keys
        built from different inputs never collide.
        """
        prefix = tuple(p for p in (self.project_name, self.namespace) if p)
        return build_key(*prefix, *parts)

    def _skip(self, operation: str, key: str) -> bool:
        if self.enabled and breaker.allow():
            return False
        record(RedisCall(type(self).__name__, operation, key, "skipped", 0.0, 0))
        return True

    def _finish(self, operation: str, key: str, outcome: str, started: float) -> None:
        breaker.record_success()
        duration = (time.perf_counter() - started) * 1000
        record(RedisCall(type(self).__name__, operation, key, outcome, duration))

    def _fail(self, operation: str, key: str, exc: BaseException, started: float) -> None:
        breaker.record_failure(exc, get_config().redis_breaker_cooldown)
        duration = (time.perf_counter() - started) * 1000
        record(RedisCall(type(self).__name__, operation, key, "error", duration))

    def _reject(self, operation: str, key: str, exc: BaseException, started: float) -> None:
        # Redis answered, so it is healthy: the entry is wrong (e.g. WRONGTYPE after a foreign
        # write). Treat it as a miss; the next store through this manager replaces the key.
        logger.warning("Redis rejected %s on %r (%s); treating it as a cache miss.", operation, key, exc)
        duration = (time.perf_counter() - started) * 1000
        record(RedisCall(type(self).__name__, operation, key, "error", duration))

    def _run(
        self,
        operation: str,
        key: str,
        call: Callable[[redis.Redis], T],
        default: T,
        *,
        write: bool = False,
    ) -> T:
        """Run ``call`` against Redis, or return ``default`` when Redis is unusable."""
        if self._skip(operation, key):
            return default
        started = time.perf_counter()
        try:
            result = call(self.client)
        except UNAVAILABLE_ERRORS as exc:
            self._fail(operation, key, exc, started)
            return default
        except redis.ResponseError as exc:
            self._reject(operation, key, exc, started)
            return default
        self._finish(operation, key, _outcome(result, write), started)
        return result

    async def _arun(
        self,
        operation: str,
        key: str,
        call: Callable[[aioredis.Redis], Awaitable[T]],
        default: T,
        *,
        write: bool = False,
    ) -> T:
        """Async twin of :meth:`_run`, on the running loop's pool."""
        if self._skip(operation, key):
            return default
        started = time.perf_counter()
        try:
            result = await call(self.async_client)
        except UNAVAILABLE_ERRORS as exc:
            self._fail(operation, key, exc, started)
            return default
        except redis.ResponseError as exc:
            self._reject(operation, key, exc, started)
            return default
        self._finish(operation, key, _outcome(result, write), started)
        return result


def _outcome(result: object, write: bool) -> str:
    if write:
        return "write"
    return "hit" if result not in (None, {}, [], "") else "miss"
