"""hvcs."""
