"""Server-side xlsx exports of the console's tables (``POST``/``GET /export``)."""

__all__: list[str] = []
