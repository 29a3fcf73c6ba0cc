"""All of a valid file in one write transaction, as batched ``UNWIND $rows …`` statements.

Records the graph already holds unchanged were dropped by the validator, so a plan with no
step writes nothing and opens no transaction.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable

from neo4j import ManagedTransaction

from graph import cypher, feed, rollups
from graph.db import Graph
from graph.ingest.plan import Plan

__all__ = ["InTx", "Timings", "batches", "write"]

BATCH = 10_000

COUNTERS = (
    "nodes_created",
    "nodes_deleted",
    "relationships_created",
    "relationships_deleted",
    "properties_set",
)

Timings = dict[str, float]
InTx = Callable[[ManagedTransaction], None]  # more work in the import's transaction


def batches(plan: Plan) -> int:
    return sum((len(s.rows) + BATCH - 1) // BATCH for s in plan.steps)


def write(
    graph: Graph,
    plan: Plan,
    advance: Callable[[int], None] | None = None,
    timings: Timings | None = None,
    in_tx: InTx | None = None,
) -> dict[str, int]:
    """Run every step of ``plan`` in one transaction; the counters of what changed.

    ``timings``, when given, receives the seconds spent per statement, in the change feed,
    the statistics roll-ups and the commit (for ``bench/ingest.py``); ``in_tx`` runs last
    in the transaction (the audit entry of an upload commits with what it records)."""
    totals: Counter[str] = Counter()
    if not plan.steps:
        if in_tx is not None:
            with graph.transaction() as tx:
                in_tx(tx)
        return {name: 0 for name in COUNTERS}
    spent: Timings = timings if timings is not None else {}
    with graph.transaction() as tx:
        started = time.perf_counter()
        delta = rollups.plan_delta(plan)  # what the touched patents count before the write
        delta.begin(tx)
        spent["roll-ups"] = spent.get("roll-ups", 0.0) + time.perf_counter() - started
        for step in plan.steps:
            started = time.perf_counter()
            query = cypher.load(step.statement)
            for start in range(0, len(step.rows), BATCH):
                chunk = step.rows[start : start + BATCH]
                counters = tx.run(query, rows=chunk).consume().counters
                for name in COUNTERS:
                    totals[name] += getattr(counters, name)
                if advance:
                    advance(1)
            spent[step.statement] = spent.get(step.statement, 0.0) + time.perf_counter() - started
        started = time.perf_counter()
        feed.record_plan(tx, plan)  # change events, in the same transaction (connectors)
        spent["change feed"] = spent.get("change feed", 0.0) + time.perf_counter() - started
        started = time.perf_counter()
        # statistics roll-ups: the delta of the touched patents (old owners of moved ones too)
        delta.commit(tx)
        spent["roll-ups"] = spent.get("roll-ups", 0.0) + time.perf_counter() - started
        if in_tx is not None:
            in_tx(tx)
        started = time.perf_counter()
    spent["commit"] = spent.get("commit", 0.0) + time.perf_counter() - started
    return {name: totals[name] for name in COUNTERS}
