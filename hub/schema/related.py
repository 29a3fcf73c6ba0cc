"""The body of a relation field the rows do not carry: its loader's rows for the parent's
key, each made into the field's type (one batched statement per relation and request)."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from strawberry.types import Info

from hub.loaders import load_many
from hub.schema.values import ctx

__all__ = ["related"]

T = TypeVar("T")


async def related(
    info: Info[Any, Any], name: str, key: Hashable | None, make: Callable[[dict[str, Any]], T]
) -> list[T]:
    """``make`` of each row the ``many`` loader ``name`` relates to ``key``."""
    return [make(r) for r in await load_many(ctx(info), name, key)]
