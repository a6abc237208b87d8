"""Pages and tag sets in Redis, through the shared breaker, pools and generation guard.

Keys (``P`` is ``PROJECT_NAME``): a page is ``P:page:{<sha256 of its cache key>}`` with its
generation ``…#gen`` and refill lock ``…#lock`` in the same slot; a tag is
``P:pagetag:{<tag>}`` (the set of page keys) with ``…#dropped`` beside it.

Why a page rendered from old data is never stored after the edit's commit:

1. before rendering, the reader takes the page's generation (:data:`BEGIN`) and the server
   time ``t0`` (on a cluster the earliest of the primaries' clocks: a tag's stamp is its own
   node's time, see :meth:`PageCacheManager.clock`);
2. after rendering, it adds the page to each tag's set and reads the tag's dropped-at time
   (:data:`~codex_core.pagecache.scripts.JOIN`); a tag dropped at or after ``t0`` aborts
   the store;
3. only then is the page stored, if its generation is still the one from step 1.

An invalidation of a tag stamps dropped-at and takes the set's members in one script, then
deletes each page with its generation. If it ran before step 2, step 2 sees the stamp; if
after, the page was in the set, its generation is gone and step 3 refuses the store.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from functools import cached_property, lru_cache
from typing import Any

import redis
from redis.cluster import RedisCluster
from redis.typing import EncodableT

from codex_core.conf import CodexConfig, get_config
from codex_core.pagecache.entry import PageEntry
from codex_core.pagecache.scripts import DROP, JOIN
from codex_core.redis.client import UNDECODED
from codex_core.redis.generations import GENERATION_TTL, STORE_STRING, Ticket, generation_key
from codex_core.redis.keys import build_key, build_tagged_key
from codex_core.redis.managers.base import BaseDjangoRedisManager
from codex_core.redis.pending import pending

#: Seconds a tag set outlives the pages it lists.
TAG_SLACK = 60


class PageCacheManager(BaseDjangoRedisManager):
    """Whole pages, keyed by their cache key, dropped by tag."""

    namespace = "page"

    @cached_property
    def _page_prefix(self) -> str:
        return self.make_key()

    def page_key(self, cache_key: str) -> str:
        """The Redis key of the page whose cache key is ``cache_key`` (any length)."""
        digest = hashlib.sha256(cache_key.encode("utf-8")).hexdigest()
        # build_tagged_key(prefix, digest), written out: a hex digest is its own escape.
        return f"{self._page_prefix}:{{{digest}}}"

    def tag_keys(self, tag: str) -> tuple[str, str]:
        """The tag's set of page keys and its dropped-at key (one slot)."""
        prefix = build_key(*(p for p in (self.project_name, "pagetag") if p))
        key = build_tagged_key(prefix, tag)
        return key, f"{key}#dropped"

    def lookup(self, key: str) -> PageEntry | None:
        """The stored page, or ``None`` (a miss, Redis unusable, a foreign value)."""

        def call(client: redis.Redis) -> object:
            # As bytes: the body is served as read.
            command: Any = client.execute_command  # untyped in redis-py
            return command("GET", key, **UNDECODED)

        raw = self._run("lookup", key, call, None)
        return PageEntry.loads(raw) if isinstance(raw, bytes) else None

    def clock(self) -> int | None:
        """The server's time in microseconds (``None`` when Redis is unusable).

        On a cluster each tag's dropped-at stamp is the time of the node holding the tag: the
        earliest clock of all primaries, so a drop after this moment is stamped at or after it
        on any node. Clock skew then only makes a store give up, never a stale page stay.
        """

        def call(client: redis.Redis) -> int:
            if isinstance(client, RedisCluster):
                answers = list(client.time(target_nodes=RedisCluster.PRIMARIES).values())
            else:
                answers = [client.time()]
            return min(int(seconds) * 1_000_000 + int(micros) for seconds, micros in answers)

        return self._run("clock", "TIME", call, None, write=True)

    def begin(self, key: str) -> Ticket:
        """The page's generation and, when free, its refill lock (before rendering)."""
        return self._begin(key)

    def release(self, ticket: Ticket) -> None:
        """Free the refill lock of a render that is not stored."""
        self._release(ticket)

    def store(self, ticket: Ticket, entry: PageEntry, *, since: int, timeout: int) -> bool:
        """Store ``entry`` unless one of its tags was dropped at or after ``since`` (µs) or
        the page's generation changed since ``ticket``; ``True`` when stored."""
        if ticket.token is None:
            return False
        ttl = timeout + TAG_SLACK

        def join(client: redis.Redis) -> list[str]:
            script = client.register_script(JOIN)
            calls: list[tuple[list[str], list[EncodableT]]] = [
                (list(self.tag_keys(tag)), [ticket.key, ttl]) for tag in entry.tags
            ]
            if isinstance(client, RedisCluster):
                # A cluster pipeline refuses scripts: one call per tag, each to its slot's node.
                return [str(script(keys=keys, args=args)) for keys, args in calls]
            pipe = client.pipeline(transaction=False)
            for keys, args in calls:
                script(keys=keys, args=args, client=pipe)
            return [str(stamp) for stamp in pipe.execute()]

        stamps = self._run("join_tags", ticket.key, join, None, write=True) if entry.tags else []
        if stamps is None or any(stamp and int(stamp) >= since for stamp in stamps):
            return False
        return self._store_if("store", ticket, STORE_STRING, [timeout, entry.dumps()])

    def drop_tag(self, tag: str) -> bool:
        """Drop every page carrying ``tag``; ``True`` when done now.

        When Redis cannot be reached the pages cannot be listed: every page of the project is
        purged before this process's next Redis call instead (as an overflowing invalidation
        queue does).
        """
        tag_set, dropped = self.tag_keys(tag)

        def call(client: redis.Redis) -> bool:
            members = [
                str(m) for m in client.register_script(DROP)(keys=[tag_set, dropped], args=[GENERATION_TTL])
            ]
            if members:
                pipe: Any = client.pipeline(transaction=False)  # execute_command is untyped
                for member in members:
                    # One unit, one slot (a cluster pipeline's delete() refuses several keys).
                    pipe.execute_command("DEL", member, generation_key(member))
                pipe.execute()
            return True

        if self.enabled and self._run("drop_tag", tag_set, call, False, write=True):
            return True
        if self.enabled:
            pending.purge(self.options, self._page_patterns())
        return False

    def _page_patterns(self) -> tuple[str, ...]:
        return (f"{self._page_prefix}:*",)


def get_page_cache_manager() -> PageCacheManager:
    """The page cache manager configured from Django settings (shared pool); one per
    configuration, as a manager is made of nothing else (a hit should not build one)."""
    return _manager_for(get_config())


@lru_cache(maxsize=1)
def _manager_for(config: CodexConfig) -> PageCacheManager:
    return PageCacheManager()


def drop_tags(
    tags: Iterable[str], *, manager: Callable[[], PageCacheManager] = get_page_cache_manager
) -> None:
    """Drop every page carrying any of ``tags``."""
    for tag in tags:
        manager().drop_tag(tag)
