"""Turning a ``Page`` of rows into a typed ``Connection``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from hub.resolvers.keyset import Page
from hub.schema.relay import Connection, Edge, PageInfo

__all__ = ["connection"]

T = TypeVar("T")


def connection(page: Page, make: Callable[[dict[str, Any]], T]) -> Connection[T]:
    nodes = [make(row) for row in page.rows]
    return Connection(
        edges=[Edge(cursor=c, node=n) for c, n in zip(page.cursors, nodes, strict=True)],
        nodes=nodes,
        page_info=PageInfo(
            has_next_page=page.has_next,
            has_previous_page=page.has_previous,
            start_cursor=page.cursors[0] if page.cursors else None,
            end_cursor=page.cursors[-1] if page.cursors else None,
        ),
        count=page.count,
    )
