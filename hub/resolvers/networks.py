"""Exploration networks grown hop by hop from a centre node; every hop is one scoped
read, so only in-scope patents make edges (and so nodes). A network is a row of node
and edge rows that ``hub.schema.networks`` turns into its types."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from hub.context import Context
from hub.errors import BadUserInput, NotFound
from hub.resolvers import co_owned
from hub.resolvers.scoped import params, statement

__all__ = ["EdgeKind", "NodeKind", "co_inventors", "institution_industry"]

Row = dict[str, Any]

MAX_LIMIT = 2000


class NodeKind(Enum):
    INSTITUTION = "INSTITUTION"
    INDUSTRY = "INDUSTRY"
    INVENTOR = "INVENTOR"


class EdgeKind(Enum):
    PATENTS_IN = "PATENTS_IN"  # institution holds patents in the industry
    CO_INVENTED = "CO_INVENTED"  # inventors share patents


def _check(depth: int, limit: int, centres: Iterable[str | None], names: str) -> None:
    given = [c for c in centres if c is not None]
    if len(given) != 1:
        raise BadUserInput(f"give exactly one of {names}", argument=names)
    if depth not in (1, 2):
        raise BadUserInput(f"depth must be 1 or 2, not {depth}", argument="depth")
    if not 1 <= limit <= MAX_LIMIT:
        raise BadUserInput(
            f"limit must be between 1 and {MAX_LIMIT}, not {limit}", argument="limit"
        )


@dataclass
class _Builder:
    """Collects undirected edges (deduplicated) and the nodes they touch."""

    limit: int
    kind: EdgeKind
    nodes: dict[str, tuple[str | None, NodeKind]] = field(default_factory=dict)
    edges: dict[tuple[str, str], int] = field(default_factory=dict)
    truncated: bool = False

    def add(self, rows: list[dict[str, Any]], source_kind: NodeKind, target_kind: NodeKind) -> None:
        for r in rows:
            pair = (r["source"], r["target"])
            if self.kind is EdgeKind.CO_INVENTED:
                pair = (min(pair), max(pair))
            if pair not in self.edges and len(self.edges) >= self.limit:
                self.truncated = True
                continue
            self.edges[pair] = r["weight"]
            self.nodes.setdefault(r["source"], (r["sourceLabel"], source_kind))
            self.nodes.setdefault(r["target"], (r["targetLabel"], target_kind))

    def network(self, centres: set[str]) -> Row:
        weight: dict[str, int] = dict.fromkeys(self.nodes, 0)
        for (a, b), w in self.edges.items():
            weight[a] += w
            weight[b] += w
        return {
            "nodes": [
                {"id": n, "label": label, "kind": kind, "weight": weight[n], "centre": n in centres}
                for n, (label, kind) in sorted(self.nodes.items())
            ],
            "edges": [
                {"source": a, "target": b, "weight": w, "kind": self.kind}
                for (a, b), w in sorted(self.edges.items(), key=lambda e: (-e[1], e[0]))
            ],
            "truncated": self.truncated,
        }


async def _hop(ctx: Context, name: str, ids: list[str], limit: int) -> list[dict[str, Any]]:
    p = ctx.principal
    # One more than the limit, so the builder knows when it cut something off.
    args = params(p, ids=ids, limit=limit + 1)
    return await ctx.graph.read(statement(f"networks/{name}", p.role), args)


async def _industry_weights(
    ctx: Context,
    limit: int,
    institutions: list[str] | None = None,
    industries: list[str] | None = None,
    scheme: str | None = None,
) -> list[dict[str, Any]]:
    """Institution → level-1 industry edges of ``institutions`` or ``industries`` (read
    from the roll-ups, ``networks/industry_weights``)."""
    p = ctx.principal
    args = params(
        p,
        institutions=institutions,
        industries=industries,
        scheme=scheme,
        limit=limit + 1,
        ownerDependent=p.role in co_owned.OWNER_DEPENDENT,
    )
    return await ctx.graph.read(statement("networks/industry_weights", p.role), args)


async def _visible_institution(ctx: Context, institution_id: str) -> None:
    """A network's centre institution must be one the caller may see (NOT_FOUND else)."""
    p = ctx.principal
    found = await ctx.graph.read(
        statement("networks/institution_visible", p.role), params(p, id=institution_id)
    )
    if not found:
        raise NotFound(f"no institution {institution_id}", institutionId=institution_id)


async def institution_industry(
    ctx: Context,
    institution_id: str | None,
    industry_id: str | None,
    scheme: str,
    depth: int,
    limit: int,
) -> Row:
    _check(depth, limit, (institution_id, industry_id), "institutionId / industryId")
    p = ctx.principal
    b = _Builder(limit, EdgeKind.PATENTS_IN)
    inst, ind = NodeKind.INSTITUTION, NodeKind.INDUSTRY
    if institution_id is not None:
        await _visible_institution(ctx, institution_id)
        centre = institution_id
        rows = await _industry_weights(ctx, limit, institutions=[centre], scheme=scheme)
        b.add(rows, inst, ind)
        if depth == 2:
            industries = sorted({t for (_, t) in b.edges})
            b.add(await _industry_weights(ctx, limit, industries=industries), inst, ind)
    else:
        assert industry_id is not None
        rows = await ctx.graph.read(
            statement("networks/industry_node", p.role), params(p, id=industry_id)
        )
        if not rows:
            raise NotFound(f"no industry {industry_id}", industryId=industry_id)
        centre = rows[0]["sectionId"]
        scheme = rows[0]["scheme"]
        b.add(await _industry_weights(ctx, limit, industries=[centre]), inst, ind)
        if depth == 2:
            institutions = sorted({s for (s, _) in b.edges})
            rows = await _industry_weights(ctx, limit, institutions=institutions, scheme=scheme)
            b.add(rows, inst, ind)
    return b.network({centre})


async def co_inventors(
    ctx: Context,
    inventor_id: str | None,
    institution_id: str | None,
    depth: int,
    limit: int,
) -> Row:
    _check(depth, limit, (inventor_id, institution_id), "inventorId / institutionId")
    p = ctx.principal
    b = _Builder(limit, EdgeKind.CO_INVENTED)
    person = NodeKind.INVENTOR
    if inventor_id is not None:
        found = await ctx.graph.read(
            statement("networks/inventor_visible", p.role), params(p, id=inventor_id)
        )
        if not found:
            raise NotFound(f"no inventor {inventor_id}", inventorId=inventor_id)
        centres = {inventor_id}
        b.nodes[inventor_id] = (found[0]["name"], person)
    else:
        assert institution_id is not None
        await _visible_institution(ctx, institution_id)
        rows = await ctx.graph.read(
            statement("networks/institution_inventors", p.role),
            params(p, id=institution_id, limit=limit),
        )
        centres = {r["id"] for r in rows}
    b.add(await _hop(ctx, "coinventors", sorted(centres), limit), person, person)
    if depth == 2:
        reached = {n for pair in b.edges for n in pair} - centres
        if reached:
            b.add(await _hop(ctx, "coinventors", sorted(reached), limit), person, person)
    return b.network(centres)
