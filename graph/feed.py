"""The change feed: a ``Change`` event whenever a patent's content really changes.

Writers call ``record_changes`` (or ``record_plan`` with an import plan) inside their own
write transaction, so a change and its event commit together or not at all. The event is
recorded only when the patent's content hash differs from the hash of its last event:
re-importing the same file, or repeating a mutation, records nothing. The hash covers the
patent's properties (less the time stamps a re-import rewrites) and the properties of its
evaluations and transactions.

Sequence numbers come from one counter node locked until commit, so they become visible in
order and a reader paging with ``seq > cursor`` never misses an event.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from functools import cache
from typing import TYPE_CHECKING, Any, LiteralString, cast

from neo4j import AsyncManagedTransaction, ManagedTransaction

from graph import cypher
from graph.db import Graph
from graph.vocab import ChangeKind, Role

if TYPE_CHECKING:
    from graph.ingest.plan import Plan

__all__ = [
    "changes_for_province",
    "changes_query",
    "content_hash",
    "may_read",
    "mutation_app_nos",
    "plan_app_nos",
    "record_changes",
    "record_changes_async",
    "record_plan",
    "refresh",
]

# Properties a re-import or refresh rewrites without the content changing, and those derived
# from hashed ones: the import's record hashes, the roll-ups' ``dormant`` flag (set with a
# new patent, or after the feed has recorded, in the same transaction).
HASH_IGNORED = frozenset(
    {"inventoriedAt", "updatedAt", "createdAt", "baseHash", "inventoryHash", "hash", "dormant"}
)
BATCH = 5_000

PLAN_KINDS = {
    "patents": ChangeKind.PATENT,
    "inventory": ChangeKind.INVENTORY,
    "evaluations": ChangeKind.EVALUATION,
    "transactions": ChangeKind.TRANSACTION,
}

Row = dict[str, Any]


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        # Neo4j stores no nulls: a null and a missing key are the same content
        return {
            str(k): _plain(v)
            for k, v in sorted(value.items())
            if k not in HASH_IGNORED and v is not None
        }
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)  # dates, date-times, points: their ISO text


def content_hash(
    props: Mapping[str, Any],
    evaluations: Iterable[Mapping[str, Any]] = (),
    transactions: Iterable[Mapping[str, Any]] = (),
) -> str:
    """SHA-256 of a patent's content in a canonical JSON form."""
    doc = {
        "patent": _plain(props),
        "evaluations": sorted((_plain(v) for v in evaluations), key=lambda v: str(v.get("id"))),
        "transactions": sorted((_plain(t) for t in transactions), key=lambda t: str(t.get("id"))),
    }
    text = json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def _kind(kind: ChangeKind | str) -> str:
    return ChangeKind(kind.value if isinstance(kind, ChangeKind) else kind).value


def pending(heads: list[Row], kind: ChangeKind | str, source: str) -> list[Row]:
    """The events to record: one per patent whose hash moved (``seq`` filled in later)."""
    out = []
    for h in heads:
        digest = content_hash(h["props"], h["evaluations"], h["transactions"])
        if digest != h["lastHash"]:
            out.append(
                {
                    "appNo": h["appNo"],
                    "kind": _kind(kind),
                    "hash": digest,
                    "wasTransferable": h["lastTransferable"],
                    "source": source,
                }
            )
    return out


def _chunks(app_nos: Iterable[str]) -> list[list[str]]:
    keys = sorted(set(app_nos))
    return [keys[i : i + BATCH] for i in range(0, len(keys), BATCH)]


def _q(name: str) -> LiteralString:
    return cast(LiteralString, cypher.load(f"connectors/{name}"))


def record_changes(
    tx: ManagedTransaction, app_nos: Iterable[str], kind: ChangeKind | str, source: str
) -> int:
    """Record an event for each of ``app_nos`` whose content changed, in ``tx``; how many.
    ``source`` says which write path made the change (``upload:<job>``, ``cli``,
    ``connector:<name>``, ``mutation:<action>``, ``refresh``)."""
    total = 0
    for chunk in _chunks(app_nos):
        heads = [r.data() for r in tx.run(_q("change_heads"), appNos=chunk)]
        rows = pending(heads, kind, source)
        if not rows:
            continue
        base = tx.run(_q("change_reserve"), n=len(rows)).single(strict=True)["base"]
        for i, row in enumerate(rows, start=1):
            row["seq"] = base + i
        tx.run(_q("change_record"), rows=rows).consume()
        total += len(rows)
    return total


async def record_changes_async(
    tx: AsyncManagedTransaction, app_nos: Iterable[str], kind: ChangeKind | str, source: str
) -> int:
    """``record_changes`` for the GraphQL mutations' async transactions."""
    total = 0
    for chunk in _chunks(app_nos):
        result = await tx.run(_q("change_heads"), appNos=chunk)
        heads = [r.data() async for r in result]
        rows = pending(heads, kind, source)
        if not rows:
            continue
        reserved = await (await tx.run(_q("change_reserve"), n=len(rows))).single(strict=True)
        for i, row in enumerate(rows, start=1):
            row["seq"] = reserved["base"] + i
        await (await tx.run(_q("change_record"), rows=rows)).consume()
        total += len(rows)
    return total


def plan_app_nos(plan: Plan) -> set[str]:
    """Application numbers an import plan touches (``appNo`` or ``a`` in its rows)."""
    found: set[str] = set()
    for step in plan.steps:
        for row in step.rows:
            for key in ("appNo", "a"):
                value = row.get(key)
                if isinstance(value, str):
                    found.add(value)
                elif isinstance(value, list):
                    found.update(v for v in value if isinstance(v, str))
    return found


def mutation_app_nos(target: str, args: Mapping[str, Any]) -> list[str]:
    """Patents a workflow mutation may have changed: its target (one or a comma-separated
    list of 申请号) and an ``appNo`` argument. Keys that are no patent simply match nothing."""
    keys = [k.strip() for k in target.split(",") if k.strip()]
    if isinstance(args.get("appNo"), str):
        keys.append(args["appNo"])
    return keys


def record_created(
    tx: ManagedTransaction,
    created: Mapping[str, Mapping[str, Any]],
    kind: ChangeKind | str,
    source: str,
) -> int:
    """Events for patents ``tx`` creates, whose properties the caller knows (``created``:
    appNo → all their properties): hashed here, with nothing to read back."""
    rows = [
        {
            "appNo": a,
            "kind": _kind(kind),
            "hash": content_hash(props),
            "wasTransferable": None,
            "source": source,
        }
        for a, props in sorted(created.items())
    ]
    for start in range(0, len(rows), BATCH):
        chunk = rows[start : start + BATCH]
        base = tx.run(_q("change_reserve"), n=len(chunk)).single(strict=True)["base"]
        for i, row in enumerate(chunk, start=1):
            row["seq"] = base + i
        tx.run(_q("change_record"), rows=chunk).consume()
    return len(rows)


def record_plan(tx: ManagedTransaction, plan: Plan) -> int:
    """The ingest writer's hook: events for the patents of an import that changed. The
    validator left only new or changed records in the plan; the patents it creates come
    with their properties (``plan.created``), the others' heads are read in one query."""
    kind = PLAN_KINDS.get(plan.kind)
    if kind is None:
        return 0
    total = record_created(tx, plan.created, kind, plan.source)
    changed = plan_app_nos(plan) - plan.created.keys()
    return total + record_changes(tx, changed, kind, plan.source)


def refresh(graph: Graph, batch: int = BATCH) -> int:
    """Compare every patent's hash with its last event and record what differs.

    For writes that bypass the hooks (an operator's Cypher, an older hub); the events get
    kind ``REFRESH``. Each batch is its own transaction.
    """
    total = 0
    after: str | None = None
    while True:
        rows = graph.read(
            cypher.load("connectors/change_app_nos"), {"after": after, "limit": batch}
        )
        if not rows:
            return total
        keys = [r["appNo"] for r in rows]
        with graph.transaction() as tx:
            total += record_changes(tx, keys, ChangeKind.REFRESH, "refresh")
        after = keys[-1]


# --- reading the feed --------------------------------------------------------------------


def _scope_sections() -> dict[str, str]:
    return cypher.sections("connectors/change_scope")


def may_read(role: Role) -> bool:
    """Whether a role has a change-feed scope at all (others are refused)."""
    return role.value in _scope_sections()


# A province's page reads one ordered branch per index (its own events, the catalogue's):
# the OR of changes_page makes Neo4j union and sort every later event of both.
_PAGES = {Role.PROVINCE: "changes_page_province"}


@cache
def changes_query(role: Role, statement: str | None = None) -> str:
    """The page statement (``role``'s own, or ``statement``) with the role's scope
    predicate spliced in (repository text only)."""
    statement = statement or _PAGES.get(role, "changes_page")
    predicate = _scope_sections().get(role.value)
    if predicate is None:
        raise PermissionError(f"the change feed is not open to {role.value} accounts")
    return cypher.load(f"connectors/{statement}").replace("{{scope.change}}", f"({predicate})")


def changes_for_province(graph: Graph, province: str, after: int, limit: int) -> list[Row]:
    """What a province may see after ``after``: the webhooks' read (``at`` as ISO text)."""
    scope = {"province": province, "ministry": None, "institution": None}
    rows = graph.read(
        changes_query(Role.PROVINCE, "webhook_events"),
        {"after": after, "limit": limit, "scope": scope},
    )
    return list(rows[0]["changes"]) if rows else []
