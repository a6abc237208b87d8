"""Models of the notifications feature."""
