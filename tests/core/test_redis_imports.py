"""No import circles inside ``codex_core``, counting imports inside functions too."""

from __future__ import annotations

import ast
from pathlib import Path

import codex_core

ROOT = Path(codex_core.__file__).resolve().parent


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """Every codex_core module ``path`` imports, at any depth of its code."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        found.update(name for name in names if name in modules)
    return found


def import_graph() -> dict[str, set[str]]:
    paths = {module_name(path): path for path in ROOT.rglob("*.py")}
    modules = set(paths)
    return {name: imports_of(path, modules) - {name} for name, path in paths.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    found: list[list[str]] = []

    def visit(node: str, stack: list[str]) -> None:
        for target in sorted(graph[node]):
            if target in stack:
                found.append([*stack[stack.index(target) :], target])
            elif len(stack) < 12:
                visit(target, [*stack, target])

    for start in sorted(graph):
        visit(start, [start])
    return found


def test_codex_core_has_no_import_circle() -> None:
    graph = import_graph()
    assert "codex_core.redis.memo" in graph
    assert cycles(graph) == []


def test_the_managers_do_not_import_the_batch_reader() -> None:
    graph = import_graph()
    for name in ("codex_core.redis.managers.seo", "codex_core.redis.managers.settings"):
        assert "codex_core.redis.batch" not in graph[name]
