"""Root fields over public reference data: industries, provinces, ministries."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from graph.vocab import IndustryScheme
from hub.resolvers import lists
from hub.schema.reference import Industry, Ministry, Province
from hub.schema.values import ctx

__all__ = ["ReferenceQuery"]


@strawberry.type
class ReferenceQuery:
    @strawberry.field(
        description="Industry classes, optionally of one scheme, level or parent class."
    )
    async def industries(
        self,
        info: Info[Any, Any],
        scheme: IndustryScheme | None = None,
        level: int | None = None,
        parent_id: str | None = None,
    ) -> list[Industry]:
        rows = await lists.reference(
            ctx(info),
            "industries",
            scheme=scheme.value if scheme else None,
            level=level,
            parent=parent_id,
        )
        return [Industry.from_row(r) for r in rows]

    @strawberry.field(description="The 31 province-level divisions (GB/T 2260).")
    async def provinces(self, info: Info[Any, Any]) -> list[Province]:
        return [Province.from_row(r) for r in await lists.reference(ctx(info), "provinces")]

    @strawberry.field(description="The central supervising bodies.")
    async def ministries(self, info: Info[Any, Any]) -> list[Ministry]:
        return [Ministry.from_row(r) for r in await lists.reference(ctx(info), "ministries")]
