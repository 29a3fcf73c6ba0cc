"""A tiny schema for the HTTP and auth tests, independent of the hub's real schema."""

from __future__ import annotations

import asyncio

import strawberry
from strawberry.types import Info

from hub.auth.viewer import ViewerQuery
from hub.errors import Forbidden
from hub.extensions import default_extensions
from hub.federation import HubSchema


@strawberry.type
class Item:
    id: int

    @strawberry.field
    def children(self, first: int = 10) -> list[Item]:
        return [Item(id=self.id * 10 + i) for i in range(min(first, 3))]


@strawberry.type
class ItemConnection:
    nodes: list[Item]


class Running:
    """How many ``slow`` fields run at once, and the most seen (per process)."""

    now = 0
    most = 0


@strawberry.type
class Query(ViewerQuery):
    @strawberry.field
    async def slow(self) -> int:
        Running.now += 1
        Running.most = max(Running.most, Running.now)
        try:
            await asyncio.sleep(0.2)
        finally:
            Running.now -= 1
        return Running.most

    @strawberry.field
    def page(self, first: int | None = None) -> ItemConnection:
        return ItemConnection(nodes=[Item(id=i) for i in range(min(first or 3, 3))])

    @strawberry.field
    def items(self, first: int = 10) -> list[Item]:
        return [Item(id=i) for i in range(min(first, 3))]

    @strawberry.field
    async def node_count(self, info: Info) -> int:
        rows = await info.context.graph.read("MATCH (n) RETURN count(n) AS n")
        return int(rows[0]["n"])

    @strawberry.field
    def boom(self) -> int:
        raise RuntimeError("secret internal detail: password=hunter2")

    @strawberry.field
    def denied(self) -> int:
        raise Forbidden("这个字段不对你开放")


@strawberry.type
class Mutation:
    @strawberry.mutation
    def touch(self) -> bool:
        return True


def tiny_schema(schema_access: str | None = None) -> strawberry.federation.Schema:
    return HubSchema(
        query=Query, mutation=Mutation, extensions=default_extensions(schema_access=schema_access)
    )
