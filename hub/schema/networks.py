"""GraphQL types and root fields of the exploration networks (institution–industry,
co-inventor), shaped to be drawn as they come: nodes with a weight, weighted edges."""

from __future__ import annotations

from typing import Any

import strawberry

from graph.vocab import IndustryScheme
from hub.context import Context
from hub.resolvers import networks
from hub.resolvers.networks import EdgeKind, NodeKind
from hub.schema import labels

_ = labels.ENUMS  # vocabulary enums registered with GraphQL

Info = strawberry.Info[Context, None]

strawberry.enum(NodeKind)
strawberry.enum(EdgeKind)


@strawberry.type
class NetworkNode:
    id: str
    label: str | None
    kind: NodeKind
    weight: int = strawberry.field(description="In-scope patents behind the node's edges")
    centre: bool


@strawberry.type
class NetworkEdge:
    source: str
    target: str
    weight: int = strawberry.field(description="In-scope patents behind the edge")
    kind: EdgeKind


@strawberry.type
class Network:
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]
    truncated: bool = strawberry.field(description="The limit cut edges off")

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Network:
        return cls(
            nodes=[NetworkNode(**n) for n in row["nodes"]],
            edges=[NetworkEdge(**e) for e in row["edges"]],
            truncated=row["truncated"],
        )


@strawberry.type
class NetworksQuery:
    @strawberry.field(
        description="Institutions and the level-1 industries of their in-scope patents, "
        "around one institution or industry (depth 1–2)."
    )
    async def institution_industry_network(
        self,
        info: Info,
        institution_id: str | None = None,
        industry_id: str | None = None,
        scheme: IndustryScheme = IndustryScheme.GBT4754,
        depth: int = 1,
        limit: int = 200,
    ) -> Network:
        row = await networks.institution_industry(
            info.context, institution_id, industry_id, scheme.value, depth, limit
        )
        return Network.from_row(row)

    @strawberry.field(
        description="Inventors who share in-scope patents, around one inventor or the "
        "inventors of one institution (depth 1–2)."
    )
    async def co_inventor_network(
        self,
        info: Info,
        inventor_id: str | None = None,
        institution_id: str | None = None,
        depth: int = 1,
        limit: int = 200,
    ) -> Network:
        row = await networks.co_inventors(info.context, inventor_id, institution_id, depth, limit)
        return Network.from_row(row)
