"""All of a valid file in one write transaction, as batched ``UNWIND $rows … MERGE``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from connectors import feed
from graph import cypher, rollups
from graph.db import Graph
from graph.ingest.plan import Plan

BATCH = 10_000

COUNTERS = (
    "nodes_created",
    "nodes_deleted",
    "relationships_created",
    "relationships_deleted",
    "properties_set",
)


def batches(plan: Plan) -> int:
    return sum((len(s.rows) + BATCH - 1) // BATCH for s in plan.steps)


def write(graph: Graph, plan: Plan, advance: Callable[[int], None] | None = None) -> dict[str, int]:
    """Run every step of ``plan`` in one transaction; the counters of what changed."""
    totals: Counter[str] = Counter()
    with graph.transaction() as tx:
        for step in plan.steps:
            query = cypher.load(step.statement)
            for start in range(0, len(step.rows), BATCH):
                chunk = step.rows[start : start + BATCH]
                counters = tx.run(query, rows=chunk).consume().counters
                for name in COUNTERS:
                    totals[name] += getattr(counters, name)
                if advance:
                    advance(1)
        feed.record_plan(tx, plan)  # change events, in the same transaction (connectors)
        rollups.refresh_plan(tx, plan)  # statistics roll-ups of the touched institutions
    return {name: totals[name] for name in COUNTERS}
