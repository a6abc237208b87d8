"""Every URL pattern of the root URLconf, found by walking the resolver, and paths built from them.

A pattern added to any URLconf later is found here without a change: the fuzz draws from
:func:`routes`. Each route keeps its chain of patterns so that a path can be built in any
language (``i18n_patterns`` prefixes and ``gettext_lazy`` routes are read under
``translation.override``) with any value for each parameter.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, converters, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern
from django.utils import translation
from django.utils.regex_helper import normalize

#: Converter classes and the kind of value the fuzz generates for them.
CONVERTER_KINDS: dict[type[object], str] = {
    converters.IntConverter: "int",
    converters.SlugConverter: "slug",
    converters.StringConverter: "str",
    converters.PathConverter: "path",
    converters.UUIDConverter: "uuid",
}

_ROUTE_PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


@dataclass(frozen=True)
class Param:
    """One path parameter: its name, the kind of value it takes and, for a regex group, its regex."""

    name: str
    kind: str
    regex: str = ""


@dataclass(frozen=True)
class Route:
    """One leaf URL pattern and the patterns it is nested in, outermost first."""

    name: str
    chain: tuple[URLPattern | URLResolver, ...]
    params: tuple[Param, ...]

    @property
    def i18n(self) -> bool:
        return any(isinstance(p.pattern, LocalePrefixPattern) for p in self.chain)

    def build(self, values: Mapping[str, str], *, language: str, prefix: str | None = None) -> str:
        """The path of this route in ``language`` with ``values`` put in as they are (not quoted).

        ``prefix`` replaces the language prefix of an ``i18n_patterns`` route ("" drops it).
        """
        parts = ["/"]
        with translation.override(language):
            for node in self.chain:
                parts.append(_piece(node, values, prefix))
        return "".join(parts)


def _piece(node: URLPattern | URLResolver, values: Mapping[str, str], prefix: str | None) -> str:
    pattern = node.pattern
    if isinstance(pattern, LocalePrefixPattern):
        return pattern.language_prefix if prefix is None else (f"{prefix}/" if prefix else "")
    if isinstance(pattern, RoutePattern):
        return _ROUTE_PARAM.sub(lambda m: values[m["name"]], str(pattern))
    if isinstance(pattern, RegexPattern):
        template, names = normalize(str(pattern))[0]
        return template % {name: values[name] for name in names}
    raise TypeError(f"Unknown pattern type {type(pattern).__name__} in {node!r}")


def _params(node: URLPattern | URLResolver) -> Iterator[Param]:
    pattern = node.pattern
    if isinstance(pattern, RoutePattern):
        for name, converter in pattern.converters.items():
            kind = CONVERTER_KINDS.get(type(converter))
            if kind is None:
                raise TypeError(f"No fuzz values for converter {type(converter).__name__} of {name!r}")
            yield Param(name, kind)
    elif isinstance(pattern, RegexPattern):
        for name, regex in _named_groups(str(pattern)).items():
            yield Param(name, "regex", regex)


def _named_groups(regex: str) -> dict[str, str]:
    """``{name: sub-regex}`` of every ``(?P<name>...)`` group (balanced parentheses)."""
    groups: dict[str, str] = {}
    for match in re.finditer(r"\(\?P<(\w+)>", regex):
        depth, index = 1, match.end()
        while depth:
            char = regex[index]
            if char == "\\":
                index += 1
            elif char == "(":
                depth += 1
            elif char == ")":
                depth -= 1
            index += 1
        groups[match[1]] = regex[match.end() : index - 1]
    return groups


def _walk(
    resolver: URLResolver, chain: tuple[URLPattern | URLResolver, ...], namespace: str
) -> Iterator[Route]:
    for node in resolver.url_patterns:
        if isinstance(node, URLResolver):
            inner = f"{namespace}{node.namespace}:" if node.namespace else namespace
            yield from _walk(node, (*chain, node), inner)
        else:
            full = (*chain, node)
            where = "".join(str(part.pattern) for part in full)
            name = f"{namespace}{node.name}" if node.name else f"{namespace}<{where}>"
            params = tuple(param for part in full for param in _params(part))
            yield Route(name=name, chain=full, params=params)


def routes() -> list[Route]:
    """Every leaf pattern of ``ROOT_URLCONF``, in URLconf order."""
    return list(_walk(get_resolver(), (), ""))
