"""Models of the pages feature."""
