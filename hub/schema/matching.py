"""GraphQL types and root field of explainable matching of patents to an enterprise."""

from __future__ import annotations

from typing import Any

import strawberry

from graph.vocab import Role
from hub.context import Context
from hub.resolvers import matching
from hub.resolvers.matching import ReasonKind
from hub.schema.patent import Patent
from hub.schema.permissions import allow

__all__ = ["MatchingQuery"]

Info = strawberry.Info[Context, None]

strawberry.enum(ReasonKind, description="Why a patent fits an enterprise.")


@strawberry.type
class MatchReason:
    kind: ReasonKind
    weight: float = strawberry.field(description="Points this reason is worth at most")
    value: float = strawberry.field(description="How strongly it holds, 0–1")
    contribution: float = strawberry.field(description="weight × value, points of the score")
    detail: str = strawberry.field(description="What matched, in words")


@strawberry.type
class PatentMatch:
    patent: Patent
    score: float = strawberry.field(description="Sum of the contributions, 0–100")
    reasons: list[MatchReason]

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> PatentMatch:
        return cls(
            patent=Patent.from_row(row["row"]),
            score=row["score"],
            reasons=[MatchReason(**r) for r in row["reasons"]],
        )


@strawberry.type
class MatchingQuery:
    @strawberry.field(
        description="Transferable patents that fit an enterprise's industries and stated "
        "needs, best first, each with its reasons.",
        permission_classes=[
            allow(
                Role.NATIONAL,
                Role.PROVINCE,
                Role.ENTERPRISE,
                refusal="matching is for {listed} accounts",
            )
        ],
    )
    async def patent_matches(
        self, info: Info, credit_code: str, first: int = 20
    ) -> list[PatentMatch]:
        rows = await matching.patent_matches(info.context, credit_code, first)
        return [PatentMatch.from_row(r) for r in rows]
