"""Root fields over patents: ``patents`` (filters, search, sort, pages) and ``patent``."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from graph.vocab import Intent, InventoryState, Maturity, PatentType
from hub.loaders import load_one
from hub.resolvers import patents as resolver
from hub.resolvers.keyset import page_size
from hub.resolvers.projection import CONNECTION, shaped, wants_rows, wants_total
from hub.schema.connections import connection
from hub.schema.patent import Patent
from hub.schema.relay import Connection
from hub.schema.values import ctx

__all__ = ["PatentQuery"]


@strawberry.enum(
    description=(
        "Sort orders of patent lists (RELEVANCE needs a search text). A patent without the"
        " order's date (a pending application) comes after the dated ones in either direction."
    )
)
class PatentOrder(Enum):
    GRANT_DATE_DESC = "GRANT_DATE_DESC"
    GRANT_DATE_ASC = "GRANT_DATE_ASC"
    FILING_DATE_DESC = "FILING_DATE_DESC"
    FILING_DATE_ASC = "FILING_DATE_ASC"
    RATING_DESC = "RATING_DESC"
    RELEVANCE = "RELEVANCE"


@strawberry.input(description="Patent filters; all that are set must hold.")
class PatentFilter:
    province_code: str | None = strawberry.field(default=None, description="GB/T 2260 code")
    ministry_code: str | None = strawberry.field(default=None, description="e.g. MOE, CAS")
    institution_id: str | None = None
    industry_id: str | None = strawberry.field(
        default=None,
        description="GBT4754:<code> or SEI2018:<code>; includes the classes below it",
    )
    ipc_prefix: str | None = strawberry.field(default=None, description="e.g. H01M, H01M4/5")
    type: PatentType | None = None
    grant_year_from: int | None = None
    grant_year_to: int | None = None
    inventory_state: InventoryState | None = None
    intent: Intent | None = None
    maturity: Maturity | None = None
    rating_min: int | None = strawberry.field(default=None, description="at least, 1–5")
    implemented: bool | None = None
    state_funded: bool | None = None
    open_licence: bool | None = None
    transferable: bool | None = strawberry.field(
        default=None, description="in the national transferable catalogue"
    )

    def values(self) -> dict[str, Any]:
        """Camel-case names as in ``graph/cypher/queries/patent/filters.cypher``."""
        out: dict[str, Any] = {}
        for name, snake in _ATTRIBUTES.items():
            value = getattr(self, snake)
            out[name] = value.value if isinstance(value, Enum) else value
        return out


# Filter name (camel case) -> its attribute of PatentFilter.
_ATTRIBUTES = {
    name: "".join(f"_{c.lower()}" if c.isupper() else c for c in name) for name in resolver.FILTERS
}


@strawberry.type
class PatentQuery:
    @strawberry.field(description="Patents the caller may see: filtered, searched, paged.")
    async def patents(
        self,
        info: Info[Any, Any],
        filter: PatentFilter | None = None,
        search: Annotated[
            str | None,
            strawberry.argument(
                description="Chinese full text over title and abstract; every word must occur"
            ),
        ] = None,
        sort: Annotated[
            PatentOrder | None,
            strawberry.argument(
                description="Default: RELEVANCE with a search, else GRANT_DATE_DESC"
            ),
        ] = None,
        first: Annotated[int | None, strawberry.argument(description="at most 100")] = None,
        after: str | None = None,
    ) -> Connection[Patent]:
        values = filter.values() if filter else {}
        if not wants_rows(info):  # ``totalCount`` alone: no page is read
            page_size(first)
            first = 0
        page = await resolver.patents(
            ctx(info),
            values,
            search,
            sort.value if sort else None,
            first,
            after,
            shaped(info, *CONNECTION),
            wants_total(info),
        )
        return connection(page, Patent.from_row)

    @strawberry.field(description="One patent by 申请号; null if absent or not visible.")
    async def patent(self, info: Info[Any, Any], app_no: str) -> Patent | None:
        key = resolver.normalise_app_no(app_no)
        row = await load_one(ctx(info), "patent/by_key", key, shaped(info))
        return Patent.from_row(row) if row else None
