"""Dakora API server (example)."""


def health() -> dict[str, str]:
    """Liveness probe payload."""
    return {"status": "ok"}
