"""Redis cache managers for site settings, SEO, notifications and booking."""
