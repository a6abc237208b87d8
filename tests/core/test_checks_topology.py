"""codex_core.E020: CODEX_REDIS_MODE, the sentinels and the cluster database, with exact messages."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.core.checks import Error
from django.test import override_settings

from codex_core import checks
from codex_core.conf import get_config, parse_address

SENTINELS_HINT = "List every sentinel as 'host:port', e.g. ['10.0.0.1:26379', '10.0.0.2:26379']."
SERVICE_HINT = "Set it to the name the sentinels monitor (the 'sentinel monitor <name> …' line)."


def e020(message: str, hint: str) -> Error:
    return Error(message, hint=hint, id="codex_core.E020")


def test_the_defaults_are_standalone_and_clean() -> None:
    assert checks.check_redis_mode() == []
    assert get_config().redis_mode == "standalone"


def test_an_unknown_mode() -> None:
    with override_settings(CODEX_REDIS_MODE="replicated"):
        assert checks.check_redis_mode() == [
            e020(
                "CODEX_REDIS_MODE 'replicated' is not one of 'standalone', 'sentinel', 'cluster'.",
                "Remove CODEX_REDIS_MODE for one Redis server, or set it to 'sentinel' or 'cluster'.",
            )
        ]


def test_sentinel_without_sentinels_or_service() -> None:
    with override_settings(CODEX_REDIS_MODE="sentinel"):
        assert checks.check_redis_mode() == [
            e020("CODEX_REDIS_MODE is 'sentinel' but CODEX_REDIS_SENTINELS is [].", SENTINELS_HINT),
            e020("CODEX_REDIS_MODE is 'sentinel' but CODEX_REDIS_SENTINEL_SERVICE is empty.", SERVICE_HINT),
        ]


def test_sentinel_with_malformed_entries() -> None:
    bad = ["127.0.0.1:26379", "nohost", "h:99999", "h:x", 26379]
    with override_settings(
        CODEX_REDIS_MODE="sentinel", CODEX_REDIS_SENTINELS=bad, CODEX_REDIS_SENTINEL_SERVICE="s"
    ):
        assert checks.check_redis_mode() == [
            e020(
                "CODEX_REDIS_MODE is 'sentinel' but CODEX_REDIS_SENTINELS has malformed entries "
                "['nohost', 'h:99999', 'h:x', 26379].",
                SENTINELS_HINT,
            )
        ]


def test_sentinel_a_string_instead_of_a_list() -> None:
    with override_settings(
        CODEX_REDIS_MODE="sentinel", CODEX_REDIS_SENTINELS="127.0.0.1:26379", CODEX_REDIS_SENTINEL_SERVICE="s"
    ):
        assert checks.check_redis_mode() == [
            e020(
                "CODEX_REDIS_MODE is 'sentinel' but CODEX_REDIS_SENTINELS is '127.0.0.1:26379'.",
                SENTINELS_HINT,
            )
        ]


def test_sentinel_well_configured() -> None:
    with override_settings(
        CODEX_REDIS_MODE="sentinel",
        CODEX_REDIS_SENTINELS=["127.0.0.1:26379", "[::1]:26380"],
        CODEX_REDIS_SENTINEL_SERVICE="codex",
    ):
        assert checks.check_redis_mode() == []
        assert get_config().redis_sentinels == (("127.0.0.1", 26379), ("::1", 26380))


@pytest.mark.parametrize("url", ["redis://127.0.0.1:7000/3", "redis://127.0.0.1:7000?db=1"])
def test_cluster_refuses_a_database_other_than_0(url: str) -> None:
    db = url[-1]
    with override_settings(CODEX_REDIS_MODE="cluster", REDIS_URL=url):
        assert checks.check_redis_mode() == [
            e020(
                f"REDIS_URL {url!r} selects database {db}; a Redis Cluster has only database 0.",
                "End REDIS_URL with /0 (or no database) in cluster mode; it may name any node.",
            )
        ]


@pytest.mark.parametrize("url", ["redis://127.0.0.1:7000/0", "redis://127.0.0.1:7000"])
def test_cluster_with_database_0(url: str) -> None:
    with override_settings(CODEX_REDIS_MODE="cluster", REDIS_URL=url):
        assert checks.check_redis_mode() == []


def test_disabled_redis_is_not_checked() -> None:
    with override_settings(CODEX_REDIS_ENABLED=False, CODEX_REDIS_MODE="nope"):
        assert checks.check_redis_mode() == []


@pytest.mark.parametrize(
    ("value", "parsed"),
    [("h:1", ("h", 1)), ("[::1]:2", ("::1", 2)), ("h:0", None), (":1", None), ("h", None), (None, None)],
)
def test_parse_address(value: object, parsed: tuple[str, int] | None) -> None:
    assert parse_address(value) == parsed


def test_the_demo_reads_the_topology_from_the_environment() -> None:
    """docker-compose's web-sentinel sets these variables; the demo's settings pass them on."""
    script = (
        "import django, json; django.setup(); from django.conf import settings; "
        "from codex_core import checks; "
        "print(json.dumps([settings.CODEX_REDIS_MODE, settings.CODEX_REDIS_SENTINELS, "
        "settings.CODEX_REDIS_SENTINEL_SERVICE, [e.id for e in checks.check_redis_mode()]]))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "demo_site.settings",
        "CODEX_REDIS_MODE": "sentinel",
        "CODEX_REDIS_SENTINELS": "sentinel-1:26379, sentinel-2:26379,sentinel-3:26379",
        "CODEX_REDIS_SENTINEL_SERVICE": "codex",
    }
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout) == [
        "sentinel",
        ["sentinel-1:26379", "sentinel-2:26379", "sentinel-3:26379"],
        "codex",
        [],
    ]
