"""Models of the booking feature."""
