"""Write the public surface of a codex-django release's ``core`` package as JSON.

Usage (what produced ``tests/compat/data/surface_0_7_0.json``)::

    pip download --no-deps --python-version 3.12 --ignore-requires-python \
        codex-django==0.7.0 -d /tmp/cdx
    cd /tmp/cdx && unzip -q codex_django-0.7.0-py3-none-any.whl -d src
    .venv/bin/python scripts/compat_surface.py /tmp/cdx/src > tests/compat/data/surface_0_7_0.json

The package is read with :mod:`ast`, never imported (it needs ``codex_platform`` and a
configured Django). Public means: not starting with ``_``; for an ``__init__`` module the
names of its ``__all__``; for other modules the functions, classes and constant
assignments defined there (imports and loggers are not part of the surface). For each class
its public methods, properties and class attributes, and the attributes its ``__init__``
assigns on ``self``. Signatures record each parameter's name, kind and whether it has a
default, which is what a caller depends on.
"""

from __future__ import annotations

import ast
import json
import sys
from pathlib import Path
from typing import Any

KINDS = {
    "posonly": "POSITIONAL_ONLY",
    "args": "POSITIONAL_OR_KEYWORD",
    "vararg": "VAR_POSITIONAL",
    "kwonly": "KEYWORD_ONLY",
    "kwarg": "VAR_KEYWORD",
}


def _params(node: ast.FunctionDef | ast.AsyncFunctionDef) -> list[dict[str, Any]]:
    a = node.args
    out: list[dict[str, Any]] = []
    positional = [*a.posonlyargs, *a.args]
    first_default = len(positional) - len(a.defaults)
    for i, arg in enumerate(positional):
        kind = KINDS["posonly"] if i < len(a.posonlyargs) else KINDS["args"]
        out.append({"name": arg.arg, "kind": kind, "default": i >= first_default})
    if a.vararg:
        out.append({"name": a.vararg.arg, "kind": KINDS["vararg"], "default": False})
    for arg, default in zip(a.kwonlyargs, a.kw_defaults, strict=True):
        out.append({"name": arg.arg, "kind": KINDS["kwonly"], "default": default is not None})
    if a.kwarg:
        out.append({"name": a.kwarg.arg, "kind": KINDS["kwarg"], "default": False})
    return out


def _decorators(node: ast.FunctionDef | ast.AsyncFunctionDef) -> list[str]:
    names = []
    for dec in node.decorator_list:
        target = dec.func if isinstance(dec, ast.Call) else dec
        names.append(ast.unparse(target))
    return names


def _function(node: ast.FunctionDef | ast.AsyncFunctionDef) -> dict[str, Any]:
    decorators = _decorators(node)
    kind = "function"
    if "property" in decorators:
        kind = "property"
    elif "asynccontextmanager" in decorators:
        kind = "asynccontextmanager"
    elif "contextmanager" in decorators:
        kind = "contextmanager"
    elif isinstance(node, ast.AsyncFunctionDef):
        kind = "coroutine"
    entry: dict[str, Any] = {"kind": kind, "params": _params(node)}
    if node.name == "__init__":
        forwarded = _forwarded_kwargs(node)
        if forwarded:
            entry["kwargs_forwarded_to_super"] = True
    return entry


def _forwarded_kwargs(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    kwarg = node.args.kwarg.arg if node.args.kwarg else None
    if kwarg is None:
        return False
    for call in ast.walk(node):
        if (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute)
            and call.func.attr == "__init__"
            and any(
                k.arg is None and isinstance(k.value, ast.Name) and k.value.id == kwarg for k in call.keywords
            )
        ):
            return True
    return False


def _is_logger(value: ast.expr) -> bool:
    return isinstance(value, ast.Call) and ast.unparse(value.func).endswith("getLogger")


def _class(node: ast.ClassDef) -> dict[str, Any]:
    members: dict[str, Any] = {}
    attributes: list[str] = []
    instance_attributes: list[str] = []
    for item in node.body:
        if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
            if item.name.startswith("_") and item.name not in {"__init__", "__getattr__", "__getitem__"}:
                continue
            members[item.name] = _function(item)
            if item.name == "__init__":
                for sub in ast.walk(item):
                    if isinstance(sub, ast.Assign):
                        for target in sub.targets:
                            if (
                                isinstance(target, ast.Attribute)
                                and isinstance(target.value, ast.Name)
                                and target.value.id == "self"
                                and not target.attr.startswith("_")
                            ):
                                instance_attributes.append(target.attr)
        elif isinstance(item, ast.Assign | ast.AnnAssign):
            targets = item.targets if isinstance(item, ast.Assign) else [item.target]
            attributes.extend(t.id for t in targets if isinstance(t, ast.Name) and not t.id.startswith("_"))
    return {
        "kind": "class",
        "bases": [ast.unparse(b) for b in node.bases],
        "members": members,
        "attributes": sorted(set(attributes)),
        "instance_attributes": sorted(set(instance_attributes)),
    }


def _module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _all(tree: ast.Module) -> list[str] | None:
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
        ):
            value = ast.literal_eval(node.value)
            return [str(v) for v in value]
    return None


def _imports(tree: ast.Module, module: str, is_package: bool) -> dict[str, str]:
    """``{local name: "module.name"}`` of the module's ``from … import …`` statements."""
    found: dict[str, str] = {}
    package = module if is_package else module.rpartition(".")[0]
    for node in tree.body:
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package
                for _ in range(node.level - 1):
                    anchor = anchor.rpartition(".")[0]
                base = f"{anchor}.{base}" if base else anchor
            for alias in node.names:
                found[alias.asname or alias.name] = f"{base}.{alias.name}"
    return found


def surface(root: Path) -> dict[str, Any]:
    modules: dict[str, Any] = {}
    for path in sorted((root / "codex_django" / "core").rglob("*.py")):
        module = _module_name(root, path)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names: dict[str, Any] = {}
        exported = _all(tree)
        if exported is not None:
            imports = _imports(tree, module, path.name == "__init__.py")
            for name in exported:
                names[name] = {"kind": "reexport", "target": imports.get(name, f"{module}.{name}")}
        for node in tree.body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and not node.name.startswith("_"):
                names[node.name] = _function(node)
            elif isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
                names[node.name] = _class(node)
            elif isinstance(node, ast.Assign) and not _is_logger(node.value):
                for target in node.targets:
                    if isinstance(target, ast.Name) and not target.id.startswith("_"):
                        names[target.id] = {"kind": "attribute"}
        modules[module] = names
    return {"package": "codex-django", "version": "0.7.0", "root": "codex_django.core", "modules": modules}


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    json.dump(surface(Path(argv[1])), sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
