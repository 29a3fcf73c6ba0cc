"""Audited writes and the audit trail.

``audited`` runs a workflow step in ONE write transaction and records its
``AuditEntry`` in that same transaction: the change and its record commit together or
not at all. A typed error raised by the step rolls everything back.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, LiteralString, TypeVar, cast

from neo4j import AsyncManagedTransaction

from graph import cypher, feed, rollups
from hub.context import Context
from hub.errors import BadUserInput
from hub.resolvers import paging
from hub.resolvers.scoped import params, statement

__all__ = ["TrailPage", "Tx", "audit_trail", "audited"]

T = TypeVar("T")

# Steps that change nothing the per-institution roll-ups count (graph/rollups.py).
NO_ROLLUP = frozenset({"assignExperts", "pushPatents", "stateTechNeed"})


class Tx:
    """The step's view of its transaction: scoped statements and plain ones."""

    def __init__(self, ctx: Context, tx: AsyncManagedTransaction) -> None:
        self.ctx = ctx
        self.tx = tx

    async def run(self, name: str, **args: Any) -> list[dict[str, Any]]:
        """Run ``graph/cypher/<name>.cypher`` with the caller's scope spliced in."""
        p = self.ctx.principal
        text = statement(name, p.role)
        result = await self.tx.run(cast(LiteralString, text), params(p, **args))
        return [r.data() async for r in result]


async def audited(
    ctx: Context,
    action: str,
    target: str,
    args: dict[str, Any],
    step: Callable[[Tx], Awaitable[T]],
) -> T:
    """Run ``step`` and write its audit entry, in one write transaction."""
    p = ctx.principal

    async def work(tx: AsyncManagedTransaction) -> T:
        delta = None
        if action not in NO_ROLLUP:  # the roll-ups commit with the change they count
            delta = rollups.Delta(feed.mutation_app_nos(target, args))
            await delta.begin_async(tx)
        result = await step(Tx(ctx, tx))
        # change-feed events for the patents whose content the step changed (connectors)
        await feed.record_changes_async(
            tx, feed.mutation_app_nos(target, args), "MUTATION", f"mutation:{action}"
        )
        if delta is not None:
            await delta.commit_async(tx)
        await tx.run(
            cast(LiteralString, cypher.load("mutations/audit")),
            {
                "id": uuid.uuid4().hex,
                "actorRole": p.role.value,
                "actorScope": p.scope,
                "actorSubject": p.subject,
                "action": action,
                "target": target,
                "args": json.dumps(args, ensure_ascii=False, sort_keys=True, default=str),
                "requestId": ctx.request_id,
            },
        )
        return result

    ctx.graph.round_trips += 1
    async with ctx.graph.session() as session:  # later reads wait for this write
        return await session.execute_write(work)


@dataclass(frozen=True)
class TrailPage:
    """A page of audit entries (rows, ``args`` decoded), newest first, with their cursors."""

    entries: list[dict[str, Any]]
    cursors: list[str]
    has_next: bool
    total: int


def _entry(row: dict[str, Any]) -> dict[str, Any]:
    try:
        args = json.loads(row["args"]) if row.get("args") else None
    except ValueError:
        args = row["args"]
    return {**row, "args": args}


async def audit_trail(
    ctx: Context, first: int, after: str | None, action: str | None, actor: str | None
) -> TrailPage:
    """The entries for NATIONAL (``hub.schema.audit`` admits no other role)."""
    p = ctx.principal
    limit = paging.page_size(first)
    after_at: str | None = None
    after_id: str | None = None
    if after is not None:
        value = paging.decode(after)
        if not (
            isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value)
        ):
            raise BadUserInput(
                f"after {after!r} is not a cursor of the audit trail", argument="after"
            )
        after_at, after_id = value
    args = params(
        p, action=action, actor=actor, afterAt=after_at, afterId=after_id, limit=limit + 1
    )
    rows = await ctx.graph.read(statement("mutations/audit_trail", p.role), args)
    total = await ctx.graph.read(statement("mutations/audit_count", p.role), args)
    entries = [r["entry"] for r in rows[:limit]]
    return TrailPage(
        entries=[_entry(e) for e in entries],
        cursors=[paging.encode([e["at"], e["id"]]) for e in entries],
        has_next=len(rows) > limit,
        total=total[0]["total"],
    )
