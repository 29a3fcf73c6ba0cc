"""Per-institution roll-ups: the counters national-scale statistics read instead of patents.

An ``InstitutionRollup`` node per institution (docs/graph-model.md, "Roll-ups") holds what
progress, milestones, conversion figures, the resource library and the dormant list's
totals need. Each refresh recounts everything of the institutions it is given, inside the
caller's write transaction, so a roll-up commits with the change it reflects and never
drifts: the ingest writer calls ``refresh_plan``, the audited mutations ``refresh_async``,
and ``rebuild`` (``patent-hub db rollups``) covers data written around the hub.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, LiteralString, cast

from neo4j import AsyncManagedTransaction, ManagedTransaction

from graph import cypher
from graph.db import Graph
from graph.vocab import ImplStatus, TransactionKind

# Institutions recounted per statement: the largest hold tens of thousands of patents.
BATCH = 20

LICENCE_KINDS = [
    TransactionKind.EXCLUSIVE_LICENCE.value,
    TransactionKind.SOLE_LICENCE.value,
    TransactionKind.ORDINARY_LICENCE.value,
    TransactionKind.OPEN_LICENCE.value,
]

# Statuses that record why a patent is not implemented (or that it is): such patents are
# not "dormant without a reason" (docs/analytics.md, dormantStateFunded).
EXCUSED = [
    ImplStatus.TO_BE_ABANDONED.value,
    ImplStatus.OWNERSHIP_DISPUTE.value,
    ImplStatus.UNSUITABLE.value,
    ImplStatus.LICENSED.value,
    ImplStatus.TRANSFERRED.value,
    ImplStatus.SELF_INDUSTRIALISED.value,
]


def _q(name: str) -> LiteralString:
    return cast(LiteralString, cypher.load(f"rollups/{name}"))


def _chunks(ids: Iterable[str]) -> list[list[str]]:
    keys = sorted({i for i in ids if i})
    return [keys[n : n + BATCH] for n in range(0, len(keys), BATCH)]


def _args(chunk: list[str]) -> dict[str, Any]:
    return {"ids": chunk, "excused": EXCUSED, "licenceKinds": LICENCE_KINDS}


def refresh(tx: ManagedTransaction, institution_ids: Iterable[str]) -> int:
    """Recount the roll-ups of ``institution_ids`` in ``tx``; how many were written."""
    done = 0
    for chunk in _chunks(institution_ids):
        tx.run(_q("dormant_flags"), _args(chunk)).consume()
        tx.run(_q("refresh"), _args(chunk)).consume()
        done += len(chunk)
    return done


async def refresh_async(tx: AsyncManagedTransaction, institution_ids: Iterable[str]) -> int:
    """``refresh`` for the async driver (the GraphQL mutations)."""
    done = 0
    for chunk in _chunks(institution_ids):
        await (await tx.run(_q("dormant_flags"), _args(chunk))).consume()
        await (await tx.run(_q("refresh"), _args(chunk))).consume()
        done += len(chunk)
    return done


def institutions_of(tx: ManagedTransaction, app_nos: Iterable[str]) -> list[str]:
    """Institutions whose roll-ups a change to ``app_nos`` concerns (owners, and owners
    of patents sharing a deal or filing with them)."""
    keys = sorted(set(app_nos))
    if not keys:
        return []
    row = tx.run(_q("institutions_of"), appNos=keys).single()
    return list(row["ids"]) if row else []


async def institutions_of_async(tx: AsyncManagedTransaction, app_nos: Iterable[str]) -> list[str]:
    keys = sorted(set(app_nos))
    if not keys:
        return []
    row = await (await tx.run(_q("institutions_of"), appNos=keys)).single()
    return list(row["ids"]) if row else []


def refresh_patents(tx: ManagedTransaction, app_nos: Iterable[str]) -> int:
    """Refresh the roll-ups a change to the patents ``app_nos`` touched."""
    return refresh(tx, institutions_of(tx, app_nos))


async def refresh_patents_async(tx: AsyncManagedTransaction, app_nos: Iterable[str]) -> int:
    return await refresh_async(tx, await institutions_of_async(tx, app_nos))


def owners_before(tx: ManagedTransaction, plan: Any) -> list[str]:
    """The institutions of the stored patents a plan rewrites, read before it writes: a
    patent moved to another owner leaves its old owner's roll-up to refresh too."""
    rewritten = [r["appNo"] for s in plan.steps if s.statement == "ingest/patents" for r in s.rows]
    return institutions_of(tx, rewritten)


def refresh_plan(tx: ManagedTransaction, plan: Any, before: Iterable[str] = ()) -> int:
    """The ingest writer's hook: refresh the institutions of the patents an import plan
    wrote (``appNo``/``a`` of its rows, as the change feed reads them), and ``before``
    (``owners_before``: their owners before the write)."""
    from connectors.feed import plan_app_nos

    return refresh(tx, {*institutions_of(tx, plan_app_nos(plan)), *before})


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
                tx.run(_q("dormant_flags"), _args(chunk)).consume()
                tx.run(_q("refresh"), _args(chunk)).consume()
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


def rebuild(graph: Graph) -> int:
    """Recount every institution's roll-up, ``BATCH`` institutions per transaction."""
    ids: list[str] = graph.read(cypher.load("rollups/all_institutions"))[0]["ids"]
    done = 0
    for chunk in _chunks(ids):
        with graph.transaction() as tx:
            done += refresh(tx, chunk)
    return done
