"""Wait until Django's default database answers ``SELECT 1``; ``docker/entrypoint.sh`` runs it first.

Exits 0 once the database is ready, 1 when it is still unreachable after ``--timeout`` seconds
(default: ``$DB_WAIT_TIMEOUT`` or 60), naming the last error, and 2 on a bad option. Settings come from
``$DJANGO_SETTINGS_MODULE`` (default ``demo_site.settings``).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

#: libpq's connect timeout per attempt, so a host that drops packets makes the last attempt end at
#: most this many seconds after --timeout instead of hanging.
CONNECT_TIMEOUT = 3


def wait_for_db(
    *,
    timeout: float,
    interval: float,
    connection: Any = None,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> bool:
    """Try ``SELECT 1`` every ``interval`` seconds until it answers or ``timeout`` seconds have passed.

    The last attempt runs at the deadline (the wait before it is cut short), so a database that is
    refused at once is still given the whole ``timeout``. ``connection`` defaults to Django's default
    database; ``clock`` and ``sleep`` are there for tests.
    """
    from django.db import DatabaseError

    if connection is None:
        from django.db import connection
    if connection.vendor == "postgresql":
        connection.settings_dict.setdefault("OPTIONS", {}).setdefault("connect_timeout", CONNECT_TIMEOUT)
    deadline = clock() + timeout
    while True:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        except DatabaseError as exc:
            connection.close()
            remaining = deadline - clock()
            if remaining <= 0:
                error = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                sys.stderr.write(f"wait_for_db: database not reachable after {timeout:g}s: {error}\n")
                return False
            sleep(min(interval, remaining))
        else:
            connection.close()
            return True


def _seconds(*, minimum: float, inclusive: bool) -> Callable[[str], float]:
    """An argparse type: a number of seconds above (or at) ``minimum``."""
    bound = f"{'>=' if inclusive else '>'} {minimum:g}"

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            value = float("nan")
        if not (value >= minimum if inclusive else value > minimum):  # also rejects nan
            raise argparse.ArgumentTypeError(f"must be a number of seconds {bound}, got {text!r}")
        return value

    return parse


def main(argv: list[str] | None = None) -> int:
    """Parse the options, set Django up and wait; the exit status says whether the database is ready."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--timeout",
        type=_seconds(minimum=0, inclusive=True),
        default=os.environ.get("DB_WAIT_TIMEOUT", "60"),
        help="seconds to keep trying (default: $DB_WAIT_TIMEOUT or 60)",
    )
    parser.add_argument(
        "--interval",
        type=_seconds(minimum=0, inclusive=False),
        default="1",
        help="seconds between attempts (default: 1)",
    )
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
