"""Orbit umbrella package."""
