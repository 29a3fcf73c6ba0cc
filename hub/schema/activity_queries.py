"""Root fields over evaluations and transactions (newest first)."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from graph.vocab import EvaluatorKind, TransactionKind, Willingness
from hub.resolvers import lists
from hub.resolvers.patents import normalise_app_no
from hub.resolvers.projection import wants_total
from hub.schema.activity import Evaluation, Transaction
from hub.schema.connections import connection
from hub.schema.filters import values
from hub.schema.related import one
from hub.schema.relay import Connection
from hub.schema.values import ctx

__all__ = ["ActivityQuery"]

First = Annotated[int | None, strawberry.argument(description="at most 100")]


@strawberry.input
class EvaluationFilter:
    app_no: str | None = None
    evaluator_kind: EvaluatorKind | None = None
    enterprise_code: str | None = None
    expert_id: str | None = None
    willingness: Willingness | None = None


@strawberry.input
class TransactionFilter:
    app_no: str | None = None
    kind: TransactionKind | None = None
    quarter: str | None = strawberry.field(default=None, description='e.g. "2024Q3"')
    registered: bool | None = None
    seller_id: str | None = None
    buyer_code: str | None = None
    province_code: str | None = strawberry.field(
        default=None, description="seller or buyer located in the province"
    )


def _with_app_no(filter_: object | None) -> dict[str, Any]:
    out = values(filter_)
    if "appNo" in out:
        out["appNo"] = normalise_app_no(out["appNo"])
    return out


@strawberry.type
class ActivityQuery:
    @strawberry.field(description="Evaluations the caller may see, newest first.")
    async def evaluations(
        self,
        info: Info[Any, Any],
        filter: EvaluationFilter | None = None,
        first: First = None,
        after: str | None = None,
    ) -> Connection[Evaluation]:
        page = await lists.page(
            ctx(info), "evaluation", _with_app_no(filter), first, after, wants_total(info)
        )
        return connection(page, Evaluation.from_row)

    @strawberry.field(description="Transactions the caller may see, newest first.")
    async def transactions(
        self,
        info: Info[Any, Any],
        filter: TransactionFilter | None = None,
        first: First = None,
        after: str | None = None,
    ) -> Connection[Transaction]:
        page = await lists.page(
            ctx(info), "transaction", _with_app_no(filter), first, after, wants_total(info)
        )
        return connection(page, Transaction.from_row)

    @strawberry.field(description="One evaluation; null if absent or not visible.")
    async def evaluation(self, info: Info[Any, Any], id: str) -> Evaluation | None:
        return await one(info, "evaluation/by_key", id, Evaluation.from_row)

    @strawberry.field(description="One transaction; null if absent or not visible.")
    async def transaction(self, info: Info[Any, Any], id: str) -> Transaction | None:
        return await one(info, "transaction/by_key", id, Transaction.from_row)
