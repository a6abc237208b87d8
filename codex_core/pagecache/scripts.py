"""Server-side scripts of the page cache; each touches the keys of one tag (one cluster slot).

A tag ``T`` has a set of the page keys carrying it and a *dropped-at* key: the Redis server
time (microseconds) of its last invalidation. Both share the tag's hash-tag slot, never a
project-wide one, so on a cluster tags spread over the slots.
"""

from __future__ import annotations

#: KEYS: tag set, dropped-at. ARGV: page key, set TTL. Adds the page to the tag's set (a value
#: of the wrong type is replaced) and returns the tag's dropped-at time ("" when none).
JOIN = """
local kind = redis.call('TYPE', KEYS[1])['ok']
if kind ~= 'set' and kind ~= 'none' then redis.call('DEL', KEYS[1]) end
redis.call('SADD', KEYS[1], ARGV[1])
if redis.call('TTL', KEYS[1]) < tonumber(ARGV[2]) then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
local dropped = redis.pcall('GET', KEYS[2])
if type(dropped) ~= 'string' then return '' end
return dropped
"""

#: KEYS: tag set, dropped-at. ARGV: dropped-at TTL. Stamps the tag with the server time, deletes
#: its set and returns the page keys it held.
DROP = """
local now = redis.call('TIME')
local stamp = string.format('%.0f', tonumber(now[1]) * 1000000 + tonumber(now[2]))
redis.call('SET', KEYS[2], stamp, 'EX', ARGV[1])
local members = {}
if redis.call('TYPE', KEYS[1])['ok'] == 'set' then members = redis.call('SMEMBERS', KEYS[1]) end
redis.call('DEL', KEYS[1])
return members
"""
