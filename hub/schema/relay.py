"""Relay-style connections: ``edges { cursor node }``, ``pageInfo``, ``totalCount``.

Cursors are opaque keyset positions (see ``hub.resolvers.keyset``); ``totalCount`` is
resolved only when asked for, with the same scope and filters as the page.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

import strawberry

__all__ = ["Connection", "Edge", "PageInfo"]

T = TypeVar("T")


@strawberry.federation.type(
    shareable=True, description="Where a page of a list stands (shared with other subgraphs)."
)
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class Edge(Generic[T]):
    cursor: str
    node: T


@strawberry.type(description="One page of a list, in a stable order, with the total count.")
class Connection(Generic[T]):
    edges: list[Edge[T]]
    nodes: list[T]
    page_info: PageInfo
    count: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field(description="How many rows the caller may see under these filters.")
    async def total_count(self) -> int:
        return await self.count()
