"""What the workflow schema cannot see: unclosed ``${{ }}`` expressions and the ``run:`` scripts.

``python scripts/lint_ci_workflow.py WORKFLOW OUT_DIR`` prints ``FILE:LINE: message`` for every
expression that is not closed or whose brackets and quotes do not pair, and writes each bash
``run:`` script to OUT_DIR (one file a step, expressions blanked out as the runner would substitute
them) for ``scripts/lint_ci.sh`` to hand to shellcheck. Exits 1 on a finding.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

#: ``${{ body }}`` where the body holds no ``${{`` of its own (that one would be left unclosed).
EXPRESSION = re.compile(r"\$\{\{((?:(?!\$\{\{).)*?)\}\}", re.DOTALL)
PAIRS = {")": "(", "]": "["}


def expression_problem(expression: str) -> str | None:
    """Why the body of one ``${{ … }}`` is malformed (brackets, quotes), or None."""
    stack: list[str] = []
    quoted = False
    for char in expression:
        if char == "'":
            quoted = not quoted  # '' inside a string toggles twice: an escaped quote
        elif quoted:
            continue
        elif char in "([":
            stack.append(char)
        elif char in PAIRS and (not stack or stack.pop() != PAIRS[char]):
            return f"unmatched {char!r}"
    if quoted:
        return "unterminated string"
    if stack:
        return f"unclosed {stack[-1]!r}"
    return None


def strings(node: Any, line: int) -> Iterator[tuple[int, str]]:
    """Every string in the document with the line of the key or item holding it."""
    if isinstance(node, dict):
        for key, value in node.items():
            key_line = node.lc.key(key)[0] + 1 if hasattr(node, "lc") else line
            yield from strings(value, key_line)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from strings(value, node.lc.item(index)[0] + 1 if hasattr(node, "lc") else line)
    elif isinstance(node, str):
        yield line, node


def expression_findings(document: Any) -> Iterator[tuple[int, str]]:
    for line, text in strings(document, 1):
        for match in EXPRESSION.finditer(text):
            problem = expression_problem(match.group(1))
            if problem:
                yield line, f"expression {match.group(0)!r}: {problem}"
        rest = EXPRESSION.sub("", text)
        if "${{" in rest:
            yield line, f"expression not closed with '}}}}': {rest[rest.index('${{') :]!r}"


def bash_steps(document: Any) -> Iterator[tuple[str, int, str]]:
    """``(job id, line, script)`` of each step that the runner executes with bash."""
    for job_id, job in (document.get("jobs") or {}).items():
        default = ((job.get("defaults") or {}).get("run") or {}).get("shell", "bash")
        steps = job.get("steps") or []
        for index, step in enumerate(steps):
            if isinstance(step, dict) and "run" in step and step.get("shell", default).startswith("bash"):
                yield job_id, steps.lc.item(index)[0] + 1, str(step["run"])


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        sys.stderr.write("usage: lint_ci_workflow.py WORKFLOW OUT_DIR\n")
        return 2
    workflow, out_dir = Path(argv[0]), Path(argv[1])
    document = YAML().load(workflow.read_text())
    findings = list(expression_findings(document))
    for line, message in findings:
        sys.stderr.write(f"{workflow}:{line}: {message}\n")
    for job_id, line, script in bash_steps(document):
        blanked = EXPRESSION.sub(lambda m: "_" * len(m.group(0)), script)
        header = f"# shellcheck shell=bash\n# {workflow}:{line} (job {job_id})\nset -e\n"
        (out_dir / f"{workflow.stem}-{job_id}-line{line}.sh").write_text(header + blanked)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
