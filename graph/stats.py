"""Node counts by label and relationship counts by type."""

from __future__ import annotations

from graph import cypher
from graph.db import Graph

__all__ = ["stats"]


def stats(graph: Graph) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {"nodes": {}, "relationships": {}}
    for row in graph.read(cypher.load("stats")):
        out[row["kind"]][row["name"]] = row["n"]
    return out
