"""A stored page survives the round trip through its bytes exactly; anything else is a miss."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from codex_core.pagecache.entry import PageEntry

HEADER_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30)


@given(
    status=st.integers(100, 599),
    headers=st.lists(st.tuples(HEADER_TEXT, HEADER_TEXT), max_size=5),
    body=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(lambda t: t.encode("utf-8"))),
    tags=st.lists(st.text(max_size=20), max_size=4),
)
def test_every_entry_round_trips(status, headers, body, tags):
    entry = PageEntry(status, tuple(headers), body, tuple(tags))
    assert PageEntry.loads(entry.dumps()) == entry


def test_a_body_full_of_newlines_and_quotes_stays_out_of_the_head():
    body = b'<p class="a">one\n"two"\n\n{"s":1}\n</p>'
    raw = PageEntry(200, (("Content-Type", "text/html"),), body, ("article:1",)).dumps()
    head, _newline, rest = raw.partition(b"\n")
    assert json.loads(head) == {
        "s": 200,
        "h": [["Content-Type", "text/html"]],
        "e": "utf-8",
        "t": ["article:1"],
        "c": False,
    }
    assert rest == body


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"plain text",
        b"{}",
        b'{"s":200,"h":[],"e":"utf-8","t":[]}',  # no newline: not a whole entry
        b'{"s":200,"h":[],"b":"<p>","e":"utf-8","t":[]}',  # the former one-JSON format
        b'{"s":200,"h":[],"e":"rot13","t":[]}\nbody',
        b'{"s":200,"h":[],"e":"base64","t":[]}\nnot base64!',
        b'{"s":"x","h":[],"e":"utf-8","t":[]}\nbody',
        b'{"s":200,"h":[1],"e":"utf-8","t":[]}\nbody',
        b'["s"]\nbody',
        b"\xff\xfe\nbody",  # a first line that is not UTF-8
        b'{"s":200,"h":[["Content-Type","\xff"]],"e":"utf-8","t":[]}\nbody',
    ],
)
def test_a_foreign_or_corrupt_value_is_no_entry(raw):
    assert PageEntry.loads(raw) is None


@given(cache_key=st.text(max_size=200), project=st.text(max_size=10))
def test_the_page_key_is_build_tagged_key_of_the_digest(cache_key, project):
    """page_key writes the tagged key out by hand; it must be exactly what build_tagged_key gives."""
    import hashlib

    from codex_core.pagecache.store import PageCacheManager
    from codex_core.redis.keys import build_tagged_key

    manager = PageCacheManager(project_name=project)
    digest = hashlib.sha256(cache_key.encode("utf-8")).hexdigest()
    assert manager.page_key(cache_key) == build_tagged_key(manager.make_key(), digest)


def test_a_remembered_head_serves_every_body_it_heads():
    first = PageEntry(200, (("Content-Type", "text/html"),), b"one", ("a",), True)
    second = PageEntry(200, first.headers, b"two", first.tags, True)
    assert first.dumps().partition(b"\n")[0] == second.dumps().partition(b"\n")[0]
    assert PageEntry.loads(first.dumps()) == first
    assert PageEntry.loads(second.dumps()) == second


def test_one_manager_per_configuration(settings):
    from codex_core.pagecache.store import get_page_cache_manager

    manager = get_page_cache_manager()
    assert get_page_cache_manager() is manager
    settings.PROJECT_NAME = "other"  # setting_changed: a new configuration, a new manager
    assert get_page_cache_manager() is not manager
    assert get_page_cache_manager().project_name == "other"
