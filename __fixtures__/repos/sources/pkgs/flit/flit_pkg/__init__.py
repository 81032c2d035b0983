"""A flit package: the docstring is its description."""

__version__ = "1.2.0"
