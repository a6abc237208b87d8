"""Generations: a late refill must not write an old row back over an invalidation.

A reader that misses reads the database and stores what it read. If an edit commits and
invalidates in between, the reader's store would put the old row back. So every cached key
``K`` has a generation key (:func:`generation_key`) holding a random token:

* a reader that misses *begins* a refill before reading the database: :data:`BEGIN` returns
  the key's token (creating one if there is none);
* every invalidation and every direct write deletes the generation key with the data key;
* the refill's store (:data:`STORE_HASH`, :data:`STORE_STRING`) is atomic on the server and
  writes only if the token is still the one the reader began with, otherwise it is dropped.

Tokens are random, so a deleted and re-created generation never matches an old one. The
generation key shares the data key's Redis Cluster slot: it is the data key plus ``#gen``
when the key has a ``{hash tag}``, else the whole data key as the tag (``{K}#gen``). ``#``,
``{`` and ``}`` never occur in an escaped key component, so these names collide with nothing.

:data:`BEGIN` also takes the key's refill lock (``#lock``, ``SET NX PX``) when it is free:
a refill that does not get it knows another process is refilling the key and may wait for
that store instead of reading the database too. The store releases the lock it holds; a
lock whose holder died expires after :data:`LOCK_MS`.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

#: Seconds a generation token lives (refreshed by every refill); it only has to outlive a refill.
GENERATION_TTL = 600

#: Milliseconds a refill lock is held at most (a refill that takes longer loses nothing but
#: the other processes' patience).
LOCK_MS = 1000


def _companion(key: str, suffix: str) -> str:
    return f"{key}#{suffix}" if "{" in key else f"{{{key}}}#{suffix}"


def generation_key(key: str) -> str:
    """The generation key of ``key``, in the same hash-tag slot."""
    return _companion(key, "gen")


def lock_key(key: str) -> str:
    """The refill lock of ``key``, in the same hash-tag slot."""
    return _companion(key, "lock")


def new_token() -> str:
    """A fresh random generation token."""
    return secrets.token_hex(8)


@dataclass(frozen=True)
class Ticket:
    """A refill's claim on a key: the generation it began with (``None``: do not store),
    who it is (the lock's value) and whether it holds the refill lock."""

    key: str
    token: str | None
    owner: str = ""
    leads: bool = True


#: KEYS: generation, lock. ARGV: new token (also the lock's value), TTL, lock ms. Returns
#: ``{token, 1 if the lock was taken}``; foreign values of the wrong type are replaced, a lock
#: without an expiry (not ours) is dropped.
BEGIN = """
for _, key in ipairs(KEYS) do
  local kind = redis.call('TYPE', key)['ok']
  if kind ~= 'string' and kind ~= 'none' then redis.call('DEL', key) end
end
if redis.call('PTTL', KEYS[2]) == -1 then redis.call('DEL', KEYS[2]) end
local token = redis.call('GET', KEYS[1])
if not token then
  token = ARGV[1]
  redis.call('SET', KEYS[1], token, 'EX', ARGV[2])
else
  redis.call('EXPIRE', KEYS[1], ARGV[2])
end
local leads = redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[3]) and 1 or 0
return {token, leads}
"""

#: KEYS: lock. ARGV: owner. Releases the lock if ``owner`` still holds it.
RELEASE = """
if redis.pcall('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1
"""

_CHECK = """
local function release()
  if redis.pcall('GET', KEYS[3]) == ARGV[2] then redis.call('DEL', KEYS[3]) end
end
local current = redis.pcall('GET', KEYS[2])
if type(current) ~= 'string' or current ~= ARGV[1] then
  release()
  return 0
end
"""

#: KEYS: data, generation, lock. ARGV: token, owner, TTL (0: none), field, value, ...
#: Replaces the hash.
STORE_HASH = (
    _CHECK
    + """
redis.call('DEL', KEYS[1])
if #ARGV > 3 then redis.call('HSET', KEYS[1], unpack(ARGV, 4)) end
if tonumber(ARGV[3]) > 0 then redis.call('EXPIRE', KEYS[1], ARGV[3]) end
release()
return 1
"""
)

#: KEYS: data, generation, lock. ARGV: token, owner, TTL (0: none), value. Replaces the string.
STORE_STRING = (
    _CHECK
    + """
if tonumber(ARGV[3]) > 0 then
  redis.call('SET', KEYS[1], ARGV[4], 'EX', ARGV[3])
else
  redis.call('SET', KEYS[1], ARGV[4])
end
release()
return 1
"""
)
