"""Run one management command while holding a PostgreSQL advisory lock, so replicas take turns.

``python docker/run_locked.py migrate --noinput``: when several web containers start at once, the
first one migrates (or seeds) while the others wait on the lock, then find nothing left to do. The
lock lives on a connection of its own, so the command may open and close connections freely; it is
released when that connection closes, even if the command fails. Other database engines serve a
single container here and run the command without a lock.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

#: The advisory lock key shared by every replica ("codex" in ASCII).
LOCK_ID = 0x636F646578


def main(argv: list[str] | None = None) -> int:
    """Run ``manage.py <argv>`` under the lock; the exit status is the command's."""
    args = sys.argv[1:] if argv is None else argv
    if not args:
        sys.stderr.write("usage: run_locked.py COMMAND [ARGS...]\n")
        return 2
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "demo_site.settings")
    import django
    from django.core.management import execute_from_command_line
    from django.db import DEFAULT_DB_ALIAS, connections

    django.setup()
    lock_connection = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        if lock_connection.vendor == "postgresql":
            with lock_connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_lock(%s)", [LOCK_ID])
        try:
            execute_from_command_line(["manage.py", *args])
        except SystemExit as exc:  # CommandError: Django has printed it, keep its status
            return exc.code if isinstance(exc.code, int) else 1
    finally:
        lock_connection.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
