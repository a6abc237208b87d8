#!/usr/bin/env bash
# Container start-up: wait for the database, migrate (one replica at a time), compile messages when
# missing, seed the demo on request, collect static files, then hand over to the command (gunicorn).
#
# Flags (environment): RUN_MIGRATIONS=1 (0 skips migrate), SEED_DEMO=0 (1 runs seed_demo),
# COLLECT_STATIC=1 (0 skips collectstatic), DB_WAIT_TIMEOUT=60 (seconds to wait for the database).
set -euo pipefail

cd "$(dirname "$0")/.."

log() {
  printf '[entrypoint] %s\n' "$*"
}

# True when some .po catalogue has no compiled .mo beside it (the image compiles them at build time).
messages_missing() {
  local po
  while IFS= read -r -d '' po; do
    [ -f "${po%.po}.mo" ] || return 0
  done < <(find . \( -name .venv -o -name .git -o -name node_modules \) -prune -o -name '*.po' -print0)
  return 1
}

python docker/wait_for_db.py

if [ "${RUN_MIGRATIONS:-1}" = "1" ]; then
  log "migrate"
  python docker/run_locked.py migrate --noinput
fi

if messages_missing; then
  log "compilemessages"
  python manage.py compilemessages --verbosity 0 --ignore=.venv --ignore=node_modules
fi

if [ "${SEED_DEMO:-0}" = "1" ]; then
  log "seed_demo"
  python docker/run_locked.py seed_demo
fi

if [ "${COLLECT_STATIC:-1}" = "1" ]; then
  log "collectstatic"
  python manage.py collectstatic --noinput --verbosity 0
fi

log "exec $*"
exec "$@"
