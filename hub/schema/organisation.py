"""Organisations and people: ``Institution``, ``Enterprise``, ``Expert``, and what
enterprises file and state (``ProductFiling``, ``TechNeed``).

Contact, phone and email are read in Cypher under ``graph/cypher/queries/private/``:
null for a role that may not see them, exactly like a missing value.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING, Any

import strawberry
from strawberry.types import Info

from graph.vocab import EnterpriseKind, InstitutionKind
from hub.resolvers.nested import institution_patents, institution_with_patents
from hub.resolvers.projection import CONNECTION, NESTED_KEY, prefetched, shaped, wants_total
from hub.schema.connections import connection
from hub.schema.labels import Labelled, labelled, labelled_list
from hub.schema.patent import (
    EVALUATION,
    TRANSACTION,
    EvaluationRef,
    Patent,
    TransactionRef,
    resolved,
)
from hub.schema.reference import Industry, Ministry, Province
from hub.schema.related import one, references, related
from hub.schema.relay import Connection
from hub.schema.values import ctx, date, instant, strings

if TYPE_CHECKING:
    from hub.schema.activity import Evaluation, Transaction

__all__ = ["Enterprise", "Expert", "Institution", "ProductFiling", "TechNeed"]

Row = dict[str, Any]


@strawberry.federation.type(
    keys=["id"], description="A university, research institute or hospital holding patents."
)
class Institution:
    id: str
    name: str
    aliases: list[str]
    kind: Labelled[InstitutionKind] | None
    province_code: str | None
    city: str | None
    ministry_code: str | None = strawberry.field(description="null when locally run")
    local_run: bool | None
    level: str | None = strawberry.field(description="本科/专科 for universities")
    pilot: bool | None = strawberry.field(description="National IP pilot university")
    demonstration: bool | None = strawberry.field(description="National IP demonstration univ.")
    # Connections the look-up already read (``hub.resolvers.nested.lookup``).
    nested: strawberry.Private[dict[tuple[str, str], Any]] = dataclasses.field(default_factory=dict)

    @classmethod
    def from_row(cls, row: Row) -> Institution:
        g = row.get
        return cls(
            nested=g(NESTED_KEY) or {},
            id=row["id"],
            name=g("name") or "",
            aliases=strings(g("aliases")),
            kind=labelled(InstitutionKind, g("kind")),
            province_code=g("provinceCode"),
            city=g("city"),
            ministry_code=g("ministryCode"),
            local_run=g("localRun"),
            level=g("level"),
            pilot=g("pilot"),
            demonstration=g("demonstration"),
        )

    @classmethod
    async def resolve_references(cls, info: Info[Any, Any], keys: list[str]) -> list[Any]:
        if len(keys) == 1:  # one institution and its page of patents in one statement
            found = await institution_with_patents(ctx(info), info, keys[0], "Institution")
            if found is not None:
                return [cls.from_row(found) if found else None]
        return await references(info, "institution/by_key", keys, cls.from_row)

    @strawberry.field
    async def province(self, info: Info[Any, Any]) -> Province | None:
        return await one(info, "province/by_key", self.province_code, Province.from_row)

    @strawberry.field
    async def ministry(self, info: Info[Any, Any]) -> Ministry | None:
        return await one(info, "ministry/by_key", self.ministry_code, Ministry.from_row)

    @strawberry.field(description="The institution's patents the caller may see, newest first.")
    async def patents(
        self, info: Info[Any, Any], first: int | None = None, after: str | None = None
    ) -> Connection[Patent]:
        carried, page = prefetched(self.nested, info)
        if not carried:
            shape = shaped(info, *CONNECTION)
            page = await institution_patents(
                ctx(info), self.id, first, after, shape, wants_total(info)
            )
        return connection(page, Patent.from_row)

    @strawberry.field(description="Deals where the institution sells, visible to the caller.")
    async def transactions(self, info: Info[Any, Any]) -> list[TransactionRef]:
        make: type[Transaction] = resolved(TRANSACTION)
        return await related(info, "institution/transactions", self.id, make.from_row)


@strawberry.federation.type(
    keys=["creditCode"], description="An enterprise, keyed by its unified social credit code."
)
class Enterprise:
    credit_code: str = strawberry.field(description="统一社会信用代码 (18 characters)")
    name: str
    aliases: list[str]
    kinds: list[Labelled[EnterpriseKind]]
    province_code: str | None
    city_code: str | None
    address: str | None
    contact: str | None = strawberry.field(description="itself, its province and overseers")
    phone: str | None = strawberry.field(description="itself, its province and overseers")

    @classmethod
    def from_row(cls, row: Row) -> Enterprise:
        g = row.get
        return cls(
            credit_code=row["creditCode"],
            name=g("name") or "",
            aliases=strings(g("aliases")),
            kinds=labelled_list(EnterpriseKind, g("kinds")),
            province_code=g("provinceCode"),
            city_code=g("cityCode"),
            address=g("address"),
            contact=g("contact"),
            phone=g("phone"),
        )

    @classmethod
    async def resolve_references(cls, info: Info[Any, Any], keys: list[str]) -> list[Any]:
        return await references(info, "enterprise/by_key", keys, cls.from_row)

    @strawberry.field
    async def province(self, info: Info[Any, Any]) -> Province | None:
        return await one(info, "province/by_key", self.province_code, Province.from_row)

    @strawberry.field
    async def industries(self, info: Info[Any, Any]) -> list[Industry]:
        return await related(info, "enterprise/industries", self.credit_code, Industry.from_row)

    @strawberry.field(description="Evaluations it submitted that the caller may see.")
    async def evaluations(self, info: Info[Any, Any]) -> list[EvaluationRef]:
        make: type[Evaluation] = resolved(EVALUATION)
        return await related(info, "enterprise/evaluations", self.credit_code, make.from_row)

    @strawberry.field(description="Deals where it buys, visible to the caller.")
    async def transactions(self, info: Info[Any, Any]) -> list[TransactionRef]:
        make: type[Transaction] = resolved(TRANSACTION)
        return await related(info, "enterprise/transactions", self.credit_code, make.from_row)

    @strawberry.field(description="Patents pushed to it that the caller may see.")
    async def pushed_patents(self, info: Info[Any, Any]) -> list[Patent]:
        return await related(info, "enterprise/pushed", self.credit_code, Patent.from_row)

    @strawberry.field(description="Patent-intensive products it filed (专利密集型产品备案).")
    async def product_filings(self, info: Info[Any, Any]) -> list[ProductFiling]:
        return await related(info, "enterprise/filings", self.credit_code, ProductFiling.from_row)

    @strawberry.field(description="Technical needs it stated.")
    async def tech_needs(self, info: Info[Any, Any]) -> list[TechNeed]:
        return await related(info, "enterprise/needs", self.credit_code, TechNeed.from_row)


@strawberry.type(description="A member of the expert library.")
class Expert:
    id: str
    name: str
    title: str | None
    organisation: str | None
    province_code: str | None
    phone: str | None = strawberry.field(description="the expert and its province only")
    email: str | None = strawberry.field(description="the expert and its province only")

    @classmethod
    def from_row(cls, row: Row) -> Expert:
        g = row.get
        return cls(
            id=row["id"],
            name=g("name") or "",
            title=g("title"),
            organisation=g("organisation"),
            province_code=g("provinceCode"),
            phone=g("phone"),
            email=g("email"),
        )

    @strawberry.field
    async def province(self, info: Info[Any, Any]) -> Province | None:
        return await one(info, "province/by_key", self.province_code, Province.from_row)

    @strawberry.field(description="Industry fields of expertise.")
    async def industries(self, info: Info[Any, Any]) -> list[Industry]:
        return await related(info, "expert/industries", self.id, Industry.from_row)

    @strawberry.field(description="Evaluations it submitted that the caller may see.")
    async def evaluations(self, info: Info[Any, Any]) -> list[EvaluationRef]:
        make: type[Evaluation] = resolved(EVALUATION)
        return await related(info, "expert/evaluations", self.id, make.from_row)

    @strawberry.field(description="Patents assigned to it that the caller may see.")
    async def assigned_patents(self, info: Info[Any, Any]) -> list[Patent]:
        return await related(info, "expert/assigned", self.id, Patent.from_row)


@strawberry.type(description="A patent-intensive product filing (专利密集型产品备案).")
class ProductFiling:
    id: str
    product_name: str | None
    date: dt.date | None
    quarter: str | None

    @classmethod
    def from_row(cls, row: Row) -> ProductFiling:
        return cls(
            id=row["id"],
            product_name=row.get("productName"),
            date=date(row.get("date")),
            quarter=row.get("quarter"),
        )

    @strawberry.field(description="Patents the product uses that the caller may see.")
    async def patents(self, info: Info[Any, Any]) -> list[Patent]:
        return await related(info, "filing/patents", self.id, Patent.from_row)


@strawberry.type(description="A technical need stated by an enterprise.")
class TechNeed:
    id: str
    text: str | None
    ipc_prefixes: list[str]
    created_at: dt.datetime | None

    @classmethod
    def from_row(cls, row: Row) -> TechNeed:
        return cls(
            id=row["id"],
            text=row.get("text"),
            ipc_prefixes=strings(row.get("ipcPrefixes")),
            created_at=instant(row.get("createdAt")),
        )
