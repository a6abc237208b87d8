# shellcheck shell=bash
# Helpers of scripts/lint_*.sh, sourced (not run): the paths, `fail` and `tool`.
#
# `fail` prefixes its message with the name of the script that sourced this file (lint_ci:,
# lint_docker:); `tool` finds a linter in the project's venv first, then on PATH.

# shellcheck disable=SC2034  # root and python are used by the scripts that source this file
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python="${PYTHON:-$root/.venv/bin/python}"
bin_dir="$(dirname "$python")"

fail() {
  printf '%s: %s\n' "$(basename "$0" .sh)" "$*" >&2
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
