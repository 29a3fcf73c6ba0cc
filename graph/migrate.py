"""Schema (constraints and indexes) applied idempotently, roll-ups brought to the current
shape, and emptying the graph."""

from __future__ import annotations

from graph import cypher
from graph.db import Graph
from graph.rollups import upgrade

__all__ = ["REFERENCE_LABELS", "migrate", "wipe"]

SCHEMA_FILES = ("schema/constraints", "schema/indexes", "connectors/schema")
REFERENCE_LABELS = ("Province", "Ministry", "Institution", "Industry")


def migrate(graph: Graph, *, full_text_first: bool = False) -> int:
    """Apply every schema statement (all are ``IF NOT EXISTS``) and wait for the indexes.

    ``full_text_first``: on a graph that holds data (after a bulk import), the full-text
    indexes, whose population takes longest, are created first and populate while the
    constraints and other indexes are made."""
    statements = [s for name in SCHEMA_FILES for s in cypher.statements(name)]
    if full_text_first:
        statements.sort(key=lambda s: "CREATE FULLTEXT INDEX" not in s)
    count = 0
    for statement in statements:
        graph.write(statement)
        count += 1
    graph.write("CALL db.awaitIndexes(300)")
    upgrade(graph)  # roll-ups of an older shape, which the statistics would misread
    return count


def wipe(graph: Graph, keep: tuple[str, ...] = ()) -> None:
    """Delete every node (and its relationships) without a label in ``keep``."""
    with graph.driver.session(database=graph.settings.database) as session:
        session.run(
            "MATCH (n) WHERE none(l IN labels(n) WHERE l IN $keep) "
            "CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS",
            keep=list(keep),
        ).consume()
