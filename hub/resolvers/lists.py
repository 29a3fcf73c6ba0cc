"""Lists of institutions, enterprises, experts, evaluations and transactions.

Each entity's pieces live in ``graph/cypher/queries/<entity>/filters.cypher``: the
``@source`` match, the ``@sort`` key and one section per filter. The caller's scope rule
comes first in the ``WHERE``; filter values travel in ``$filter``.
"""

from __future__ import annotations

from typing import Any

from graph.scope import VARIABLES
from hub.context import Context
from hub.errors import BadUserInput
from hub.resolvers.cypher import render, section, sections
from hub.resolvers.keyset import Listing, Page, fetch_page

__all__ = ["page", "reference"]

# entity -> (unique id expression, sort descending)
ENTITIES: dict[str, tuple[str, bool]] = {
    "institution": ("i.id", False),
    "enterprise": ("e.creditCode", False),
    "expert": ("x.id", False),
    "evaluation": ("v.id", True),
    "transaction": ("t.id", True),
}
MAX_TEXT = 100


def listing(ctx: Context, entity: str, filters: dict[str, Any]) -> Listing:
    ident, descending = ENTITIES[entity]
    role = ctx.principal.role
    name = f"{entity}/filters"
    values = {k: v for k, v in filters.items() if v is not None}
    known = set(sections(name)) - {"source", "sort"}
    unknown = set(values) - known
    if unknown:
        raise ValueError(f"no Cypher for {entity} filters {sorted(unknown)}")
    for key, value in values.items():
        if isinstance(value, str) and (not value.strip() or len(value) > MAX_TEXT):
            raise BadUserInput(
                f"filter.{key} must be 1–{MAX_TEXT} characters, got {len(value)}",
                argument=f"filter.{key}",
            )
    where = [render(f"{{{{scope.{entity}}}}}", role)]
    where += [f"({section(name, key)})" for key in sorted(values)]
    row = f"{{{{include.{entity}/row}}}}"
    return Listing(
        source=section(name, "source"),
        var=VARIABLES[entity],
        where=where,
        sort=section(name, "sort"),
        descending=descending,
        ident=ident,
        row=render(row, role),
        order=f"{entity.upper()}_DEFAULT",
        params={"filter": values},
    )


async def page(
    ctx: Context,
    entity: str,
    filters: dict[str, Any],
    first: int | None,
    after: str | None,
    total: bool = False,
) -> Page:
    """``total``: ``totalCount`` is asked for too."""
    return await fetch_page(ctx, listing(ctx, entity, filters), first, after, total)


async def reference(ctx: Context, name: str, **params: Any) -> list[dict[str, Any]]:
    """Public reference lists (industries, provinces, ministries): no scope applies."""
    rows = await ctx.graph.read(
        render(f"{{{{include.reference/{name}}}}}", ctx.principal.role), params
    )
    return [r["row"] for r in rows]
