"""``manage.py codex_seo_audit --base-url URL``: the SEO conformance kit against a running site."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.core.management.base import BaseCommand, CommandError

from codex_core.testing.audit import run_audit
from codex_core.testing.django import site_spec
from codex_core.testing.fetch import FetchError


class Command(BaseCommand):
    help = (
        "Crawl a running site from robots.txt through its sitemaps and check every page against the SEO "
        "conformance rules; prints the violations and exits with status 1 when there are any."
    )

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "--base-url", required=True, help="where to send requests, e.g. http://127.0.0.1:8000"
        )
        parser.add_argument(
            "--canonical-host", help="host the site must name in canonical URLs (default: CANONICAL_DOMAIN)"
        )
        parser.add_argument(
            "--canonical-scheme", choices=("http", "https"), help="default: CODEX_CANONICAL_SCHEME"
        )
        parser.add_argument("--json", dest="json_file", help="also write the violations to this JSON file")

    def handle(self, *args: Any, **options: Any) -> None:
        base_url = str(options["base_url"]).rstrip("/")
        parts = urlsplit(base_url)
        if parts.scheme not in {"http", "https"} or not parts.netloc or parts.path or parts.query:
            raise CommandError(f"--base-url must be an origin like http://127.0.0.1:8000, not {base_url!r}")
        host = options["canonical_host"]
        if host is not None and (not host or "/" in host or urlsplit(f"//{host}").netloc != host):
            raise CommandError(f"--canonical-host must be a host[:port] like example.com, not {host!r}")
        json_file = Path(options["json_file"]) if options["json_file"] else None
        if json_file is not None and not json_file.parent.is_dir():
            raise CommandError(f"--json: directory {json_file.parent} does not exist")
        spec = site_spec(base_url, canonical_host=host, scheme=options["canonical_scheme"])
        try:
            report = run_audit(spec)
        except FetchError as error:
            raise CommandError(f"{base_url} did not answer: {error}") from error
        self.stdout.write(report.table())
        if json_file is not None:
            json_file.write_text(report.as_json() + "\n", encoding="utf-8")
        if report.violations:
            raise CommandError(f"{len(report.violations)} SEO violations", returncode=1)
