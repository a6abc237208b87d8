"""``manage.py codex_seo_audit`` against the fake site on loopback and against a closed port."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from tests.testing.fake_site import FakeServer


@pytest.fixture(autouse=True)
def _two_languages() -> Iterator[None]:
    """The fake site speaks English and German."""
    with override_settings(LANGUAGES=[("en", "English"), ("de", "German")], LANGUAGE_CODE="en"):
        yield


def run(fake: FakeServer, *extra: str) -> str:
    out = StringIO()
    host = fake.canonical.split("://", 1)[1]
    call_command(
        "codex_seo_audit", "--base-url", fake.origin, "--canonical-host", host, "--canonical-scheme", "http",
        *extra, stdout=out,
    )  # fmt: skip
    return out.getvalue()


def test_a_conforming_site_passes(fake: FakeServer, tmp_path: Path) -> None:
    output = run(fake, "--json", str(tmp_path / "seo.json"))
    assert output == "No SEO violations (4 sitemap URLs, 6 pages checked).\n"
    assert json.loads((tmp_path / "seo.json").read_text()) == {"pages": 6, "locs": 4, "violations": []}


def test_violations_are_a_table_a_json_file_and_exit_status_1(fake: FakeServer, tmp_path: Path) -> None:
    fake.docs["/de/"].body = fake.docs["/de/"].body.replace('<html lang="de">', '<html lang="en">')
    out = StringIO()
    with pytest.raises(CommandError, match=r"^1 SEO violations$") as caught:
        call_command(
            "codex_seo_audit", "--base-url", fake.origin, "--canonical-host", fake.canonical.split("://")[1],
            "--canonical-scheme", "http", "--json", str(tmp_path / "seo.json"), stdout=out,
        )  # fmt: skip
    assert caught.value.returncode == 1
    lines = out.getvalue().splitlines()
    assert lines[0].split() == ["rule", "URL", "detail"]
    assert lines[1].split(None, 2) == [
        "SEO013",
        f"{fake.canonical}/de/",
        "<html lang='en'>, its hreflang says 'de'",
    ]
    assert lines[2] == "1 violations of 1 rules:"
    assert lines[3].startswith("  SEO013: <html lang> is the language")
    written = json.loads((tmp_path / "seo.json").read_text())
    assert [(v["rule"], v["url"]) for v in written["violations"]] == [("SEO013", f"{fake.canonical}/de/")]
    assert written["violations"][0]["docs"].startswith("https://developers.google.com/search/docs/")


def test_request_host_leaks_show_when_the_canonical_host_differs(fake: FakeServer) -> None:
    # the site names http://localhost:PORT; claiming 127.0.0.1 is canonical makes every URL off-host
    with pytest.raises(CommandError, match="SEO violations"):
        call_command(
            "codex_seo_audit", "--base-url", fake.origin, "--canonical-scheme", "http", stdout=StringIO()
        )


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_an_unreachable_host_is_a_command_error() -> None:
    port = _closed_port()
    with pytest.raises(CommandError, match=rf"^http://127.0.0.1:{port} did not answer: .*Connection refused"):
        call_command("codex_seo_audit", "--base-url", f"http://127.0.0.1:{port}", stdout=StringIO())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--base-url", "127.0.0.1:8000"],
            "--base-url must be an origin like http://127.0.0.1:8000, not '127.0.0.1:8000'",
        ),
        (
            ["--base-url", "http://x/en/"],
            "--base-url must be an origin like http://127.0.0.1:8000, not 'http://x/en'",
        ),
        (
            ["--base-url", "http://x", "--canonical-host", "a/b"],
            "--canonical-host must be a host[:port] like example.com, not 'a/b'",
        ),
        (
            ["--base-url", "http://x", "--json", "/nonexistent/dir/x.json"],
            "--json: directory /nonexistent/dir does not exist",
        ),
    ],
)
def test_bad_arguments_are_command_errors(args: list[str], message: str) -> None:
    with pytest.raises(CommandError) as caught:
        call_command("codex_seo_audit", *args, stdout=StringIO())
    assert str(caught.value) == message
