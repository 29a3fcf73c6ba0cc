"""The institution–industry network as walking every in-scope patent draws it: what the
hub's roll-up reads (networks/industry_weights.cypher) must equal, for any role."""

from __future__ import annotations

from typing import Any

from graph import scope
from graph.db import Graph
from hub.auth.principal import Principal

__all__ = ["NETWORK", "Edges", "expected", "walk"]

NETWORK = """
query ($inst: String, $ind: String, $depth: Int!) {
  institutionIndustryNetwork(institutionId: $inst, industryId: $ind, depth: $depth, limit: 2000) {
    edges { source target weight }
  }
}
"""

# Every patent of an institution (its first owner) in a level-1 industry, through the
# caller's scope rule: what the network's weights must be.
WALK = """
MATCH (p:Patent)-[:IN_INDUSTRY]->(:Industry)-[:PART_OF*0..3]->(s:Industry {{level: 1}})
WHERE p.institutionId IS NOT NULL AND {rule}
  AND ($institutions IS NULL OR p.institutionId IN $institutions)
  AND ($industries IS NULL OR s.id IN $industries)
  AND ($scheme IS NULL OR s.scheme = $scheme)
RETURN p.institutionId AS source, s.id AS target, count(DISTINCT p) AS weight
"""

Edges = set[tuple[str, str, int]]


def walk(graph: Graph, who: Principal, **args: Any) -> Edges:
    query = WALK.format(rule=scope.predicate("patent", who.role))
    given = {"institutions": None, "industries": None, "scheme": None} | args
    rows = graph.read(query, scope.params(who.params()) | given)
    return {(r["source"], r["target"], r["weight"]) for r in rows}


def expected(graph: Graph, who: Principal, centre: dict[str, Any], depth: int) -> Edges:
    """The network the hub draws, hop by hop as hub/resolvers/networks.py grows it."""
    if "inst" in centre:
        first = walk(graph, who, institutions=[centre["inst"]], scheme="GBT4754")
        if depth == 1:
            return first
        return first | walk(graph, who, industries=sorted({t for _, t, _ in first}))
    section = graph.read(
        "MATCH (:Industry {id: $id})-[:PART_OF*0..3]->(s:Industry {level: 1}) "
        "RETURN s.id AS id, s.scheme AS scheme",
        {"id": centre["ind"]},
    )[0]
    first = walk(graph, who, industries=[section["id"]])
    if depth == 1:
        return first
    sources = sorted({s for s, _, _ in first})
    return first | walk(graph, who, institutions=sources, scheme=section["scheme"])
