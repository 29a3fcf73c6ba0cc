"""The body of a relation field the rows do not carry: its loader's rows for the parent's
key, each made into the field's type (one batched statement per relation and request);
and the body of a federation look-up (``resolve_references``)."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from strawberry.types import Info

from hub.loaders import load_keys, load_many, load_one
from hub.schema.values import ctx

__all__ = ["one", "references", "related"]

T = TypeVar("T")


async def related(
    info: Info[Any, Any], name: str, key: Hashable | None, make: Callable[[dict[str, Any]], T]
) -> list[T]:
    """``make`` of each row the ``many`` loader ``name`` relates to ``key``."""
    return [make(r) for r in await load_many(ctx(info), name, key)]


async def one(
    info: Info[Any, Any], name: str, key: Hashable | None, make: Callable[[dict[str, Any]], T]
) -> T | None:
    """``make`` of the row the ``one`` loader ``name`` finds for ``key``; None if none."""
    row = await load_one(ctx(info), name, key)
    return make(row) if row else None


async def references(
    info: Info[Any, Any], name: str, keys: list[Any], make: Callable[[dict[str, Any]], T]
) -> list[T | None]:
    """``make`` of the row for each key of a federation look-up; None where none is."""
    rows = await load_keys(ctx(info), name, keys)
    return [make(row) if row else None for row in rows]
