"""Schema (constraints and indexes) applied idempotently, and emptying the graph."""

from __future__ import annotations

from graph import cypher
from graph.db import Graph

SCHEMA_FILES = ("schema/constraints", "schema/indexes", "connectors/schema")
REFERENCE_LABELS = ("Province", "Ministry", "Institution", "Industry")


def migrate(graph: Graph) -> int:
    """Apply every schema statement (all are ``IF NOT EXISTS``) and wait for the indexes."""
    count = 0
    for name in SCHEMA_FILES:
        for statement in cypher.statements(name):
            graph.write(statement)
            count += 1
    graph.write("CALL db.awaitIndexes(300)")
    return count


def wipe(graph: Graph, keep: tuple[str, ...] = ()) -> None:
    """Delete every node (and its relationships) without a label in ``keep``."""
    with graph.driver.session(database=graph.settings.database) as session:
        session.run(
            "MATCH (n) WHERE none(l IN labels(n) WHERE l IN $keep) "
            "CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS",
            keep=list(keep),
        ).consume()
