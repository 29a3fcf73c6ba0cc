"""Per-request DataLoaders: one batched, scoped Cypher statement per loader.

Every loader is named after its statement in ``graph/cypher/queries/`` (e.g.
``patent/by_key``); the statement takes ``$keys`` (and ``$scope``), starts with
``UNWIND $keys AS key`` and returns ``key, row`` pairs. A loader that answers one row per
key serves look-ups and federation references; a ``many`` loader serves relationship
lists (rows in the statement's order). The scope predicate inside the statement drops
what the caller may not see, so a missing row and a forbidden row look the same.

Loaders live in ``Context.loaders`` for one request, so a cached row never crosses
callers.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

from aiodataloader import DataLoader

from graph import scope
from hub.context import Context
from hub.resolvers.cypher import statement

Row = dict[str, Any]


class KeyedLoader(DataLoader):
    """Loads rows (``many=False``) or lists of rows (``many=True``) by key."""

    def __init__(self, ctx: Context, name: str, many: bool, patent_row: str | None = None):
        super().__init__()
        self.ctx = ctx
        self.name = name
        self.many = many
        self.patent_row = patent_row

    async def batch_load_fn(self, keys: Sequence[Hashable]) -> list[Any]:
        query = statement(self.name, self.ctx.principal.role, self.patent_row)
        params = {"keys": list(keys), **scope.params(self.ctx.principal.params())}
        rows = await self.ctx.graph.read(query, params)
        if self.many:
            lists: dict[Any, list[Row]] = {key: [] for key in keys}
            for row in rows:
                lists.setdefault(row["key"], []).append(row["row"])
            return [lists[key] for key in keys]
        found = {row["key"]: row["row"] for row in rows}
        return [found.get(key) for key in keys]


def loader(
    ctx: Context, name: str, many: bool = False, patent_row: str | None = None
) -> KeyedLoader:
    """The request's loader of ``name``; one per ``patent_row`` projection, so rows of
    different shapes never share a cache entry."""
    kind = "many" if many else "one"
    return ctx.loader(
        f"{kind}:{name}" + (f"|{patent_row}" if patent_row else ""),
        lambda c: KeyedLoader(c, name, many, patent_row),
    )


async def load_one(
    ctx: Context, name: str, key: Hashable | None, patent_row: str | None = None
) -> Row | None:
    """The row for ``key`` through the named loader; ``None`` if absent or out of scope.

    ``patent_row`` replaces the statement's full ``Patent`` row by a slim projection
    (``hub.resolvers.projection.selected``)."""
    if key is None:
        return None
    row: Row | None = await loader(ctx, name, patent_row=patent_row).load(key)
    return row


async def load_many(
    ctx: Context, name: str, key: Hashable | None, patent_row: str | None = None
) -> list[Row]:
    """The rows related to ``key`` through the named ``many`` loader."""
    if key is None:
        return []
    rows: list[Row] = await loader(ctx, name, many=True, patent_row=patent_row).load(key)
    return rows
