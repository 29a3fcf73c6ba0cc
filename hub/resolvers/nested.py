"""Connections below a node (``institution.patents``), batched across parents or read in
the parent's own statement.

Each parent's page is a key ``(parent, first, after)``; one statement per distinct page
position serves every parent of the batch, and returns each total with its page (only
when the selection asks for ``totalCount``). A look-up of one institution that selects its
patents reads both in one statement (``lookup``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from aiodataloader import DataLoader
from graphql import (
    GraphQLResolveInfo,
    IntValueNode,
    NullValueNode,
    StringValueNode,
    ValueNode,
    VariableNode,
)
from strawberry.types import Info

from graph import cypher, scope
from graph.vocab import Role
from hub.context import Context
from hub.errors import BadUserInput
from hub.resolvers.cypher import render
from hub.resolvers.keyset import Page, decode_cursor, encode_cursor, page_size
from hub.resolvers.projection import CONNECTION, NESTED_KEY, Shape, below, shape_of

__all__ = ["institution_patents", "institution_with_patents", "lookup"]

PageKey = tuple[str, int, str | None]
ORDER = "GRANT_DATE_DESC"
PARTS = "queries/institution/patents_parts"
BATCH_RETURN = "RETURN key, rows, total"
LOOKUP_RETURN = "RETURN {{include.institution/row}} AS row, rows, total"


@lru_cache(maxsize=1024)  # bounded: one entry per shape, shapes come from documents
def page_statement(head: str, tail: str, counted: bool, role: Role, shape: Shape) -> str:
    """The statement of a page of institution patents: ``head`` (a batch of keys or one
    look-up), the page with the shape's nested reads, the total if ``counted``, ``tail``."""
    parts = cypher.sections(PARTS)
    text = "\n".join([parts[head], parts["page"], parts["total" if counted else "no_total"], tail])
    return render(text, role, shape.row, shape.calls)


class NestedPageLoader(DataLoader):
    def __init__(self, ctx: Context, shape: Shape, counted: bool) -> None:
        super().__init__()
        self.ctx = ctx
        self.shape = shape
        self.counted = counted

    async def batch_load_fn(self, keys: Sequence[PageKey]) -> list[Page]:
        groups: dict[tuple[int, str | None], list[str]] = defaultdict(list)
        for parent, limit, after in keys:
            groups[(limit, after)].append(parent)
        pages: dict[PageKey, Page] = {}
        shape = self.shape
        role = self.ctx.principal.role
        query = page_statement("keys", BATCH_RETURN, self.counted, role, shape)
        for (limit, after), parents in groups.items():
            position = decode_cursor(after, ORDER)
            params = {
                "keys": parents,
                "after": position,
                "limit": limit + 1,
                **scope.params(self.ctx.principal.params()),
            }
            rows = await self.ctx.graph.read(query, params)
            found = {r["key"]: r for r in rows}
            for parent in parents:
                pages[(parent, limit, after)] = page(found.get(parent), limit, position, shape)
        return [pages[key] for key in keys]


def page(found: dict[str, Any] | None, limit: int, position: Any, shape: Shape) -> Page:
    """The ``Page`` of one parent from its ``rows`` and ``total`` columns."""
    items = (found or {}).get("rows") or []
    total = int((found or {}).get("total") or 0)

    async def count() -> int:
        return total

    kept = items[:limit]
    return Page(
        rows=[shape.attach(i["row"]) for i in kept],
        cursors=[encode_cursor(ORDER, i["sortKey"], i["id"]) for i in kept],
        has_next=len(items) > limit,
        has_previous=position is not None,
        count=count,
    )


async def institution_patents(
    ctx: Context,
    institution_id: str,
    first: int | None,
    after: str | None,
    shape: Shape | None = None,
    counted: bool = True,
) -> Page:
    """One page of the institution's patents; ``shape`` as in ``hub.loaders``."""
    limit = page_size(first)
    decode_cursor(after, ORDER)  # a bad cursor fails here, before the batch
    shape = shape or Shape(None)
    loader = ctx.loader(
        f"page:institution/patents|{counted}" + (f"|{shape.key}" if shape.row else ""),
        lambda c: NestedPageLoader(c, shape, counted),
    )
    found: Page = await loader.load((institution_id, limit, after))
    return found


async def lookup(
    ctx: Context,
    institution_id: str,
    first: int | None,
    after: str | None,
    shape: Shape,
    counted: bool,
) -> tuple[dict[str, Any], Page] | None:
    """One institution and a page of its patents in one statement; ``None`` if the caller
    may not see the institution (or it does not exist)."""
    limit = page_size(first)
    position = decode_cursor(after, ORDER)
    query = page_statement("lookup", LOOKUP_RETURN, counted, ctx.principal.role, shape)
    params = {
        "id": institution_id,
        "after": position,
        "limit": limit + 1,
        **scope.params(ctx.principal.params()),
    }
    rows = await ctx.graph.read(query, params)
    if not rows:
        return None
    return rows[0]["row"], page(rows[0], limit, position, shape)


_UNREADABLE = object()


def _value(node: ValueNode, variables: Any) -> Any:
    """An ``Int`` / ``String`` argument as validation left it (literal or variable);
    ``variables`` is the coerced map (graphql-core 3.3 may wrap it in ``.coerced``)."""
    if isinstance(node, VariableNode):
        found: dict[str, Any] = getattr(variables, "coerced", variables) or {}
        return found.get(node.name.value)
    if isinstance(node, IntValueNode):
        return int(node.value)
    if isinstance(node, StringValueNode):
        return node.value
    if isinstance(node, NullValueNode):
        return None
    return _UNREADABLE


async def institution_with_patents(
    ctx: Context, info: Info[Any, Any], institution_id: str, on: str | None = None
) -> dict[str, Any] | None:
    """The row of ``institution(id)`` (or of one ``_entities`` representation, ``on`` its
    type) carrying its ``patents`` connection, read in one statement, when the selection
    asks for that connection's rows once and plainly; ``None`` when it does not (the
    field's own resolvers read it), ``{}`` when the caller may not see the institution."""
    wanted = below(info, "patents", on)
    if wanted is None or not wanted.rows:
        return None
    raw: GraphQLResolveInfo = info._raw_info
    args: dict[str, Any] = {}
    for argument in wanted.node.arguments or ():
        value = _value(argument.value, raw.variable_values)
        if value is _UNREADABLE:
            return None
        args[argument.name.value] = value
    try:  # bad arguments are reported by the connection's own resolver, at its path
        page_size(args.get("first"))
        decode_cursor(args.get("after"), ORDER)
    except BadUserInput:
        return None
    shape = shape_of(raw, [wanted.node], CONNECTION, ctx.principal.role)
    found = await lookup(
        ctx, institution_id, args.get("first"), args.get("after"), shape, wanted.total
    )
    if found is None:
        return {}
    row, patents = found
    row[NESTED_KEY] = {("patents", wanted.key): patents}
    return row
