"""Orbit client."""
