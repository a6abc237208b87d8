"""The rule set: a stable id, a one-line explanation and the search engine's documentation for each."""

from __future__ import annotations

from dataclasses import dataclass

GSC = "https://developers.google.com/search/docs"


@dataclass(frozen=True)
class Rule:
    id: str
    summary: str
    docs: str


@dataclass(frozen=True)
class Violation:
    """One broken rule on one URL."""

    rule: str
    url: str
    detail: str

    def as_dict(self) -> dict[str, str]:
        rule = RULES[self.rule]
        return {
            "rule": self.rule,
            "url": self.url,
            "detail": self.detail,
            "summary": rule.summary,
            "docs": rule.docs,
        }


_SITEMAPS = f"{GSC}/crawling-indexing/sitemaps/build-sitemap"
_HREFLANG = f"{GSC}/specialty/international/localized-versions"
_CANONICAL = f"{GSC}/crawling-indexing/consolidate-duplicate-urls"
_REDIRECTS = f"{GSC}/crawling-indexing/301-redirects"
_ROBOTS = f"{GSC}/crawling-indexing/robots/create-robots-txt"
_SD = f"{GSC}/appearance/structured-data/intro-structured-data"
_OG = "https://ogp.me/"
_TWITTER = "https://developer.x.com/en/docs/x-for-websites/cards/overview/markup"

RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        Rule("SEO001", "robots.txt answers 200 and names at least one sitemap", _ROBOTS),
        Rule(
            "SEO002", "every sitemap answers 200 without a redirect and is well-formed sitemap XML", _SITEMAPS
        ),
        Rule("SEO003", "every sitemap <loc> answers 200 without a redirect", _SITEMAPS),
        Rule("SEO004", "every hreflang alternate answers 200 without a redirect", _HREFLANG),
        Rule("SEO005", "a page has exactly one rel=canonical link", _CANONICAL),
        Rule("SEO006", "the canonical link of an indexable page points at the page itself", _CANONICAL),
        Rule("SEO007", "the hreflang set is the site's languages plus x-default, each once", _HREFLANG),
        Rule("SEO008", "hreflang values are well-formed BCP 47 language tags (or x-default)", _HREFLANG),
        Rule("SEO009", "x-default points at the default language's version", _HREFLANG),
        Rule(
            "SEO010",
            "hreflang is reciprocal: every alternate lists the same set back (head to head)",
            _HREFLANG,
        ),
        Rule("SEO011", "the sitemap's alternates of a <loc> equal the page's head alternates", _HREFLANG),
        Rule("SEO012", "every head alternate is itself a <loc> in the sitemaps", _SITEMAPS),
        Rule("SEO013", "<html lang> is the language the page's own hreflang names", _HREFLANG),
        Rule(
            "SEO014",
            "<html dir> matches the language's direction (rtl for right-to-left languages)",
            _HREFLANG,
        ),
        Rule(
            "SEO015",
            "canonical, hreflang, sitemap, robots and og URLs use the canonical scheme and host",
            _CANONICAL,
        ),
        Rule(
            "SEO016",
            "og:title, og:type, og:url, og:image are present once, non-empty; og:url is the canonical",
            _OG,
        ),
        Rule("SEO017", "og:url, og:image and twitter:image are absolute http(s) URLs", _OG),
        Rule("SEO018", "twitter:card and twitter:title are present once and non-empty", _TWITTER),
        Rule("SEO019", "every JSON-LD block parses as a JSON object or list with @context and @type", _SD),
        Rule("SEO020", "the JSON-LD @types the project expects on a page are there", _SD),
        Rule(
            "SEO021",
            "BreadcrumbList positions run 1..n and item URLs are absolute",
            f"{GSC}/appearance/structured-data/breadcrumb",
        ),
        Rule(
            "SEO022", "<lastmod> is present where the project dates the page and equals its data", _SITEMAPS
        ),
        Rule("SEO023", "<lastmod> is the same on two consecutive requests (not the request time)", _SITEMAPS),
        Rule(
            "SEO024",
            "paginated pages (rel=next/prev) are self-canonical and answer 200",
            f"{GSC}/specialty/ecommerce/pagination-and-incremental-page-loading",
        ),
        Rule(
            "SEO025", "language-switcher links point straight at the translated URL (no redirect)", _HREFLANG
        ),
    )
}


def explain(rule_id: str) -> str:
    rule = RULES[rule_id]
    return f"{rule.id}: {rule.summary} ({rule.docs})"
