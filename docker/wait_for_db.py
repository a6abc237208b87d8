"""Wait until Django's default database answers ``SELECT 1``; ``docker/entrypoint.sh`` runs it first.

Exits 0 once the database is ready and 1 when it is still unreachable after ``--timeout`` seconds
(default: ``$DB_WAIT_TIMEOUT`` or 60), naming the last error. Settings come from
``$DJANGO_SETTINGS_MODULE`` (default ``demo_site.settings``).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

#: libpq's connect timeout per attempt, so a host that drops packets cannot outlast --timeout.
CONNECT_TIMEOUT = 3


def wait_for_db(*, timeout: float, interval: float) -> bool:
    """Try to reach the default database until it answers or ``timeout`` seconds pass."""
    from django.db import DatabaseError, connection

    if connection.vendor == "postgresql":
        connection.settings_dict.setdefault("OPTIONS", {}).setdefault("connect_timeout", CONNECT_TIMEOUT)
    deadline = time.monotonic() + timeout
    while True:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        except DatabaseError as exc:
            connection.close()
            if time.monotonic() + interval > deadline:
                error = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                sys.stderr.write(f"wait_for_db: database not reachable after {timeout:g}s: {error}\n")
                return False
            time.sleep(interval)
        else:
            connection.close()
            return True


def main(argv: list[str] | None = None) -> int:
    """Parse the options, set Django up and wait; the exit status says whether the database is ready."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=float(os.environ.get("DB_WAIT_TIMEOUT", "60")))
    parser.add_argument("--interval", type=float, default=1.0)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "demo_site.settings")
    import django

    django.setup()
    if not wait_for_db(timeout=args.timeout, interval=args.interval):
        return 1
    sys.stdout.write("wait_for_db: database is ready\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
