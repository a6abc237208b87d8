"""Shared by the tests of the repository's linters (tests/test_docker_files.py, tests/test_ci_files.py):
run a lint script, make a broken copy of a checked file, and a clean environment for the tools."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent


def missing(message: str) -> None:
    """Fail under CI (the dev extra and the machine's services must be there), skip elsewhere."""
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def run(
    *args: str | Path, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(arg) for arg in args], capture_output=True, text=True, env=env, timeout=timeout, check=False
    )


def broken_copy(source: Path, tmp_path: Path, old: str, new: str) -> Path:
    """A copy of ``source`` in ``tmp_path`` with the first ``old`` (which must be there) made ``new``."""
    original = source.read_text()
    assert old in original
    broken = tmp_path / source.name
    broken.write_text(original.replace(old, new, 1))
    return broken


def tool_env() -> dict[str, str]:
    """A clean environment, so the developer's own variables cannot change what the tools report."""
    return {
        "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "HOME": os.environ.get("HOME", "/"),
    }
