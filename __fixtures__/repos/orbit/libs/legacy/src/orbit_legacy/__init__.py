"""Orbit legacy shim."""
