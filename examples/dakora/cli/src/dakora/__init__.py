"""Dakora command-line interface.

The version lives only in cli/pyproject.toml; it is not repeated here.
"""
