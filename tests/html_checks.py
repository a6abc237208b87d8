"""Well-formedness of a rendered page, shared by the HTML validity tests and the fuzz."""

from __future__ import annotations

from collections import Counter

import html5lib
from lxml import html as lxml_html


def html5_errors(document: str) -> list[tuple[object, ...]]:
    """Every parse error html5lib reports for ``document`` (empty for well-formed HTML5)."""
    parser = html5lib.HTMLParser(strict=False)
    parser.parse(document)
    return list(parser.errors)


def duplicate_ids(document: str) -> list[str]:
    """The ``id`` values used by more than one element of ``document``."""
    ids = Counter(el.get("id") for el in lxml_html.fromstring(document).iter() if el.get("id"))
    return [i for i, n in ids.items() if n > 1]
