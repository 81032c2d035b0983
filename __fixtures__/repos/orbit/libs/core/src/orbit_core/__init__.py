"""Orbit core."""
