"""Models of the articles feature."""
