"""Models of the site_settings feature."""
