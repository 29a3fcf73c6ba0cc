"""Root fields over institutions, enterprises and experts: lists and look-ups.

A look-up of something the caller may not see answers ``null``, exactly as for
something that does not exist.
"""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from graph.vocab import EnterpriseKind, InstitutionKind
from hub.resolvers import lists, nested
from hub.resolvers.projection import wants_total
from hub.schema.connections import connection
from hub.schema.filters import values
from hub.schema.organisation import Enterprise, Expert, Institution
from hub.schema.related import one
from hub.schema.relay import Connection
from hub.schema.values import ctx

__all__ = ["DirectoryQuery"]

First = Annotated[int | None, strawberry.argument(description="at most 100")]


@strawberry.input
class InstitutionFilter:
    province_code: str | None = None
    ministry_code: str | None = None
    kind: InstitutionKind | None = None
    name: str | None = strawberry.field(default=None, description="part of the name or alias")


@strawberry.input
class EnterpriseFilter:
    province_code: str | None = None
    kind: EnterpriseKind | None = None
    industry_id: str | None = strawberry.field(
        default=None, description="GBT4754:<code> or SEI2018:<code>, with the classes below"
    )
    name: str | None = strawberry.field(default=None, description="part of the name or alias")


@strawberry.input
class ExpertFilter:
    province_code: str | None = None
    industry_id: str | None = None
    name: str | None = None


@strawberry.type
class DirectoryQuery:
    @strawberry.field(description="Institutions the caller may see, by name.")
    async def institutions(
        self,
        info: Info[Any, Any],
        filter: InstitutionFilter | None = None,
        first: First = None,
        after: str | None = None,
    ) -> Connection[Institution]:
        page = await lists.page(
            ctx(info), "institution", values(filter), first, after, wants_total(info)
        )
        return connection(page, Institution.from_row)

    @strawberry.field(description="Enterprises the caller may see, by name.")
    async def enterprises(
        self,
        info: Info[Any, Any],
        filter: EnterpriseFilter | None = None,
        first: First = None,
        after: str | None = None,
    ) -> Connection[Enterprise]:
        page = await lists.page(
            ctx(info), "enterprise", values(filter), first, after, wants_total(info)
        )
        return connection(page, Enterprise.from_row)

    @strawberry.field(description="Experts of the library the caller may see, by name.")
    async def experts(
        self,
        info: Info[Any, Any],
        filter: ExpertFilter | None = None,
        first: First = None,
        after: str | None = None,
    ) -> Connection[Expert]:
        page = await lists.page(
            ctx(info), "expert", values(filter), first, after, wants_total(info)
        )
        return connection(page, Expert.from_row)

    @strawberry.field(description="One institution; null if absent or not visible.")
    async def institution(self, info: Info[Any, Any], id: str) -> Institution | None:
        found = await nested.institution_with_patents(ctx(info), info, id)
        if found is not None:
            return Institution.from_row(found) if found else None
        return await one(info, "institution/by_key", id, Institution.from_row)

    @strawberry.field(description="One enterprise; null if absent or not visible.")
    async def enterprise(self, info: Info[Any, Any], credit_code: str) -> Enterprise | None:
        key = credit_code.strip().upper()
        return await one(info, "enterprise/by_key", key, Enterprise.from_row)

    @strawberry.field(description="One expert; null if absent or not visible.")
    async def expert(self, info: Info[Any, Any], id: str) -> Expert | None:
        return await one(info, "expert/by_key", id, Expert.from_row)
