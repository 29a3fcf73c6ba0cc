"""The connectors' constraints and indexes (``graph/cypher/connectors/schema.cypher``)."""

from __future__ import annotations

from graph import cypher
from graph.db import Graph

__all__ = ["ensure"]

SCHEMA = "connectors/schema"


def ensure(graph: Graph) -> int:
    """Apply the statements (all ``IF NOT EXISTS``); the number applied."""
    count = 0
    for statement in cypher.statements(SCHEMA):
        graph.write(statement)
        count += 1
    return count
