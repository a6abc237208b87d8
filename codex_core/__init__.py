"""codex_core: multilingual SEO, Redis-backed caching and sitemaps for Django projects."""

__version__ = "0.1.0"
