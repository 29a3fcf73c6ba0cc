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
from functools import lru_cache
from typing import Any

from aiodataloader import DataLoader

from graph import scope
from graph.vocab import Role
from hub.context import Context
from hub.resolvers.cypher import statement
from hub.resolvers.projection import Shape

__all__ = ["load_keys", "load_many", "load_one"]

Row = dict[str, Any]


@lru_cache(maxsize=1024)  # bounded: one entry per shape, shapes come from documents
def collected(name: str, role: Role, patent_row: str | None, calls: str) -> str:
    """The loader's statement answering in ONE record (``batch``: its ``key, row`` pairs
    in the statement's order), since the driver's cost is per record."""
    inner = statement(name, role, patent_row, calls)
    return f"CALL () {{\n{inner}\n}}\nRETURN collect({{key: key, row: row}}) AS batch"


class KeyedLoader(DataLoader):
    """Loads rows (``many=False``) or lists of rows (``many=True``) by key."""

    def __init__(self, ctx: Context, name: str, many: bool, shape: Shape | None = None):
        super().__init__()
        self.ctx = ctx
        self.name = name
        self.many = many
        self.shape = shape or Shape(None)

    async def batch_load_fn(self, keys: Sequence[Hashable]) -> list[Any]:
        shape = self.shape
        query = collected(self.name, self.ctx.principal.role, shape.row, shape.calls)
        params = {"keys": list(keys), **scope.params(self.ctx.principal.params())}
        answer = await self.ctx.graph.read(query, params)
        rows = answer[0]["batch"] if answer else []
        if self.many:
            lists: dict[Any, list[Row]] = {key: [] for key in keys}
            for row in rows:
                lists.setdefault(row["key"], []).append(shape.attach(row["row"]))
            return [lists[key] for key in keys]
        found = {row["key"]: shape.attach(row["row"]) for row in rows}
        return [found.get(key) for key in keys]


Shaping = Shape | str | None


def _shape(patent_row: Shaping) -> Shape:
    return patent_row if isinstance(patent_row, Shape) else Shape(patent_row)


def loader(ctx: Context, name: str, many: bool = False, patent_row: Shaping = None) -> KeyedLoader:
    """The request's loader of ``name``; one per ``patent_row`` projection or shape, so
    rows of different shapes never share a cache entry."""
    shape = _shape(patent_row)
    return ctx.loader(_key(many, name, shape), lambda c: KeyedLoader(c, name, many, shape))


@lru_cache(maxsize=1024)  # bounded: one entry per shape, shapes come from documents
def _key(many: bool, name: str, shape: Shape) -> str:
    """The loader's name in the request (one string per shape: ``_entities`` asks for it
    once per representation)."""
    kind = "many" if many else "one"
    return f"{kind}:{name}" + (f"|{shape.key}" if shape.row else "")


async def load_one(
    ctx: Context, name: str, key: Hashable | None, patent_row: Shaping = None
) -> Row | None:
    """The row for ``key`` through the named loader; ``None`` if absent or out of scope.

    ``patent_row`` replaces the statement's full ``Patent`` row by a slim projection
    (``hub.resolvers.projection.selected``) or a ``Shape`` that also carries relations."""
    if key is None:
        return None
    row: Row | None = await loader(ctx, name, patent_row=patent_row).load(key)
    return row


async def load_many(
    ctx: Context, name: str, key: Hashable | None, patent_row: Shaping = None
) -> list[Row]:
    """The rows related to ``key`` through the named ``many`` loader."""
    if key is None:
        return []
    rows: list[Row] = await loader(ctx, name, many=True, patent_row=patent_row).load(key)
    return rows


async def load_keys(
    ctx: Context, name: str, keys: list[str], patent_row: Shaping = None
) -> list[Row | None]:
    """The rows for ``keys`` (``None`` where absent or out of scope), awaited together:
    one future per key on the named loader, no task per key."""
    rows: list[Row | None] = await loader(ctx, name, patent_row=patent_row).load_many(keys)
    return rows
