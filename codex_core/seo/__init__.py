"""Static-page SEO: read-through selectors and cache invalidation on writes."""
