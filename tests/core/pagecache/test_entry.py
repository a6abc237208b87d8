"""A stored page survives the round trip through its string exactly; anything else is a miss."""

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
    head, _newline, rest = raw.partition("\n")
    assert json.loads(head) == {
        "s": 200,
        "h": [["Content-Type", "text/html"]],
        "e": "utf-8",
        "t": ["article:1"],
        "c": False,
    }
    assert rest.encode() == body


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "plain text",
        "{}",
        '{"s":200,"h":[],"e":"utf-8","t":[]}',  # no newline: not a whole entry
        '{"s":200,"h":[],"b":"<p>","e":"utf-8","t":[]}',  # the former one-JSON format
        '{"s":200,"h":[],"e":"rot13","t":[]}\nbody',
        '{"s":200,"h":[],"e":"base64","t":[]}\nnot base64!',
        '{"s":"x","h":[],"e":"utf-8","t":[]}\nbody',
        '{"s":200,"h":[1],"e":"utf-8","t":[]}\nbody',
        '["s"]\nbody',
    ],
)
def test_a_foreign_or_corrupt_value_is_no_entry(raw):
    assert PageEntry.loads(raw) is None
