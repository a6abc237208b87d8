"""Base Redis manager adapted to Django settings.

Every manager shares the process-wide pool for its settings, namespaces its keys under
``PROJECT_NAME`` with unambiguous escaping, and runs each operation through the circuit
breaker: when Redis is disabled, down or hung, reads return their ``default`` and writes
are skipped, so callers fall back to the database instead of failing.

Coherence (see :mod:`codex_core.redis.generations`, :mod:`~codex_core.redis.pending`,
:mod:`~codex_core.redis.flight` and :mod:`~codex_core.redis.refill`):

* an invalidation is attempted even while the breaker is open (with a short timeout); one
  that fails is queued and replayed, in order, before this process's next Redis call;
* a direct write that fails or is skipped turns into such an invalidation, so an old entry
  never outlives a write that did not reach Redis;
* a refill after a miss begins with the key's generation and stores only if no
  invalidation or write happened since; concurrent misses of a key share one refill in
  this process, and wait (bounded) for one in progress in another process.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from typing import Any, TypeVar, cast

import redis
import redis.asyncio as aioredis
from redis.typing import EncodableT

from codex_core.conf import get_config
from codex_core.redis.breaker import Permit, breaker
from codex_core.redis.client import ClientOptions, get_async_client, get_client
from codex_core.redis.generations import (
    BEGIN,
    GENERATION_TTL,
    LOCK_MS,
    RELEASE,
    Ticket,
    generation_key,
    lock_key,
    new_token,
)
from codex_core.redis.keys import build_key
from codex_core.redis.operations import (
    HashOperations,
    StringOperations,
    SyncHashOperations,
    SyncStringOperations,
)
from codex_core.redis.outcomes import (
    REJECTED_ERRORS,
    UNAVAILABLE_ERRORS,
    Attempt,
    begin,
    failed,
    finished,
    rejected,
    skipped,
)
from codex_core.redis.pending import adeliver, deliver, pending
from codex_core.redis.refill import arefill, refill

T = TypeVar("T")

#: Makes the sync client a manager uses instead of the shared pool (called once per manager).
SyncClientFactory = Callable[[], redis.Redis]
#: Makes the async client a manager uses on an event loop (called once per manager and loop).
AsyncClientFactory = Callable[[], aioredis.Redis]

_FAILED: Any = object()  # the default of a write whose failure must turn into an invalidation


class BaseDjangoRedisManager:
    """Base Redis manager adapted for Django settings and project namespacing.

    Subclasses set :attr:`namespace` and implement their operations with
    :meth:`_run` (sync) and :meth:`_arun` (async), which share the breaker logic, and
    :meth:`_invalidate`, :meth:`_write` and :meth:`_refill` (and their ``_a…`` twins).
    """

    #: First key component after the project name, e.g. ``"seo"`` (the default ``prefix``).
    namespace: str = ""

    def __init__(
        self,
        prefix: str | None = None,
        *,
        async_client_factory: AsyncClientFactory | None = None,
        sync_client_factory: SyncClientFactory | None = None,
        url: str | None = None,
        project_name: str | None = None,
    ) -> None:
        """``prefix`` replaces the class's :attr:`namespace` as the key component after the
        project name (``""``: none). Without factories the manager uses the shared pool of
        ``url`` (default ``REDIS_URL``); a factory's client is made on first use and kept
        (sync: one per manager; async: one per manager and event loop)."""
        config = get_config()
        self.options = ClientOptions.from_settings(url)
        self.project_name = config.project_name if project_name is None else project_name
        self.prefix = self.namespace if prefix is None else prefix
        self._sync_factory = sync_client_factory
        self._async_factory = async_client_factory
        self._sync_own: redis.Redis | None = None
        self._async_own: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, aioredis.Redis] = (
            weakref.WeakKeyDictionary()
        )

    @property
    def enabled(self) -> bool:
        """Whether caching is switched on (``CODEX_REDIS_ENABLED``)."""
        return get_config().redis_enabled

    def _is_disabled(self) -> bool:
        """The reference's name for ``not enabled`` (subclasses written against it call it)."""
        return not self.enabled

    @property
    def client(self) -> redis.Redis:
        """The sync client: the shared pool for this manager's settings, or its factory's."""
        if self._sync_factory is None:
            return get_client(self.options)
        if self._sync_own is None:
            self._sync_own = self._sync_factory()
        return self._sync_own

    @property
    def async_client(self) -> aioredis.Redis:
        """The async client on the running loop: the shared pool's, or the factory's."""
        if self._async_factory is None:
            return get_async_client(self.options)
        loop = asyncio.get_running_loop()
        client = self._async_own.get(loop)
        if client is None:
            client = self._async_own[loop] = self._async_factory()
        return client

    # -- the reference's extension seam -----------------------------------------------------
    @contextmanager
    def sync_hash(self) -> Iterator[SyncHashOperations]:
        """Hash helpers on :attr:`client` (not closed afterwards: it is a pool)."""
        yield SyncHashOperations(self.client)

    @contextmanager
    def sync_string(self) -> Iterator[SyncStringOperations]:
        """String helpers on :attr:`client`."""
        yield SyncStringOperations(self.client)

    @asynccontextmanager
    async def async_hash(self) -> AsyncIterator[HashOperations]:
        """Hash helpers on :attr:`async_client`."""
        yield HashOperations(self.async_client)

    @asynccontextmanager
    async def async_string(self) -> AsyncIterator[StringOperations]:
        """String helpers on :attr:`async_client`."""
        yield StringOperations(self.async_client)

    def make_key(self, *parts: str) -> str:
        """Build a namespaced Redis key for the current Django project.

        ``make_key("home")`` gives ``"<project>:<prefix>:home"``; with no project name
        or prefix those components are omitted. Every component is escaped, so keys
        built from different inputs never collide.
        """
        prefix = tuple(p for p in (self.project_name, self.prefix) if p)
        return build_key(*prefix, *parts)

    def _purge_patterns(self) -> tuple[str, ...]:
        """What to delete when the invalidation queue overflowed: the whole project."""
        if not self.project_name:
            return ("*",)
        prefix = build_key(self.project_name)
        return (f"{prefix}:*", f"{{{prefix}:*")

    # -- bookkeeping ---------------------------------------------------------------------
    def _skip(self, operation: str, key: str) -> Permit | None:
        permit = breaker.acquire() if self.enabled else Permit.DENIED
        if permit is not Permit.DENIED:
            return permit
        skipped(type(self).__name__, operation, key)
        return None

    def _finish(self, operation: str, key: str, outcome: str, started: Attempt) -> None:
        finished(type(self).__name__, operation, key, outcome, started)

    def _fail(self, operation: str, key: str, exc: BaseException, started: Attempt) -> None:
        failed(type(self).__name__, operation, key, exc, started)

    def _reject(self, operation: str, key: str, exc: BaseException, started: Attempt) -> None:
        rejected(type(self).__name__, operation, key, exc, started)

    # -- one call --------------------------------------------------------------------------
    def _run(
        self,
        operation: str,
        key: str,
        call: Callable[[redis.Redis], T],
        default: T,
        *,
        write: bool = False,
    ) -> T:
        """Run ``call`` against Redis, or return ``default`` when Redis is unusable.

        Invalidations this process could not deliver are replayed first; while that fails
        the call is not made (it could read a key that should be gone).
        """
        permit = self._skip(operation, key)
        if permit is None:
            return default
        try:
            if pending and not self._replay():
                return default
            started = begin()
            try:
                result = call(self.client)
            except UNAVAILABLE_ERRORS as exc:
                self._fail(operation, key, exc, started)
                return default
            except REJECTED_ERRORS as exc:
                self._reject(operation, key, exc, started)
                return default
            self._finish(operation, key, _outcome(result, write), started)
            return result
        finally:
            if permit is Permit.PROBE:
                breaker.end_probe()

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
        permit = self._skip(operation, key)
        if permit is None:
            return default
        try:
            if pending and not await self._areplay():
                return default
            started = begin()
            try:
                result = await call(self.async_client)
            except UNAVAILABLE_ERRORS as exc:
                self._fail(operation, key, exc, started)
                return default
            except REJECTED_ERRORS as exc:
                self._reject(operation, key, exc, started)
                return default
            self._finish(operation, key, _outcome(result, write), started)
            return result
        finally:
            if permit is Permit.PROBE:
                breaker.end_probe()

    # -- invalidation ------------------------------------------------------------------------
    def _queue(self, keys: Sequence[str]) -> bool:
        """Queue the deletion of ``keys`` and their generations; ``False`` when disabled."""
        if not self.enabled:
            skipped(type(self).__name__, "invalidate", " ".join(keys))
            return False
        both = tuple(k for key in keys for k in (key, generation_key(key)))
        pending.add(self.options, both, self._purge_patterns())
        return True

    def _invalidate(self, keys: Sequence[str]) -> None:
        """Delete ``keys`` (one unit) with their generations, now or as soon as Redis answers."""
        if not keys or not self._queue(keys):
            return
        permit = breaker.acquire()
        try:
            self._replay(short=permit is Permit.DENIED)
        finally:
            if permit is Permit.PROBE:
                breaker.end_probe()

    async def _ainvalidate(self, keys: Sequence[str]) -> None:
        """Async twin of :meth:`_invalidate`."""
        if not keys or not self._queue(keys):
            return
        permit = breaker.acquire()
        try:
            await self._areplay(short=permit is Permit.DENIED)
        finally:
            if permit is Permit.PROBE:
                breaker.end_probe()

    def _replay(self, *, short: bool = False) -> bool:
        """Deliver the queued invalidations; ``True`` when none is left."""
        return deliver(type(self).__name__, short=short)

    async def _areplay(self, *, short: bool = False) -> bool:
        """Async twin of :meth:`_replay`."""
        return await adeliver(type(self).__name__, short=short)

    # -- direct writes -----------------------------------------------------------------------
    def _write(self, operation: str, keys: Sequence[str], call: Callable[[redis.Redis], object]) -> bool:
        """Run a direct write of ``keys`` (which must also delete their generations); when it
        does not reach Redis, invalidate ``keys`` instead, so no old entry survives it."""
        if self._run(operation, " ".join(keys), call, _FAILED, write=True) is _FAILED:
            self._invalidate(keys)
            return False
        return True

    async def _awrite(
        self, operation: str, keys: Sequence[str], call: Callable[[aioredis.Redis], Awaitable[object]]
    ) -> bool:
        """Async twin of :meth:`_write`."""
        if await self._arun(operation, " ".join(keys), call, _FAILED, write=True) is _FAILED:
            await self._ainvalidate(keys)
            return False
        return True

    # -- refills -----------------------------------------------------------------------------
    def _begin(self, key: str) -> Ticket:
        """Claim a refill of ``key``: its generation (before the DB read) and, if free, its lock."""
        keys, token = [generation_key(key), lock_key(key)], new_token()

        def call(client: redis.Redis) -> list[object] | None:
            return cast("list[object]", client.register_script(BEGIN)(keys=keys, args=[token, *_BEGIN_ARGS]))

        return _ticket(key, token, self._run("begin_refill", key, call, None, write=True))

    async def _abegin(self, key: str) -> Ticket:
        """Async twin of :meth:`_begin`."""
        keys, token = [generation_key(key), lock_key(key)], new_token()

        async def call(client: aioredis.Redis) -> list[object] | None:
            script = client.register_script(BEGIN)
            return cast("list[object]", await script(keys=keys, args=[token, *_BEGIN_ARGS]))

        return _ticket(key, token, await self._arun("begin_refill", key, call, None, write=True))

    def _store_if(self, operation: str, ticket: Ticket, script: str, args: Sequence[EncodableT]) -> bool:
        """Run a store ``script`` (see :mod:`~codex_core.redis.generations`) for ``ticket``;
        ``True`` if it was accepted, ``False`` if it lost to an invalidation or did not run."""
        if ticket.token is None:
            return False
        keys = [ticket.key, generation_key(ticket.key), lock_key(ticket.key)]
        argv: list[EncodableT] = [ticket.token, ticket.owner, *args]

        def call(client: redis.Redis) -> int:
            return int(client.register_script(script)(keys=keys, args=argv))

        return self._run(operation, ticket.key, call, 0, write=True) == 1

    async def _astore_if(
        self, operation: str, ticket: Ticket, script: str, args: Sequence[EncodableT]
    ) -> bool:
        """Async twin of :meth:`_store_if`."""
        if ticket.token is None:
            return False
        keys = [ticket.key, generation_key(ticket.key), lock_key(ticket.key)]
        argv: list[EncodableT] = [ticket.token, ticket.owner, *args]

        async def call(client: aioredis.Redis) -> int:
            return int(await client.register_script(script)(keys=keys, args=argv))

        return await self._arun(operation, ticket.key, call, 0, write=True) == 1

    def _refill(
        self,
        key: str,
        load: Callable[[], T],
        store: Callable[[Ticket, T], bool],
        reread: Callable[[], T | None] | None = None,
    ) -> T:
        """Read ``key``'s value with ``load`` (the database) and ``store`` it against a fresh
        ticket: one refill per key at a time (see :func:`codex_core.redis.refill.refill`)."""
        name = f"{self.options.url} {key}"
        return refill(name, lambda: self._begin(key), load, store, reread, self._release)

    async def _arefill(
        self,
        key: str,
        load: Callable[[], Awaitable[T]],
        store: Callable[[Ticket, T], Awaitable[bool]],
        reread: Callable[[], Awaitable[T | None]] | None = None,
    ) -> T:
        """Async twin of :meth:`_refill`."""
        name = f"{self.options.url} {key}"
        return await arefill(name, lambda: self._abegin(key), load, store, reread, self._arelease)

    def _release(self, ticket: Ticket) -> None:
        """Free ``ticket``'s refill lock (its refill is over without a store)."""
        keys, argv = [lock_key(ticket.key)], [ticket.owner]
        self._run(
            "release_refill", ticket.key, lambda c: c.register_script(RELEASE)(keys=keys, args=argv), None
        )

    async def _arelease(self, ticket: Ticket) -> None:
        """Async twin of :meth:`_release`."""
        keys, argv = [lock_key(ticket.key)], [ticket.owner]

        async def call(client: aioredis.Redis) -> object:
            return await client.register_script(RELEASE)(keys=keys, args=argv)

        await self._arun("release_refill", ticket.key, call, None, write=True)


_BEGIN_ARGS = (GENERATION_TTL, LOCK_MS)


def _ticket(key: str, owner: str, reply: list[object] | None) -> Ticket:
    if reply is None:
        return Ticket(key, None, owner)
    return Ticket(key, str(reply[0]), owner, leads=bool(int(str(reply[1]))))


def _outcome(result: object, write: bool) -> str:
    if write:
        return "write"
    return "hit" if result not in (None, {}, [], "") else "miss"


def get_default_redis_manager(prefix: str = "") -> BaseDjangoRedisManager:
    """Return a base manager for ``prefix`` on the shared pool (for custom keys and helpers)."""
    return BaseDjangoRedisManager(prefix=prefix)
