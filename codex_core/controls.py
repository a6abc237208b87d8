"""Keep characters that HTML forbids out of the request data that pages echo.

Django's form widgets re-render submitted values escaped for ``<>&"'`` only, so a submitted
U+0001 lands raw in ``value="…"`` — an HTML5 parse error ("control-character-in-input-
stream"), on our forms and on Django's own (the admin login). The fix sits at the root: the
query string and the form body are cleaned once, before any view, template or form sees
them. :class:`ControlCharactersMiddleware` replaces ``request.GET`` and ``request.POST`` with
copies whose keys and values have every C0 control except tab, line feed and carriage return,
DEL, every C1 control, lone surrogates and the Unicode noncharacters removed.

Removing rather than refusing (400) keeps a visitor's form: text pasted from another program
may carry a stray U+0085 or U+000B, and the field's own validation still answers what is
left (an empty required field says "This field is required"). It is what Django already
does with surrounding whitespace (``CharField(strip=True)``). The raw bytes stay available in
``request.body`` and ``request.META["QUERY_STRING"]``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from django.http import HttpRequest, HttpResponseBase, QueryDict

if TYPE_CHECKING:
    from django.http.request import _ImmutableQueryDict

#: What no HTML page may contain and no person types: C0 controls but \t \n \r, DEL, C1 controls,
#: lone surrogates, and the noncharacters U+FDD0 to U+FDEF and U+xFFFE/U+xFFFF of every plane.
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
    + "]"
)

FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def strip_controls(text: str) -> str:
    """``text`` without the characters of :data:`FORBIDDEN`."""
    return FORBIDDEN.sub("", text)


def _is_clean(data: QueryDict) -> bool:
    return not any(
        FORBIDDEN.search(key) or any(FORBIDDEN.search(v) for v in values) for key, values in data.lists()
    )


def cleaned_querydict(data: _ImmutableQueryDict) -> _ImmutableQueryDict:
    """``data`` itself if it is clean, else an immutable copy with every key and value stripped.

    Keys that become equal after stripping keep all their values, in order.
    """
    if _is_clean(data):
        return data
    cleaned = QueryDict(mutable=True, encoding=data.encoding)
    for key, values in data.lists():
        cleaned.setlistdefault(strip_controls(key), []).extend(strip_controls(v) for v in values)
    cleaned._mutable = False
    return cast("_ImmutableQueryDict", cleaned)


class ControlCharactersMiddleware:
    """Replace ``request.GET`` and a form ``request.POST`` with control-free copies (see module)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        request.GET = cleaned_querydict(request.GET)
        if request.method == "POST" and request.content_type in FORM_CONTENT_TYPES:
            try:
                post = request.POST
            except OSError:  # a broken upload; CsrfViewMiddleware and the view see it as before
                pass
            else:
                request.POST = cleaned_querydict(post)
        return self.get_response(request)
