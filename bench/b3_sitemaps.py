"""B3 — sitemaps at scale: codex_core's ``ArticleSitemap`` vs plain Django on the same articles.

The baseline is ``django.contrib.sitemaps.Sitemap`` with ``i18n``, ``alternates`` and
``x_default`` on, the same items and ``lastmod``: Django resolves an item's URL once for
its own entry and again for every alternate, where ``BaseSitemap`` resolves it once per
language. Both are served by Django's ``index`` and ``sitemap`` views and rendered; the
outputs are compared byte for byte, so the speed-up cannot come from doing less.
"""

from __future__ import annotations

import re
import time
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpRequest
from django.test import RequestFactory

SLUG_PREFIX = "bench-sitemap-"
MAX_URLS, MAX_BYTES = 50_000, 50 * 1024 * 1024
# Plain Django points x-default at the unprefixed path (which this site redirects); codex_core
# at the default language's URL. Outputs are compared with those links left out.
X_DEFAULT = re.compile(rb'<xhtml:link rel="alternate" hreflang="x-default" href="[^"]*"/>')


class PlainArticleSitemap(Sitemap):  # type: ignore[type-arg]
    """The baseline: plain Django, as a project without codex_core would write it."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "weekly"
    priority = 0.6

    def items(self) -> Any:
        from features.articles.selectors import article_list_public

        return article_list_public()

    def lastmod(self, item: Any) -> datetime:
        return item.updated_at  # type: ignore[no-any-return]


Sections = dict[str, "type[Sitemap[Any]] | Sitemap[Any]"]


def _sitemaps() -> dict[str, Sections]:
    from features.articles.sitemaps import ArticleSitemap

    return {"ours": {"articles": ArticleSitemap}, "plain": {"articles": PlainArticleSitemap}}


def create_articles(count: int, *, start: int = 0) -> None:
    """Bulk-insert ``count`` public articles numbered from ``start``, every language filled."""
    from django.utils import translation

    from features.articles.models import Article

    base = datetime(2025, 1, 1, tzinfo=UTC)
    batch: list[Article] = []
    with translation.override("en"):
        for n in range(start, start + count):
            values: dict[str, Any] = {"is_active": True, "is_deleted": False, "order": 0}
            for lang in ("en", "de", "ru"):
                values[f"slug_{lang}"] = f"{SLUG_PREFIX}{n}-{lang}"
                values[f"title_{lang}"] = f"Bench article {n} [{lang}]"
                values[f"summary_{lang}"] = f"Summary {n} [{lang}]"
                values[f"body_{lang}"] = f"Body {n} [{lang}]"
            batch.append(Article(published_at=base + timedelta(minutes=n), **values))
            if len(batch) == 2000:
                Article.objects.bulk_create(batch)
                batch = []
        Article.objects.bulk_create(batch)


def delete_articles() -> None:
    """Remove every article :func:`create_articles` made."""
    from features.articles.models import Article

    Article.objects.filter(slug_en__startswith=SLUG_PREFIX).delete()


def _request(factory: RequestFactory, path: str, data: dict[str, Any] | None = None) -> HttpRequest:
    from codex_core.conf import get_config

    # The canonical host, so plain Django (which uses the request's host) emits the same URLs.
    return factory.get(path, data or {}, HTTP_HOST=get_config().canonical_domain or "127.0.0.1")


def _measure(render: Callable[[], bytes]) -> tuple[bytes, float, float]:
    """``(body, seconds, peak MiB)``: one timed run, one run under tracemalloc."""
    started = time.perf_counter()
    body = render()
    seconds = time.perf_counter() - started
    tracemalloc.start()
    try:
        render()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return body, seconds, peak / 2**20


def _one_impl(sitemaps: Sections) -> dict[str, Any]:
    factory = RequestFactory()

    def index() -> bytes:
        response: Any = sitemap_views.index(
            _request(factory, "/sitemap.xml"), sitemaps, sitemap_url_name="sitemap_section"
        )
        return bytes(response.render().content)

    def section(page: int) -> Callable[[], bytes]:
        def render() -> bytes:
            request = _request(factory, "/sitemap-articles.xml", {"p": page})
            response: Any = sitemap_views.sitemap(request, sitemaps, section="articles")
            return bytes(response.render().content)

        return render

    body, seconds, peak = _measure(index)
    pages = body.count(b"<sitemap>")
    result: dict[str, Any] = {
        "index": {"seconds": round(seconds, 3), "peak_mib": round(peak, 1), "sections": pages},
        "sections": [],
    }
    bodies = []
    for page in range(1, pages + 1):
        body, seconds, peak = _measure(section(page))
        bodies.append(body)
        result["sections"].append(
            {
                "page": page,
                "seconds": round(seconds, 3),
                "peak_mib": round(peak, 1),
                "urls": body.count(b"<url>"),
                "mib": round(len(body) / 2**20, 2),
            }
        )
    result["total_seconds"] = round(
        result["index"]["seconds"] + sum(s["seconds"] for s in result["sections"]), 3
    )
    result["_bodies"] = bodies
    return result


def _met(row: dict[str, Any]) -> bool:
    return bool(row["time_ratio"] <= 0.8 and row["within_limits"] and row["same_output_but_x_default"])


def _strip(bodies: list[bytes]) -> list[bytes]:
    return [X_DEFAULT.sub(b"", body) for body in bodies]


def run(sizes: tuple[int, ...] = (1000, 10_000)) -> dict[str, Any]:
    """Measure index and section pages for each article count in ``sizes`` (ascending).

    Target: ours at most 0.8x plain Django's time; every file at most 50,000 URLs and 50 MB.
    """
    rows = []
    made = min(10, *sizes)
    create_articles(made)
    try:
        for maps in _sitemaps().values():  # warm-up: URL resolvers, templates, translations
            _one_impl(maps)
        for size in sorted(sizes):
            create_articles(size - made, start=made)
            made = size
            impls = {name: _one_impl(maps) for name, maps in _sitemaps().items()}
            ours, plain = impls["ours"], impls["plain"]
            ours_bodies, plain_bodies = ours.pop("_bodies"), plain.pop("_bodies")
            same = _strip(ours_bodies) == _strip(plain_bodies)
            limits = [s["urls"] <= MAX_URLS and s["mib"] * 2**20 <= MAX_BYTES for s in ours["sections"]]
            rows.append(
                {
                    "articles": size,
                    "languages": 3,
                    "ours": ours,
                    "plain": plain,
                    "same_output_but_x_default": same,
                    "time_ratio": round(ours["total_seconds"] / plain["total_seconds"], 3),
                    "ours_ms_per_1k_articles": round(ours["total_seconds"] * 1e6 / size, 1),
                    "plain_ms_per_1k_articles": round(plain["total_seconds"] * 1e6 / size, 1),
                    "within_limits": all(limits),
                }
            )
    finally:
        delete_articles()
    return {
        "rows": rows,
        "target": "ours <= 0.8x plain Django time; each file <= 50,000 URLs and <= 50 MB",
        "target_met": bool(rows) and all(_met(r) for r in rows),
    }
