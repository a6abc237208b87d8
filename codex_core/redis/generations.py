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
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

#: Seconds a generation token lives (refreshed by every refill); it only has to outlive a refill.
GENERATION_TTL = 600


def generation_key(key: str) -> str:
    """The generation key of ``key``, in the same hash-tag slot."""
    return f"{key}#gen" if "{" in key else f"{{{key}}}#gen"


def new_token() -> str:
    """A fresh random generation token."""
    return secrets.token_hex(8)


@dataclass(frozen=True)
class Ticket:
    """A refill's claim on a key: the generation it began with (``None``: do not store)."""

    key: str
    token: str | None


#: KEYS: generation. ARGV: new token, TTL. Returns the current token (a foreign value of the
#: wrong type is replaced).
BEGIN = """
local kind = redis.call('TYPE', KEYS[1])['ok']
if kind ~= 'string' and kind ~= 'none' then redis.call('DEL', KEYS[1]) end
local token = redis.call('GET', KEYS[1])
if not token then
  token = ARGV[1]
  redis.call('SET', KEYS[1], token, 'EX', ARGV[2])
else
  redis.call('EXPIRE', KEYS[1], ARGV[2])
end
return token
"""

_CHECK = """
local current = redis.pcall('GET', KEYS[2])
if type(current) ~= 'string' or current ~= ARGV[1] then return 0 end
"""

#: KEYS: data, generation. ARGV: token, TTL (0: none), field, value, ... Replaces the hash.
STORE_HASH = (
    _CHECK
    + """
redis.call('DEL', KEYS[1])
if #ARGV > 2 then redis.call('HSET', KEYS[1], unpack(ARGV, 3)) end
if tonumber(ARGV[2]) > 0 then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
return 1
"""
)

#: KEYS: data, generation. ARGV: token, TTL (0: none), value. Replaces the string.
STORE_STRING = (
    _CHECK
    + """
if tonumber(ARGV[2]) > 0 then
  redis.call('SET', KEYS[1], ARGV[3], 'EX', ARGV[2])
else
  redis.call('SET', KEYS[1], ARGV[3])
end
return 1
"""
)
