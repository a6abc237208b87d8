"""Static-page SEO: read-through selectors and cache invalidation on writes.

``from codex_core.seo import get_static_page_seo`` works as in the reference.
"""

from codex_core.seo.selectors import aget_static_page_seo, get_static_page_seo, serialize_static_page_seo

__all__ = ["aget_static_page_seo", "get_static_page_seo", "serialize_static_page_seo"]
