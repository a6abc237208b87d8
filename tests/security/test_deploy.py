"""Production settings, each loaded in a fresh process: deploy checks, secrets, toolbar, headers."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = "demo_site.settings_production"
#: Only these pass from the test session into the probed processes: the session (and other test
#: modules, e.g. the e2e conftest's DJANGO_ALLOW_ASYNC_UNSAFE) must not decide what is probed.
#: Six Django start-ups run at once on a shared 2-core machine: seconds each, so this is a hang guard.
TIMEOUT = 180
PASSED_ENV = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "VIRTUAL_ENV", "PYTHONPATH", "CI")


def run(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k in PASSED_ENV}
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )


SECRET_KEY = secrets.token_urlsafe(50)
PROBE_ENV = {
    "DATABASE_URL": "sqlite://:memory:",
    "REDIS_URL": "redis://127.0.0.1:9/0",
    "ALLOWED_HOSTS": "testserver",
}

#: Every process this module inspects; they start together (each pays Django's start-up).
JOBS: dict[str, tuple[list[str], dict[str, str]]] = {
    "deploy": (
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING", f"--settings={PRODUCTION}"],
        {"SECRET_KEY": SECRET_KEY, "ALLOWED_HOSTS": "codex.example.com"},
    ),
    "no_secret": (["-c", f"import {PRODUCTION}"], {}),
    "debug_on_in_production": (["-c", f"import {PRODUCTION}"], {"SECRET_KEY": SECRET_KEY, "DEBUG": "1"}),
    "dev_debug_off": (
        ["-m", "tests.security.probe"],
        {**PROBE_ENV, "DJANGO_SETTINGS_MODULE": "demo_site.settings", "DEBUG": "0"},
    ),
    "dev_debug_on": (
        ["-m", "tests.security.probe", "--no-requests"],
        {**PROBE_ENV, "DJANGO_SETTINGS_MODULE": "demo_site.settings", "DEBUG": "1"},
    ),
    "production": (
        ["-m", "tests.security.probe"],
        {**PROBE_ENV, "DJANGO_SETTINGS_MODULE": PRODUCTION, "SECRET_KEY": SECRET_KEY},
    ),
}


@pytest.fixture(scope="module")
def done() -> dict[str, subprocess.CompletedProcess[str]]:
    with ThreadPoolExecutor(max_workers=len(JOBS)) as pool:
        futures = {name: pool.submit(run, args, **env) for name, (args, env) in JOBS.items()}
        return {name: future.result() for name, future in futures.items()}


def probe(done: dict[str, subprocess.CompletedProcess[str]], name: str) -> dict[str, Any]:
    """What ``tests.security.probe`` printed for job ``name``."""
    result = done[name]
    assert result.returncode == 0, result.stderr
    return dict(json.loads(result.stdout))


def test_production_settings_pass_the_deploy_checks_at_warning_level(
    done: dict[str, subprocess.CompletedProcess[str]],
) -> None:
    result = done["deploy"]
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "System check identified no issues (0 silenced).\n"


def test_production_settings_without_secret_key_refuse_to_load(
    done: dict[str, subprocess.CompletedProcess[str]],
) -> None:
    result = done["no_secret"]
    assert result.returncode != 0
    assert result.stderr.endswith(
        "django.core.exceptions.ImproperlyConfigured: "
        "The environment variable SECRET_KEY must be set in production.\n"
    )


def test_production_settings_refuse_debug_on(done: dict[str, subprocess.CompletedProcess[str]]) -> None:
    result = done["debug_on_in_production"]
    assert result.returncode != 0
    assert result.stderr.endswith(
        "ImproperlyConfigured: demo_site.settings_production needs DEBUG off; unset DEBUG or set DEBUG=0.\n"
    )


def test_debug_toolbar_and_redis_panel_are_absent_when_debug_is_off(
    done: dict[str, subprocess.CompletedProcess[str]],
) -> None:
    seen = probe(done, "dev_debug_off")
    assert seen["DEBUG"] is False
    assert "debug_toolbar" not in seen["INSTALLED_APPS"]
    assert not [m for m in seen["MIDDLEWARE"] if "debug_toolbar" in m]
    assert seen["panels"] == []
    assert seen["debug_panel_imported"] is False
    assert seen["debug_url_resolves"] is False
    assert seen["responses"]["debug"]["status"] == 404
    assert seen["responses"]["home"]["status"] == 200
    assert seen["responses"]["home"]["has_toolbar"] is False


def test_debug_toolbar_is_there_when_debug_is_on(done: dict[str, subprocess.CompletedProcess[str]]) -> None:
    """The control case: the same probe does see the toolbar in development."""
    seen = probe(done, "dev_debug_on")
    assert "debug_toolbar" in seen["INSTALLED_APPS"]
    assert seen["MIDDLEWARE"][0] == "debug_toolbar.middleware.DebugToolbarMiddleware"
    assert "demo_site.debug_panel.CodexRedisPanel" in seen["panels"]
    assert seen["debug_url_resolves"] is True


EXPECTED_CSP = {
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
}


@pytest.mark.parametrize("name", ["home", "debug", "admin"])
def test_production_responses_carry_the_security_headers(
    done: dict[str, subprocess.CompletedProcess[str]], name: str
) -> None:
    response = probe(done, "production")["responses"][name]
    headers = response["headers"]
    assert response["status"] == {"home": 200, "debug": 404, "admin": 302}[name]
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert set(headers["Content-Security-Policy"].split("; ")) == EXPECTED_CSP


def test_production_admin_requires_login_and_plain_http_is_redirected_to_https(
    done: dict[str, subprocess.CompletedProcess[str]],
) -> None:
    seen = probe(done, "production")
    assert seen["responses"]["admin"]["headers"]["Location"] == "/admin/login/?next=/admin/"
    plain = seen["responses"]["plain_http"]
    assert plain["status"] == 301
    assert plain["headers"]["Location"] == "https://testserver/en/"
