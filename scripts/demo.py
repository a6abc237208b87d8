"""``make demo``: migrate, seed and serve the demo site on 127.0.0.1:$PORT.

With ``REDIS_URL`` unset, a private ``redis-server`` is started when one is installed;
otherwise the site runs with Redis disabled and says so. ``DEBUG=0`` serves the site as
production would (production settings, gunicorn, whitenoise, a generated secret key kept
in ``.secret_key``, which git ignores). Ctrl-C stops everything this script started.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def say(message: str) -> None:
    print(f"[demo] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_redis(children: list[subprocess.Popen[bytes]]) -> str | None:
    binary = shutil.which("redis-server")
    if binary is None:
        return None
    port = free_port()
    workdir = tempfile.mkdtemp(prefix="codex-demo-redis-")
    proc = subprocess.Popen(
        [
            binary,
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            workdir,
        ],
        stdout=subprocess.DEVNULL,
    )
    children.append(proc)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return f"redis://127.0.0.1:{port}/0"
        except OSError:
            time.sleep(0.05)
    raise SystemExit("redis-server did not start")


def production_env(env: dict[str, str]) -> None:
    key_file = ROOT / ".secret_key"
    if "SECRET_KEY" not in env:
        if not key_file.exists():
            key_file.write_text(secrets.token_urlsafe(50))
            key_file.chmod(0o600)
        env["SECRET_KEY"] = key_file.read_text().strip()
    env["DJANGO_SETTINGS_MODULE"] = "demo_site.settings_production"
    # Served over plain HTTP on loopback: no HTTPS redirect or secure-only cookies here.
    for name in ("SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE"):
        env.setdefault(name, "0")
    env.setdefault("SECURE_HSTS_SECONDS", "0")
    env.setdefault("CANONICAL_SCHEME", "http")


def _stop_on_sigterm(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main() -> int:
    signal.signal(signal.SIGTERM, _stop_on_sigterm)  # `kill` or `timeout` cleans up like Ctrl-C
    port = os.environ.get("PORT", "8000")
    env = dict(os.environ)
    env.setdefault("CANONICAL_DOMAIN", f"127.0.0.1:{port}")
    debug = env.get("DEBUG", "1").strip().lower() not in {"0", "false", "no", "off"}
    children: list[subprocess.Popen[bytes]] = []
    try:
        if "REDIS_URL" not in env:
            url = start_redis(children)
            if url:
                env["REDIS_URL"] = url
                say(f"started a private redis-server at {url}")
            else:
                env["CODEX_REDIS_ENABLED"] = "0"
                say("redis-server is not installed: running with Redis DISABLED (reads hit the database).")
        if not debug:
            production_env(env)
            say("DEBUG=0: production settings, gunicorn, whitenoise, no debug toolbar.")

        def manage(*args: str) -> None:
            subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)

        manage("migrate", "--noinput", "--verbosity", "0")
        manage("compilemessages", "--verbosity", "0", "--ignore=.venv", "--ignore=node_modules")
        manage("seed_demo")
        if debug:
            server = [PYTHON, "manage.py", "runserver", f"127.0.0.1:{port}"]
        else:
            manage("collectstatic", "--noinput", "--verbosity", "0")
            gunicorn = str(Path(PYTHON).with_name("gunicorn"))
            server = [gunicorn, "demo_site.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "2"]
        say(f"serving http://127.0.0.1:{port}/  (admin: http://127.0.0.1:{port}/admin/) — Ctrl-C stops")
        proc = subprocess.Popen(server, cwd=ROOT, env=env)
        children.append(proc)
        return proc.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        for child in reversed(children):
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
                try:
                    child.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    child.kill()
        say("stopped.")


if __name__ == "__main__":
    sys.exit(main())
