"""``make lighthouse``: Lighthouse (mobile preset) on six pages of a running demo.

    DEBUG=0 make demo                              # in one terminal (production mode)
    BASE_URL=http://127.0.0.1:8000 make lighthouse  # in another

Audits home, an article, the article list, a master page, contacts and the Arabic (right-to-left)
article with the Lighthouse CLI
pinned in ``tools/lighthouse/package-lock.json``, in headless Debian Chromium
(``CHROME_PATH``, default ``/usr/bin/chromium``). Prints the four category scores per page,
writes them to ``test-artifacts/lighthouse/scores.json`` (with each full report next to it) and
exits 1 when a page misses a target: performance 0.95, accessibility, best practices and SEO 1.0.
Each page is audited ``LIGHTHOUSE_RUNS`` times (default 3) and the median of each score is
reported, as Lighthouse's documentation advises against one noisy run. Only loopback URLs are
audited. Not part of ``make test``: the scores depend on the machine.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
CLI = ROOT / "tools" / "lighthouse" / "node_modules" / "lighthouse" / "cli" / "index.js"
OUT = ROOT / "test-artifacts" / "lighthouse"
#: page name -> path on the demo (seeded by ``seed_demo``).
PAGES = {
    "home": "/en/",
    "article": "/en/articles/keeping-a-beard-soft-between-visits/",
    "article-list": "/en/articles/",
    "master": "/en/masters/anna-schmidt/",
    "contacts": "/en/contacts/",
    # Right to left, Arabic-script path: /ar/مقالات/لحية-ناعمة-بين-زيارتين/, percent-encoded.
    "article-ar": "/ar/" + quote("مقالات") + "/" + quote("لحية-ناعمة-بين-زيارتين") + "/",
}
TARGETS = {"performance": 0.95, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def audit(url: str, report: Path) -> dict[str, float]:
    """Run Lighthouse on ``url`` (mobile is its default form factor); the category scores."""
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    command = [
        "node",
        str(CLI),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        "--only-categories=performance,accessibility,best-practices,seo",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
    ]
    # On a loaded machine Chromium now and then loses the trace (NO_NAVSTART): one more try.
    if subprocess.run(command, env=env, timeout=300, check=False).returncode != 0:
        subprocess.run(command, env=env, timeout=300, check=True)
    categories = json.loads(report.read_text(encoding="utf-8"))["categories"]
    return {name: float(categories[name]["score"] or 0) for name in TARGETS}


def main() -> int:
    base = os.environ.get("BASE_URL", "http://127.0.0.1:8000").rstrip("/")
    if urlsplit(base).hostname not in LOOPBACK:
        print(f"BASE_URL must be a loopback URL (127.0.0.1, localhost), got {base!r}.", file=sys.stderr)
        return 2
    if not CLI.exists():
        print(
            "Lighthouse is not installed: run `make lighthouse` (npm ci in tools/lighthouse).",
            file=sys.stderr,
        )
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    runs = int(os.environ.get("LIGHTHOUSE_RUNS", "3"))
    if not 1 <= runs <= 9:
        print(f"LIGHTHOUSE_RUNS must be a whole number from 1 to 9, got {runs}.", file=sys.stderr)
        return 2
    scores = {}
    for name, path in PAGES.items():
        results = [audit(base + path, OUT / f"{name}-{run}.json") for run in range(1, runs + 1)]
        scores[name] = {category: statistics.median(r[category] for r in results) for category in TARGETS}
    (OUT / "scores.json").write_text(json.dumps(scores, indent=2) + "\n", encoding="utf-8")
    print(f"{'page':<14}" + "".join(f"{name:>16}" for name in TARGETS))
    misses = []
    for page, result in scores.items():
        print(f"{page:<14}" + "".join(f"{result[name]:>16.2f}" for name in TARGETS))
        misses += [
            f"{page} {name} {result[name]:.2f} < {target}"
            for name, target in TARGETS.items()
            if result[name] < target
        ]
    for miss in misses:
        print(f"below target: {miss}", file=sys.stderr)
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
