"""Python client for the Dakora API (example)."""


class Client:
    """Minimal client: only remembers where the server is."""

    def __init__(self, base_url: str = "http://localhost:8000") -> None:
        self.base_url = base_url.rstrip("/")

    def url(self, path: str) -> str:
        return f"{self.base_url}/{path.lstrip('/')}"
