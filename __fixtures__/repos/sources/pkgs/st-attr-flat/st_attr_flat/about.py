__version__: str = "1.2.0"
