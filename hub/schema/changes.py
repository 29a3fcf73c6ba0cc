"""``changes(after, first)``: the change feed a provincial platform pages with a cursor."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from graph.vocab import ChangeKind
from hub.resolvers import changes as resolver
from hub.schema.labels import Labelled, labelled
from hub.schema.patent import Patent
from hub.schema.permissions import allow
from hub.schema.related import one
from hub.schema.relay import PageInfo
from hub.schema.values import ctx, instant

__all__ = ["ChangeQuery"]

strawberry.enum(ChangeKind, description=ChangeKind.__doc__)


@strawberry.type(description="A patent's content changed (recorded once per real change).")
class ChangeEvent:
    seq: int = strawberry.field(description="Sequence number, increasing in commit order")
    kind: Labelled[ChangeKind] | None
    app_no: str
    at: dt.datetime | None
    catalogue: bool = strawberry.field(
        description="In the transferable catalogue before or after the change"
    )
    source: str | None = strawberry.field(
        default=None,
        description="The write path that made the change: upload, cli, connector, mutation "
        "or refresh (None for events recorded before sources were kept)",
    )

    @strawberry.field(description="The patent as it is now, if the caller may see it.")
    async def patent(self, info: Info[Any, Any]) -> Patent | None:
        return await one(info, "patent/by_key", self.app_no, Patent.from_row)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> ChangeEvent:
        return cls(
            seq=int(row["seq"]),
            kind=labelled(ChangeKind, row.get("kind")),
            app_no=row["appNo"],
            at=instant(row.get("at")),
            catalogue=bool(row.get("catalogue")),
            source=str(row["source"]).partition(":")[0] if row.get("source") else None,
        )


@strawberry.type
class ChangeEdge:
    cursor: str
    node: ChangeEvent


@strawberry.type(
    description="A page of change events, oldest first: a Relay connection like every list "
    "(pageInfo.endCursor: pass as `after` next time; unchanged when the page is empty)."
)
class ChangeConnection:
    edges: list[ChangeEdge]
    nodes: list[ChangeEvent]
    page_info: PageInfo
    has_next_page: bool = strawberry.field(description="Same as pageInfo.hasNextPage")
    end_cursor: str | None = strawberry.field(description="Same as pageInfo.endCursor")


@strawberry.type
class ChangeQuery:
    @strawberry.field(
        description="Changes of the patents the caller's platform follows: PROVINCE its "
        "province's patents and the national transferable catalogue, MINISTRY and "
        "INSTITUTION their own, NATIONAL all.",
        permission_classes=[
            allow(*resolver.READERS, refusal="the change feed is not open to {role} accounts")
        ],
    )
    async def changes(
        self,
        info: Info[Any, Any],
        after: str | None = None,
        first: Annotated[int | None, strawberry.argument(description="at most 100")] = None,
    ) -> ChangeConnection:
        page = await resolver.changes(ctx(info), after, first)
        nodes = [ChangeEvent.from_row(r) for r in page.rows]
        return ChangeConnection(
            edges=[ChangeEdge(cursor=c, node=n) for c, n in zip(page.cursors, nodes, strict=True)],
            nodes=nodes,
            page_info=PageInfo(
                has_next_page=page.has_next,
                has_previous_page=after is not None,
                start_cursor=page.cursors[0] if page.cursors else None,
                end_cursor=page.end_cursor,
            ),
            has_next_page=page.has_next,
            end_cursor=page.end_cursor,
        )
