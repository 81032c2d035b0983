"""Versioned by git tags (setuptools-scm)."""
