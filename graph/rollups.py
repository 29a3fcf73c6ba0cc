"""Per-institution roll-ups: the counters national-scale statistics read instead of patents.

An ``InstitutionRollup`` node per institution (docs/graph-model.md, "Roll-ups") holds what
progress, milestones, conversion figures, the resource library and the dormant list's
totals need. The writes keep them by the delta of what they changed, inside their own
transaction (``graph.rollup_delta``: the ingest writer and the audited mutations), so a
roll-up commits with the change it reflects. This module holds the full recount:
``rebuild`` (``patent-hub db rollups``) for data written around the hub, and ``check``
(``db rollups --check``) that compares the kept roll-ups with a recount.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, LiteralString, cast

from neo4j import ManagedTransaction

from graph import cypher
from graph.db import Graph
from graph.feed import plan_app_nos
from graph.rollup_delta import (
    EXCUSED,
    LICENCE_KINDS,
    Delta,
    created_parts,
    old_shape,
    parts_args,
    recount_args,
)

__all__ = [
    "EXCUSED",
    "LICENCE_KINDS",
    "Delta",
    "check",
    "created_parts",
    "parts_args",
    "plan_delta",
    "rebuild",
    "refresh",
    "upgrade",
]

# Institutions recounted per statement: the largest hold tens of thousands of patents.
BATCH = 20


def _q(name: str) -> LiteralString:
    return cast(LiteralString, cypher.load(f"rollups/{name}"))


def _chunks(ids: Iterable[str]) -> list[list[str]]:
    keys = sorted({i for i in ids if i})
    return [keys[n : n + BATCH] for n in range(0, len(keys), BATCH)]


def refresh(tx: ManagedTransaction, institution_ids: Iterable[str]) -> int:
    """Recount the roll-ups of ``institution_ids`` in ``tx``; how many were written."""
    done = 0
    for chunk in _chunks(institution_ids):
        tx.run(_q("dormant_flags"), recount_args(chunk)).consume()
        tx.run(_q("refresh"), recount_args(chunk)).consume()
        done += len(chunk)
    return done


def plan_delta(plan: Any) -> Delta:
    """The roll-up delta of an import plan: the patents of its rows (``appNo``/``a``, as
    the change feed reads them); the parts of those it creates come from their properties."""
    return Delta(plan_app_nos(plan), plan.created, plan.created_industries)


@dataclass(frozen=True)
class Drift:
    """A roll-up (or a dormant flag) that differs from a full recount."""

    what: str  # ``rollup`` or ``dormant``
    key: str  # institution id or application number
    fields: tuple[str, ...]  # the differing properties ('' for a missing or extra one)

    def __str__(self) -> str:
        where = f"{self.what} {self.key}"
        if not self.fields[0]:
            return f"{where}: missing or extra"
        return f"{where}: {', '.join(self.fields)}"


def _state(tx: ManagedTransaction) -> dict[tuple[str, str], dict[str, Any] | None]:
    return {(r["kind"], r["key"]): r["value"] for r in tx.run(_q("stored"))}


def check(graph: Graph) -> list[Drift]:
    """Compare the roll-ups and dormant flags the writes kept with a full recount, made in
    a transaction that is rolled back (the graph is left as it is)."""
    ids: list[str] = graph.read(cypher.load("rollups/all_institutions"))[0]["ids"]
    with graph.session() as session:
        tx = session.begin_transaction()
        try:
            kept = _state(tx)  # type: ignore[arg-type]
            for chunk in _chunks(ids):
                tx.run(_q("dormant_flags"), recount_args(chunk)).consume()
                tx.run(_q("refresh"), recount_args(chunk)).consume()
            recounted = _state(tx)  # type: ignore[arg-type]
        finally:
            tx.rollback()
    drift = []
    for key in sorted(kept.keys() | recounted.keys()):
        a, b = kept.get(key, ...), recounted.get(key, ...)
        if a is ... or b is ...:
            drift.append(Drift(key[0], key[1], ("",)))
        elif a != b:
            x, y = a or {}, b or {}
            fields = tuple(sorted(f for f in x.keys() | y.keys() if x.get(f) != y.get(f)))
            drift.append(Drift(key[0], key[1], fields))
    return drift


def _recount(graph: Graph, ids: list[str]) -> int:
    """Recount the roll-ups of ``ids``, ``BATCH`` institutions per transaction."""
    done = 0
    for chunk in _chunks(ids):
        with graph.transaction() as tx:
            done += refresh(tx, chunk)
    return done


def rebuild(graph: Graph) -> int:
    """Recount every institution's roll-up."""
    return _recount(graph, graph.read(cypher.load("rollups/all_institutions"))[0]["ids"])


def upgrade(graph: Graph) -> int:
    """Recount the roll-ups written in an older shape (the statistics read the newer lists)
    and link those written before they pointed at their institution; how many were
    recounted."""
    graph.write(_q("link"))
    return _recount(graph, [r["id"] for r in graph.read(_q("shapes")) if old_shape(r["shape"])])
