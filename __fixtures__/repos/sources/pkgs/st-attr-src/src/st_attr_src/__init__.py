"""Version in a src layout, read by setuptools without importing."""

__version__ = '1.2.0'  # bumped by pyship
