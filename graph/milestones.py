"""The deadlines of the work plan, and what each one asks of whom.

The plan (PRODUCT.md, "Deadlines") sets dated targets. Progress statistics ask, for a
given ``as_of`` date, which target applies to an institution: the strictest inventory
share among the deadlines already passed that concern it. Kept as data so that a new
circular from CNIPA changes one table, not the queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from functools import lru_cache

__all__ = ["MILESTONES", "Milestone", "MilestoneKind", "in_cohort", "inventory_target", "required"]


class MilestoneKind(Enum):
    RESULTS_SHOWN = "RESULTS_SHOWN"
    INVENTORY_SHARE = "INVENTORY_SHARE"
    EXPERT_LIBRARY = "EXPERT_LIBRARY"
    ENTERPRISE_EVALUATION = "ENTERPRISE_EVALUATION"


class Cohort(Enum):
    """Which institutions a milestone concerns."""

    DEMONSTRATION = "DEMONSTRATION"  # national IP demonstration universities
    PILOT_OR_DEMONSTRATION = "PILOT_OR_DEMONSTRATION"
    OTHERS = "OTHERS"  # neither pilot nor demonstration
    ALL = "ALL"
    NONE = "NONE"  # not about institutions (expert library, enterprise evaluation)


@dataclass(frozen=True)
class Milestone:
    key: str
    deadline: date
    kind: MilestoneKind
    cohort: Cohort
    target: float  # share (0–1) of patents inventoried / patents evaluated; 0 when n/a
    description: str


# Enterprise evaluation "essentially complete" (基本完成): read as 90 % of the
# transferable catalogue evaluated by at least one enterprise.
ESSENTIALLY_COMPLETE = 0.9

MILESTONES: tuple[Milestone, ...] = (
    Milestone(
        "DEMONSTRATION_RESULTS",
        date(2024, 3, 31),
        MilestoneKind.RESULTS_SHOWN,
        Cohort.DEMONSTRATION,
        0.0,
        "国家知识产权示范高校取得盘点阶段性成效",
    ),
    Milestone(
        "EXPERT_LIBRARY",
        date(2024, 4, 30),
        MilestoneKind.EXPERT_LIBRARY,
        Cohort.NONE,
        0.0,
        "建成专家库",
    ),
    Milestone(
        "PILOT_DEMONSTRATION_FULL",
        date(2024, 6, 30),
        MilestoneKind.INVENTORY_SHARE,
        Cohort.PILOT_OR_DEMONSTRATION,
        1.0,
        "试点示范高校完成全部存量专利盘点",
    ),
    Milestone(
        "OTHERS_THIRTY",
        date(2024, 6, 30),
        MilestoneKind.INVENTORY_SHARE,
        Cohort.OTHERS,
        0.3,
        "其他高校和科研机构盘点比例不低于30%",
    ),
    Milestone(
        "ALL_FULL",
        date(2024, 12, 31),
        MilestoneKind.INVENTORY_SHARE,
        Cohort.ALL,
        1.0,
        "全部高校和科研机构完成存量专利盘点",
    ),
    Milestone(
        "ENTERPRISE_EVALUATION",
        date(2024, 12, 31),
        MilestoneKind.ENTERPRISE_EVALUATION,
        Cohort.NONE,
        ESSENTIALLY_COMPLETE,
        "基本完成企业评价",
    ),
)


def in_cohort(cohort: Cohort, pilot: bool, demonstration: bool) -> bool:
    if cohort is Cohort.DEMONSTRATION:
        return demonstration
    if cohort is Cohort.PILOT_OR_DEMONSTRATION:
        return pilot or demonstration
    if cohort is Cohort.OTHERS:
        return not (pilot or demonstration)
    return cohort is Cohort.ALL


@lru_cache(maxsize=1024)
def inventory_target(
    as_of: date, pilot: bool, demonstration: bool
) -> tuple[float, Milestone | None]:
    """The inventory share an institution must have reached by ``as_of``, and why.

    The strictest passed deadline wins; before the first one the target is 0. Cached: a
    national report asks it for thousands of institutions with four distinct arguments.
    """
    best: tuple[float, Milestone | None] = (0.0, None)
    for m in MILESTONES:
        if m.kind is not MilestoneKind.INVENTORY_SHARE or m.deadline > as_of:
            continue
        if in_cohort(m.cohort, pilot, demonstration) and m.target >= best[0]:
            best = (m.target, m)
    return best


def required(patents: int, share: float) -> int:
    """Patents that must be inventoried for ``share`` of ``patents`` (rounded up)."""
    whole = patents * share
    n = int(whole)
    return n if n >= whole - 1e-9 else n + 1
