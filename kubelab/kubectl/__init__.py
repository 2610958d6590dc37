"""kubectl."""
