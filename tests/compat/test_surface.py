"""Every public name of codex-django 0.7.0's ``core`` imports from its ``codex_core`` path
with a call shape compatible with the reference's, or is listed in docs/api-differences.md.

The reference surface is ``data/surface_0_7_0.json``, generated from the released wheel by
``scripts/compat_surface.py`` (its docstring says how).
"""

from __future__ import annotations

import importlib
import inspect
import json
import re
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SURFACE = json.loads((Path(__file__).parent / "data" / "surface_0_7_0.json").read_text())
DIFFERENCES = (ROOT / "docs" / "api-differences.md").read_text()


def ours(reference: str) -> str:
    """``codex_django.core.x.y`` -> ``codex_core.x.y``."""
    return "codex_core" + reference.removeprefix("codex_django.core")


def listed(path: str) -> bool:
    """Whether docs/api-differences.md names ``path`` in its "Not provided" list."""
    section = DIFFERENCES.partition("## Not provided")[2]
    return bool(re.search(rf"`{re.escape(path)}`", section))


def _entries() -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (module, name, entry)
        for module, names in sorted(SURFACE["modules"].items())
        for name, entry in sorted(names.items())
    ]


def _modules() -> list[str]:
    return sorted(SURFACE["modules"])


def _resolve(dotted: str) -> Any:
    module, _, name = dotted.rpartition(".")
    return getattr(importlib.import_module(module), name)


def _kw_params(spec: list[dict[str, Any]]) -> set[str]:
    return {p["name"] for p in spec if p["kind"] in ("POSITIONAL_OR_KEYWORD", "KEYWORD_ONLY")}


def check_signature(
    where: str, func: Any, spec: list[dict[str, Any]], forwarded: set[str] | None = None
) -> list[str]:
    """Problems a caller written against ``spec`` would hit calling ``func``."""
    problems: list[str] = []
    params = list(inspect.signature(func).parameters.values())
    # Bound methods drop ``self``; the reference lists it.
    if spec and spec[0]["name"] in ("self", "cls") and (not params or params[0].name not in ("self", "cls")):
        spec = spec[1:]
    by_name = {p.name: p for p in params}
    positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    has_varargs = any(p.kind is p.VAR_POSITIONAL for p in params)
    has_varkw = any(p.kind is p.VAR_KEYWORD for p in params)
    ref_positional = [p for p in spec if p["kind"] in ("POSITIONAL_ONLY", "POSITIONAL_OR_KEYWORD")]
    for index, ref in enumerate(ref_positional):
        if index < len(positional):
            mine = positional[index]
            if ref["kind"] == "POSITIONAL_OR_KEYWORD" and mine.name != ref["name"] and not has_varkw:
                problems.append(f"{where}: positional {index} is {mine.name!r}, reference {ref['name']!r}")
            if ref["default"] and mine.default is mine.empty:
                problems.append(f"{where}: {mine.name!r} needs a default (the reference has one)")
        elif not has_varargs:
            problems.append(f"{where}: no positional parameter {index} ({ref['name']!r})")
    for ref in spec:
        if ref["kind"] == "KEYWORD_ONLY":
            mine = by_name.get(ref["name"])
            if mine is None and not has_varkw:
                problems.append(f"{where}: no keyword {ref['name']!r}")
            elif mine is not None and mine.kind not in (mine.KEYWORD_ONLY, mine.POSITIONAL_OR_KEYWORD):
                problems.append(f"{where}: {ref['name']!r} cannot be passed by keyword")
            elif mine is not None and ref["default"] and mine.default is mine.empty:
                problems.append(f"{where}: {ref['name']!r} needs a default")
        if ref["kind"] == "VAR_POSITIONAL" and not has_varargs:
            problems.append(f"{where}: no *{ref['name']}")
        if ref["kind"] == "VAR_KEYWORD" and not has_varkw:
            missing = sorted((forwarded or set()) - set(by_name))
            if forwarded is None or missing:
                problems.append(f"{where}: no **{ref['name']} (missing keywords {missing})")
    ref_names = {p["name"] for p in spec} | (forwarded or set())
    for mine in params:
        if mine.name in ref_names or mine.kind in (mine.VAR_POSITIONAL, mine.VAR_KEYWORD):
            continue
        if mine.default is mine.empty:
            problems.append(f"{where}: extra required parameter {mine.name!r}")
    return problems


def check_callable(
    where: str, obj: Any, entry: dict[str, Any], forwarded: set[str] | None = None
) -> list[str]:
    kind = entry["kind"]
    func = obj
    if kind == "property":
        return (
            []
            if isinstance(obj, property | type(None)) or not callable(obj)
            else [f"{where}: not a property"]
        )
    if kind == "coroutine" and not inspect.iscoroutinefunction(func):
        return [f"{where}: the reference's is a coroutine function, ours is not"]
    if kind in ("function", "contextmanager", "asynccontextmanager") and inspect.iscoroutinefunction(func):
        return [f"{where}: ours is a coroutine function, the reference's is not"]
    return check_signature(where, func, entry["params"], forwarded)


def _base_keywords(module: str, entry: dict[str, Any]) -> set[str]:
    """Keywords a reference ``__init__(self, **kwargs)`` forwards to its base class."""
    for base in entry.get("bases", []):
        for names in SURFACE["modules"].values():
            parent = names.get(base)
            if parent and parent["kind"] == "class" and "__init__" in parent["members"]:
                return _kw_params(parent["members"]["__init__"]["params"]) - {"self", "prefix"}
    return set()


def check_class(module: str, name: str, cls: type, entry: dict[str, Any]) -> list[str]:
    where = f"{ours(module)}.{name}"
    problems: list[str] = []
    if not isinstance(cls, type):
        return [f"{where}: not a class"]
    for member, spec in entry["members"].items():
        if not hasattr(cls, member):
            problems.append(f"{where}.{member}: missing")
            continue
        raw = inspect.getattr_static(cls, member)
        if spec["kind"] == "property":
            if not isinstance(raw, property):
                problems.append(f"{where}.{member}: the reference's is a property")
            continue
        forwarded = _base_keywords(module, entry) if spec.get("kwargs_forwarded_to_super") else None
        problems.extend(check_callable(f"{where}.{member}", getattr(cls, member), spec, forwarded))
    for attribute in entry["attributes"]:
        if not hasattr(cls, attribute) and not _is_model_field(cls, attribute):
            problems.append(f"{where}.{attribute}: class attribute missing")
    if entry["instance_attributes"]:
        instance = INSTANCES.get(name, lambda c: c())(cls)
        for attribute in entry["instance_attributes"]:
            if attribute not in dir(instance) and attribute not in vars(type(instance)):
                problems.append(f"{where}().{attribute}: instance attribute missing")
    return problems


def _is_model_field(cls: type, name: str) -> bool:
    meta = getattr(cls, "_meta", None)
    return meta is not None and any(f.name == name for f in meta.get_fields())


#: How to build an instance of a reference class whose ``__init__`` needs arguments.
INSTANCES: dict[str, Any] = {"SettingsProxy": lambda cls: cls({})}


@pytest.mark.parametrize("module", _modules())
def test_every_reference_module_imports(module: str) -> None:
    path = ours(module)
    if listed(path):
        return
    importlib.import_module(path)


@pytest.mark.parametrize(
    ("module", "name", "entry"), _entries(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_every_public_name_is_compatible(module: str, name: str, entry: dict[str, Any]) -> None:
    path = f"{ours(module)}.{name}"
    if listed(path):
        return
    try:
        obj = getattr(importlib.import_module(ours(module)), name)
    except (ImportError, AttributeError) as exc:
        pytest.fail(f"{path} does not import ({exc}); add it or list it under 'Not provided'")
    kind = entry["kind"]
    problems: list[str] = []
    if kind == "reexport":
        target = ours(entry["target"])
        if _resolve(target) is not obj:
            problems.append(f"{path} is not {target}")
    elif kind == "class":
        problems = check_class(module, name, obj, entry)
    elif kind in ("function", "coroutine", "contextmanager", "asynccontextmanager"):
        problems = check_callable(path, obj, entry)
    assert not problems, "\n".join(problems)


def test_the_snapshot_covers_the_reference_package() -> None:
    """A sanity floor: the snapshot lists every module of 0.7.0's core (24) and its managers."""
    assert len(SURFACE["modules"]) == 24
    assert set(SURFACE["modules"]["codex_django.core.redis"]) >= {
        "StaticContentManager",
        "get_default_redis_manager",
    }


def test_the_signature_check_catches_incompatible_shapes() -> None:
    """The checker itself can fail: each of these breaks a call written against the reference."""
    spec = [
        {"name": "page_key", "kind": "POSITIONAL_OR_KEYWORD", "default": False},
        {"name": "timeout", "kind": "KEYWORD_ONLY", "default": True},
    ]

    def renamed(key: str, *, timeout: int = 1) -> None: ...

    def required_timeout(page_key: str, *, timeout: int) -> None: ...

    def extra_required(page_key: str, language: str, *, timeout: int = 1) -> None: ...

    def fine(page_key: str, *, timeout: int = 1, language: str | None = None) -> None: ...

    assert check_signature("f", renamed, spec)
    assert check_signature("f", required_timeout, spec)
    assert check_signature("f", extra_required, spec)
    assert check_signature("f", fine, spec) == []
