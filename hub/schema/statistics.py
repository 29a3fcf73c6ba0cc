"""GraphQL types and root fields of the programme statistics (progress, conversion,
resource library, dormant state-funded list, evaluation consensus).

Every figure is computed in Cypher over the rows the caller may see by
``hub.resolvers.statistics``, which returns rows keyed by these fields; the types are
built from them here (``from_row``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import strawberry

from hub.context import Context
from hub.resolvers import statistics
from hub.resolvers.statistics import GroupBy
from hub.schema.patent import Patent
from hub.schema.permissions import OVERSEERS, allow

__all__ = ["StatisticsQuery"]

Info = strawberry.Info[Context, None]
Row = dict[str, Any]

strawberry.enum(GroupBy, description="How statistics are grouped.")


@strawberry.type(description="Inventory progress of one institution, province or ministry.")
class ProgressRow:
    key: str = strawberry.field(description="Institution id, GB/T 2260 code or ministry code")
    name: str | None
    institutions: int
    patents: int = strawberry.field(description="Valid patents of the base library")
    inventoried: int
    screened_in: int
    percent: float = strawberry.field(description="Inventoried / patents × 100")
    target_percent: float = strawberry.field(
        description="Share the applicable deadlines require by asOf (× 100)"
    )
    required: int = strawberry.field(description="Patents that must be inventoried by asOf")
    missing: int = strawberry.field(
        description="Patents still to inventory to meet the target (summed per institution)"
    )
    behind: bool
    institutions_behind: int
    deadline: date | None = strawberry.field(description="The deadline that sets the target")


@strawberry.type
class ProgressReport:
    as_of: date
    by: GroupBy
    total: ProgressRow
    rows: list[ProgressRow]

    @classmethod
    def from_row(cls, row: Row) -> ProgressReport:
        return cls(
            as_of=row["as_of"],
            by=row["by"],
            total=ProgressRow(**row["total"]),
            rows=[ProgressRow(**r) for r in row["rows"]],
        )


@strawberry.type(description="Status of one deadline of the work plan at asOf.")
class MilestoneStatus:
    key: str
    deadline: date
    description: str
    due: bool = strawberry.field(description="asOf is on or after the deadline")
    concerned: int = strawberry.field(description="Institutions (or patents, provinces) concerned")
    met: int = strawberry.field(description="Of those, how many meet the milestone")
    missing: int = strawberry.field(description="Patents still missing (inventory milestones)")
    achieved: bool


@strawberry.type
class QuarterFigures:
    quarter: str
    transfer_registrations: int
    licence_filings: int
    product_filings: int
    amount: float = strawberry.field(description="Sum of deal amounts, 万元")


@strawberry.type(description="Conversion figures of one province or ministry.")
class ConversionGroup:
    key: str
    name: str | None
    patents: int
    implemented: int
    implementation_rate: float = strawberry.field(description="Implemented / patents × 100")
    industrialised: int
    industrialisation_rate: float = strawberry.field(
        description="Self-industrialised or used by a filed product / patents × 100"
    )
    quarters: list[QuarterFigures]

    @classmethod
    def from_row(cls, row: Row) -> ConversionGroup:
        return cls(**{**row, "quarters": [QuarterFigures(**q) for q in row["quarters"]]})


@strawberry.type
class Bucket:
    key: str | None = strawberry.field(description="Code; null: not classified")
    name: str | None
    patents: int


@strawberry.type(description="The conversion resource library (screened-in patents).")
class LibraryBreakdown:
    total: int
    by_industry: list[Bucket] = strawberry.field(description="GB/T 4754 sections")
    by_sei_field: list[Bucket] = strawberry.field(description="Strategic emerging industries")
    by_maturity: list[Bucket]
    by_rating: list[Bucket] = strawberry.field(description="Prospect (self-rating, stars)")

    @classmethod
    def from_row(cls, row: Row) -> LibraryBreakdown:
        return cls(
            total=row["total"],
            by_industry=_buckets(row["by_industry"]),
            by_sei_field=_buckets(row["by_sei_field"]),
            by_maturity=_buckets(row["by_maturity"]),
            by_rating=_buckets(row["by_rating"]),
        )


def _buckets(rows: list[Row]) -> list[Bucket]:
    return [Bucket(**r) for r in rows]


@strawberry.type
class DormantEdge:
    cursor: str
    node: Patent


@strawberry.type(
    description="Granted > 5 years before asOf, state-funded, unimplemented, no reason."
)
class DormantConnection:
    as_of: date
    granted_before: date
    total_count: int
    by_province: list[Bucket]
    edges: list[DormantEdge]
    has_next_page: bool
    end_cursor: str | None

    @classmethod
    def from_row(cls, row: Row) -> DormantConnection:
        return cls(
            **{
                **row,
                "by_province": _buckets(row["by_province"]),
                "edges": [
                    DormantEdge(cursor=e["cursor"], node=Patent.from_row(e["row"]))
                    for e in row["edges"]
                ],
            }
        )


@strawberry.type
class Summary:
    count: int
    mean: float | None
    std_dev: float | None = strawberry.field(description="Population standard deviation")
    min: float | None
    max: float | None


@strawberry.type
class Share:
    key: str
    count: int


@strawberry.type(description="What the evaluations of one patent the caller sees agree on.")
class Consensus:
    app_no: str
    title: str | None
    count: int
    enterprise_count: int
    expert_count: int
    prospect: Summary
    score: Summary
    enterprise_prospect: Summary
    expert_prospect: Summary
    agreement: float | None = strawberry.field(
        description="1 − σ(prospect)/2: 1 all agree, 0 evenly split between 1 and 5; null under 2"
    )
    willingness: list[Share]

    @classmethod
    def from_row(cls, row: Row) -> Consensus:
        summaries = ("prospect", "score", "enterprise_prospect", "expert_prospect")
        return cls(
            **{
                **row,
                **{k: Summary(**row[k]) for k in summaries},
                "willingness": [Share(**w) for w in row["willingness"]],
            }
        )


@strawberry.type
class StatisticsQuery:
    @strawberry.field(
        description="Inventory progress against the deadlines at asOf.",
        permission_classes=[
            allow(*OVERSEERS, refusal="inventory progress is for {listed} accounts")
        ],
    )
    async def inventory_progress(
        self,
        info: Info,
        as_of: date,
        by: GroupBy = GroupBy.INSTITUTION,
        behind_only: bool = False,
    ) -> ProgressReport:
        row = await statistics.inventory_progress(info.context, as_of, by, behind_only)
        return ProgressReport.from_row(row)

    @strawberry.field(
        description="Each deadline of the work plan: due, met, missing.",
        permission_classes=[
            allow(*OVERSEERS, refusal="milestone tracking is for {listed} accounts")
        ],
    )
    async def milestones(self, info: Info, as_of: date) -> list[MilestoneStatus]:
        return [MilestoneStatus(**r) for r in await statistics.milestones(info.context, as_of)]

    @strawberry.field(
        description="Quarterly conversion figures by province or ministry.",
        permission_classes=[
            allow(*OVERSEERS, refusal="conversion figures is for {listed} accounts")
        ],
    )
    async def conversion_figures(
        self, info: Info, quarters: list[str], by: GroupBy = GroupBy.PROVINCE
    ) -> list[ConversionGroup]:
        rows = await statistics.conversion_figures(info.context, quarters, by)
        return [ConversionGroup.from_row(r) for r in rows]

    @strawberry.field(description="The resource library by industry, maturity and prospect.")
    async def resource_library(self, info: Info) -> LibraryBreakdown:
        return LibraryBreakdown.from_row(await statistics.resource_library(info.context))

    @strawberry.field(description="The 5-year dormant state-funded patents at asOf.")
    async def dormant_state_funded(
        self, info: Info, as_of: date, first: int = 20, after: str | None = None
    ) -> DormantConnection:
        row = await statistics.dormant_state_funded(info.context, as_of, first, after)
        return DormantConnection.from_row(row)

    @strawberry.field(description="Consensus over the evaluations of one patent.")
    async def evaluation_consensus(self, info: Info, app_no: str) -> Consensus:
        return Consensus.from_row(await statistics.evaluation_consensus(info.context, app_no))
