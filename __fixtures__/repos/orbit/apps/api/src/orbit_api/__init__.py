"""Orbit HTTP API."""
