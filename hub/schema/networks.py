"""GraphQL types and root fields of the exploration networks (institution–industry,
co-inventor), shaped to be drawn as they come: nodes with a weight, weighted edges."""

from __future__ import annotations

from enum import Enum

import strawberry

from graph.vocab import IndustryScheme
from hub.context import Context
from hub.schema import labels

_ = labels.ENUMS  # vocabulary enums registered with GraphQL

Info = strawberry.Info[Context, None]


@strawberry.enum
class NodeKind(Enum):
    INSTITUTION = "INSTITUTION"
    INDUSTRY = "INDUSTRY"
    INVENTOR = "INVENTOR"


@strawberry.enum
class EdgeKind(Enum):
    PATENTS_IN = "PATENTS_IN"  # institution holds patents in the industry
    CO_INVENTED = "CO_INVENTED"  # inventors share patents


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
        from hub.resolvers import networks

        return await networks.institution_industry(
            info.context, institution_id, industry_id, scheme.value, depth, limit
        )

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
        from hub.resolvers import networks

        return await networks.co_inventors(info.context, inventor_id, institution_id, depth, limit)
