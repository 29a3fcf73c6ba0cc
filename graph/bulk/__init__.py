"""First loads with Neo4j's offline importer (``patent-hub load bulk``)."""

__all__: list[str] = []
