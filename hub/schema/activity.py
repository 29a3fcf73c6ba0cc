"""What happens to patents: ``Evaluation`` (market and expert evaluation) and
``Transaction`` (transfer, licence and other deals registered with the hub).

Each row carries the keys of its patent and parties, which resolve through the scoped
look-up loaders: a party the caller may not see is null.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry
from strawberry.types import Info

from graph.vocab import EvaluatorKind, Maturity, PaymentMode, TransactionKind, Willingness
from hub.resolvers.numbers import finite
from hub.schema.labels import Labelled, labelled
from hub.schema.organisation import Enterprise, Expert, Institution
from hub.schema.patent import Patent
from hub.schema.related import one
from hub.schema.values import date

__all__ = ["Evaluation", "Transaction"]

Row = dict[str, Any]


@strawberry.type(description="An enterprise's or expert's evaluation of one patent.")
class Evaluation:
    id: str
    evaluator_kind: Labelled[EvaluatorKind] | None
    date: dt.date | None
    prospect: int | None = strawberry.field(description="Industrialisation prospect, 1–5")
    maturity: Labelled[Maturity] | None
    willingness: Labelled[Willingness] | None
    improvement_needs: str | None
    price_expectation: float | None = strawberry.field(description="万元")
    comment: str | None
    score: float | None = strawberry.field(description="0–100")
    app_no: str | None
    enterprise_code: str | None
    expert_id: str | None

    @classmethod
    def from_row(cls, row: Row) -> Evaluation:
        g = row.get
        return cls(
            id=row["id"],
            evaluator_kind=labelled(EvaluatorKind, g("evaluatorKind")),
            date=date(g("date")),
            prospect=g("prospect"),
            maturity=labelled(Maturity, g("maturity")),
            willingness=labelled(Willingness, g("willingness")),
            improvement_needs=g("improvementNeeds"),
            price_expectation=finite(g("priceExpectation")),
            comment=g("comment"),
            score=finite(g("score")),
            app_no=g("appNo"),
            enterprise_code=g("enterpriseCode"),
            expert_id=g("expertId"),
        )

    @strawberry.field(description="The evaluated patent, if the caller may see it.")
    async def patent(self, info: Info[Any, Any]) -> Patent | None:
        return await one(info, "patent/by_key", self.app_no, Patent.from_row)

    @strawberry.field(description="The evaluating enterprise, if the caller may see it.")
    async def enterprise(self, info: Info[Any, Any]) -> Enterprise | None:
        return await one(info, "enterprise/by_key", self.enterprise_code, Enterprise.from_row)

    @strawberry.field(description="The evaluating expert, if the caller may see it.")
    async def expert(self, info: Info[Any, Any]) -> Expert | None:
        return await one(info, "expert/by_key", self.expert_id, Expert.from_row)


@strawberry.type(description="A transfer, licence or other deal on a patent.")
class Transaction:
    id: str
    kind: Labelled[TransactionKind] | None
    payment_mode: Labelled[PaymentMode] | None
    amount: float | None = strawberry.field(description="万元")
    entry_fee: float | None = strawberry.field(description="万元")
    royalty_rate: float | None
    instalments: int | None
    date: dt.date | None
    quarter: str | None
    registered: bool | None = strawberry.field(
        description="Transfer registered / licence contract filed with CNIPA"
    )
    app_no: str | None
    seller_id: str | None
    buyer_code: str | None

    @classmethod
    def from_row(cls, row: Row) -> Transaction:
        g = row.get
        return cls(
            id=row["id"],
            kind=labelled(TransactionKind, g("kind")),
            payment_mode=labelled(PaymentMode, g("paymentMode")),
            amount=finite(g("amount")),
            entry_fee=finite(g("entryFee")),
            royalty_rate=finite(g("royaltyRate")),
            instalments=g("instalments"),
            date=date(g("date")),
            quarter=g("quarter"),
            registered=g("registered"),
            app_no=g("appNo"),
            seller_id=g("sellerId"),
            buyer_code=g("buyerCode"),
        )

    @strawberry.field(description="The patent dealt in, if the caller may see it.")
    async def patent(self, info: Info[Any, Any]) -> Patent | None:
        return await one(info, "patent/by_key", self.app_no, Patent.from_row)

    @strawberry.field(description="The selling institution, if the caller may see it.")
    async def seller(self, info: Info[Any, Any]) -> Institution | None:
        return await one(info, "institution/by_key", self.seller_id, Institution.from_row)

    @strawberry.field(description="The buying enterprise, if the caller may see it.")
    async def buyer(self, info: Info[Any, Any]) -> Enterprise | None:
        return await one(info, "enterprise/by_key", self.buyer_code, Enterprise.from_row)
