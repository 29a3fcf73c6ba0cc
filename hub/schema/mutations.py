"""GraphQL inputs, results and root fields of the workflow steps (mutations).

Who may call each step is its permission class (``hub.schema.permissions``), checked
before the step runs; the step validates its input, checks the caller's scope and right
on the target, writes in one write transaction and records an ``AuditEntry`` in it
(``hub.resolvers.mutations``), and answers the row its result is made of.
Errors carry ``extensions.code``: BAD_USER_INPUT, FORBIDDEN, NOT_FOUND (also for targets
outside the caller's scope), CONFLICT.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import strawberry

from graph.vocab import (
    ImplStatus,
    Intent,
    IntentDetail,
    Maturity,
    PaymentMode,
    PriceBand,
    Role,
    TransactionKind,
    Willingness,
)
from hub.context import Context
from hub.resolvers import mutations
from hub.schema import labels
from hub.schema.permissions import allow

__all__ = ["WorkflowMutation"]

# The vocabulary enums are GraphQL enums once ``labels`` is imported.
_ = labels.ENUMS


Info = strawberry.Info[Context, None]
Row = dict[str, Any]


@strawberry.input(description="One patent's inventory (盘点), the rules of the template.")
class InventoryInput:
    app_no: str
    impl_statuses: list[ImplStatus]
    impl_amount: float | None = strawberry.field(
        default=None, description="万元; required with LICENSED / TRANSFERRED / SELF_INDUSTRIALISED"
    )
    intents: list[Intent] = strawberry.field(default_factory=list)
    intent_details: list[IntentDetail] = strawberry.field(default_factory=list)
    maturity: Maturity | None = None
    rating: int | None = strawberry.field(default=None, description="Self-rating, 1–5 stars")
    product_desc: str | None = None
    prospect_desc: str | None = None
    price_band: PriceBand | None = None
    fee_standard: float | None = None
    contact: str | None = None
    contact_phone: str | None = None
    department: str | None = None


@strawberry.type
class InventoryResult:
    app_no: str
    inventory_state: str
    transferable: bool

    @classmethod
    def from_row(cls, row: Row) -> InventoryResult:
        return cls(
            app_no=row["appNo"],
            inventory_state=row["inventoryState"],
            transferable=row["transferable"],
        )


@strawberry.input(description="A market evaluation of one patent.")
class EvaluationInput:
    app_no: str
    prospect: int = strawberry.field(description="Industrialisation prospect, 1–5")
    willingness: Willingness
    score: float | None = strawberry.field(default=None, description="0–100")
    maturity: Maturity | None = None
    improvement_needs: str | None = None
    price_expectation: float | None = strawberry.field(default=None, description="万元")
    comment: str | None = None


@strawberry.type
class EvaluationResult:
    id: str
    app_no: str

    @classmethod
    def from_row(cls, row: Row) -> EvaluationResult:
        return cls(id=row["id"], app_no=row["appNo"])


@strawberry.type
class AssignmentResult:
    assignments: int
    created: int


@strawberry.input
class PushItem:
    app_no: str
    score: float = strawberry.field(description="0–100, e.g. the matching score")
    reasons: list[str] = strawberry.field(default_factory=list)


@strawberry.type
class PushResult:
    credit_code: str
    pushed: int

    @classmethod
    def from_row(cls, row: Row) -> PushResult:
        return cls(credit_code=row["creditCode"], pushed=row["pushed"])


@strawberry.input(description="A transfer or licence deal (registration / filing).")
class TransactionInput:
    app_no: str
    kind: TransactionKind
    buyer_credit_code: str
    date: date
    registered: bool = strawberry.field(
        default=False, description="Transfer registered / licence contract filed with CNIPA"
    )
    id: str | None = strawberry.field(
        default=None, description="Registration or filing number; generated when absent"
    )
    payment_mode: PaymentMode | None = None
    amount: float | None = strawberry.field(default=None, description="万元")
    entry_fee: float | None = strawberry.field(default=None, description="万元")
    royalty_rate: float | None = strawberry.field(default=None, description="Percent, 0–100")
    instalments: int | None = None


@strawberry.type
class TransactionResult:
    id: str
    quarter: str


@strawberry.type
class OpenLicenceResult:
    app_no: str
    open_licence: bool

    @classmethod
    def from_row(cls, row: Row) -> OpenLicenceResult:
        return cls(app_no=row["appNo"], open_licence=row["openLicence"])


@strawberry.type
class TechNeedResult:
    id: str


@strawberry.type
class WorkflowMutation:
    @strawberry.mutation(
        description="INSTITUTION: inventory one of its own patents.",
        permission_classes=[allow(Role.INSTITUTION)],
    )
    async def record_inventory(self, info: Info, input: InventoryInput) -> InventoryResult:
        return InventoryResult.from_row(await mutations.record_inventory(info.context, input))

    @strawberry.mutation(
        description="ENTERPRISE (visible patents) or EXPERT (assigned ones).",
        permission_classes=[allow(Role.ENTERPRISE, Role.EXPERT)],
    )
    async def submit_evaluation(self, info: Info, input: EvaluationInput) -> EvaluationResult:
        return EvaluationResult.from_row(await mutations.submit_evaluation(info.context, input))

    @strawberry.mutation(
        description="NATIONAL / PROVINCE: assign experts to patents.",
        permission_classes=[allow(Role.NATIONAL, Role.PROVINCE)],
    )
    async def assign_experts(
        self, info: Info, app_nos: list[str], expert_ids: list[str]
    ) -> AssignmentResult:
        return AssignmentResult(**await mutations.assign_experts(info.context, app_nos, expert_ids))

    @strawberry.mutation(
        description="NATIONAL / PROVINCE: push patents to an enterprise.",
        permission_classes=[allow(Role.NATIONAL, Role.PROVINCE)],
    )
    async def push_patents(self, info: Info, credit_code: str, items: list[PushItem]) -> PushResult:
        return PushResult.from_row(await mutations.push_patents(info.context, credit_code, items))

    @strawberry.mutation(
        description="INSTITUTION (its patents) or NATIONAL: register a deal.",
        permission_classes=[allow(Role.INSTITUTION, Role.NATIONAL)],
    )
    async def register_transaction(self, info: Info, input: TransactionInput) -> TransactionResult:
        return TransactionResult(**await mutations.register_transaction(info.context, input))

    @strawberry.mutation(
        description="INSTITUTION: declare an open licence on its patent.",
        permission_classes=[allow(Role.INSTITUTION)],
    )
    async def declare_open_licence(
        self, info: Info, app_no: str, fee: float | None = None
    ) -> OpenLicenceResult:
        row = await mutations.open_licence(info.context, app_no, True, fee)
        return OpenLicenceResult.from_row(row)

    @strawberry.mutation(
        description="INSTITUTION: withdraw the open licence of its patent.",
        permission_classes=[allow(Role.INSTITUTION)],
    )
    async def withdraw_open_licence(self, info: Info, app_no: str) -> OpenLicenceResult:
        row = await mutations.open_licence(info.context, app_no, False, None)
        return OpenLicenceResult.from_row(row)

    @strawberry.mutation(
        description="ENTERPRISE: state a technical need.",
        permission_classes=[allow(Role.ENTERPRISE)],
    )
    async def state_tech_need(
        self, info: Info, text: str, ipc_prefixes: list[str] | None = None
    ) -> TechNeedResult:
        return TechNeedResult(
            **await mutations.state_tech_need(info.context, text, ipc_prefixes or [])
        )
