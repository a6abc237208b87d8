"""Inject realistic SEO, i18n and cache bugs one at a time and see whether ``make e2e`` catches them.

Each mutation is a literal text replacement in one file of a temporary copy of the repository
(tracked files plus the compiled ``.mo`` catalogues); the browser suite then runs in that copy with
this checkout's ``.venv`` (``-x``: the first failure is enough). A mutation is *caught* when the suite
fails. Prints one line per mutation, the score and the time of an unmutated run; ``--json FILE``
writes the same. Usage::

    .venv/bin/python scripts/seo_mutations.py [--only ID ...] [--json FILE] [--no-baseline]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = ROOT / ".venv" / "bin" / "python"


@dataclass(frozen=True)
class Mutation:
    id: str
    kind: str
    what: str
    path: str
    old: str
    new: str


MUTATIONS = (
    Mutation(
        "robots-request-host",
        "host",
        "robots.txt names the sitemap on the request's host",
        "features/pages/views.py",
        "f\"Sitemap: {canonical_url(reverse('sitemap_index'))}\"",
        "f\"Sitemap: {request.build_absolute_uri(reverse('sitemap_index'))}\"",
    ),
    Mutation(
        "sitemap-request-host",
        "host",
        "sitemaps use Django's domain (the request's host)",
        "codex_core/sitemaps.py",
        "        domain = get_config().canonical_domain\n        if _debug_without_domain():",
        "        domain = get_config().canonical_domain\n        if True:",
    ),
    Mutation(
        "sitemap-https",
        "scheme",
        "sitemaps hard-code https",
        "codex_core/sitemaps.py",
        "return self.protocol or get_config().canonical_scheme",
        'return self.protocol or "https"',
    ),
    Mutation(
        "og-image-relative",
        "social",
        "og:image and twitter:image left as root-relative paths",
        "features/pages/head.py",
        'return canonical_url(url if url.startswith("/") else f"/{url}")',
        'return url if url.startswith("/") else f"/{url}"',
    ),
    Mutation(
        "ld-request-host",
        "host",
        "JSON-LD mainEntityOfPage built from the request's host",
        "features/articles/meta.py",
        '"mainEntityOfPage": canonical_url(article.get_absolute_url()),',
        '"mainEntityOfPage": "http://127.0.0.1" + article.get_absolute_url(),',
    ),
    Mutation(
        "sitemap-x-default-django",
        "hreflang",
        "sitemap x-default on the unprefixed URL, as Django builds it",
        "codex_core/sitemaps.py",
        '            loc = f"{protocol}://{domain}{self._location((obj, default))}"',
        '            loc = f"{protocol}://{domain}{self._location((obj, default))[3:]}"',  # drops /en
    ),
    Mutation(
        "head-no-x-default",
        "hreflang",
        "head alternates lose x-default",
        "codex_core/i18n/urls.py",
        '    links[-1] = ("x-default", links[-1][1])\n    return links',
        "    return links[:-1]",
    ),
    Mutation(
        "switcher-same-slug",
        "i18n",
        "switcher keeps the current slug under the other language's prefix",
        "templates/includes/language_switcher.html",
        'href="{% translate_url code %}"',
        "href=\"/{{ code }}/{{ request.path|slice:'4:' }}\"",
    ),
    Mutation(
        "switcher-drops-page",
        "i18n",
        "switcher drops ?page=N",
        "codex_core/i18n/urls.py",
        '    return f"{path}?{query}" if query else path',
        "    return path",
    ),
    Mutation(
        "paginated-canonical-page-1",
        "pagination",
        "page N canonical (and alternates) point at page 1",
        "codex_core/i18n/urls.py",
        '    if page is not None and page[1] > 1:\n        return f"{url}?{urlencode({page[0]: page[1]})}"',
        "    if page is not None and page[1] > 1:\n        return url",
    ),
    Mutation(
        "html-lang-fixed",
        "i18n",
        "<html lang> hard-coded to the default language",
        "templates/base.html",
        '<html lang="{{ LANGUAGE_CODE }}">',
        '<html lang="en">',
    ),
    Mutation(
        "lastmod-now",
        "lastmod",
        "sitemap lastmod is the request time",
        "codex_core/sitemaps.py",
        '        value: datetime | date | None = getattr(item, "updated_at", None)\n        return value',
        "        from django.utils import timezone\n\n        return timezone.now()",
    ),
    Mutation(
        "lastmod-missing",
        "lastmod",
        "static pages lose their lastmod",
        "codex_core/sitemaps.py",
        "        return {name: dates[key] for name, key in keys.items() if dates.get(key) is not None}",
        "        return {}",
    ),
    Mutation(
        "article-type",
        "json-ld",
        "Article JSON-LD typed BlogPosting",
        "features/articles/meta.py",
        '"@type": "Article",',
        '"@type": "BlogPosting",',
    ),
    Mutation(
        "seo-cache-not-invalidated",
        "cache",
        "editing a page's SEO does not invalidate its cached head",
        "codex_core/seo/invalidation.py",
        "    invalidation.invalidate_on_commit(_targets(page_keys), using=using)",
        "    return None",
    ),
    Mutation(
        "json-ld-unescaped",
        "escaping",
        "JSON-LD serialised without escaping < > &",
        "features/pages/head.py",
        "return mark_safe(text.translate(_JSON_SCRIPT_ESCAPES))",
        "return mark_safe(text)",
    ),
)


def copy_repo(target: Path) -> None:
    """Tracked files and the compiled catalogues (git ignores the ``.mo`` files)."""
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, check=True, capture_output=True).stdout
    files = [name for name in tracked.decode().split("\0") if name]
    files += [str(path.relative_to(ROOT)) for path in (ROOT / "locale").rglob("*.mo")]
    for features_mo in (ROOT / "features").rglob("*.mo"):
        files.append(str(features_mo.relative_to(ROOT)))
    for name in files:
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


def run_e2e(copy: Path) -> tuple[bool, float, str]:
    """``pytest -m e2e -x`` in ``copy``; ``(passed, seconds, last lines of output)``."""
    env = {**os.environ, "PYTHONPATH": str(copy)}
    started = time.monotonic()
    done = subprocess.run(
        [str(PYTHON), "-m", "pytest", "-m", "e2e", "-x", "-q", "-p", "no:cacheprovider"],
        cwd=copy, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-3:])
    return done.returncode == 0, time.monotonic() - started, tail


def mutate(copy: Path, mutation: Mutation) -> None:
    path = copy / mutation.path
    text = path.read_text(encoding="utf-8")
    if text.count(mutation.old) != 1:
        raise SystemExit(f"{mutation.id}: expected exactly one {mutation.old!r} in {mutation.path}")
    path.write_text(text.replace(mutation.old, mutation.new), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="*", help="mutation ids to run")
    parser.add_argument("--json", dest="json_file", help="write the results to this file")
    parser.add_argument("--no-baseline", action="store_true", help="skip the unmutated run")
    args = parser.parse_args()
    chosen = [m for m in MUTATIONS if not args.only or m.id in args.only]
    results: dict[str, object] = {"mutations": []}
    with tempfile.TemporaryDirectory(prefix="codex-mutations-") as tmp:
        pristine = Path(tmp) / "pristine"
        copy_repo(pristine)
        if not args.no_baseline:
            passed, seconds, tail = run_e2e(pristine)
            print(f"baseline: {'green' if passed else 'RED'} in {seconds:.0f} s", flush=True)
            results["baseline"] = {"passed": passed, "seconds": round(seconds, 1)}
            if not passed:
                print(tail)
                return 2
        for mutation in chosen:
            copy = Path(tmp) / mutation.id
            shutil.copytree(pristine, copy)
            mutate(copy, mutation)
            passed, seconds, tail = run_e2e(copy)
            verdict = "survived" if passed else "caught"
            print(
                f"{mutation.id:<28} {mutation.kind:<10} {verdict:<8} {seconds:5.0f} s  {mutation.what}",
                flush=True,
            )
            if not passed:
                print("    " + tail.replace("\n", "\n    "), flush=True)
            results["mutations"].append(  # type: ignore[attr-defined]
                {"id": mutation.id, "kind": mutation.kind, "what": mutation.what, "caught": not passed,
                 "seconds": round(seconds, 1), "output": tail}
            )  # fmt: skip
            shutil.rmtree(copy)
    caught = sum(1 for m in results["mutations"] if m["caught"])  # type: ignore[attr-defined, index]
    print(f"score: {caught}/{len(chosen)} caught ({100 * caught / max(len(chosen), 1):.0f}%)")
    if args.json_file:
        Path(args.json_file).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
