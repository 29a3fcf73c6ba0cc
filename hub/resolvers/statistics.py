"""Programme statistics: each reads only in-scope rows (scope spliced into the Cypher)
and returns the figures as rows keyed by the fields of ``hub.schema.statistics``, which
builds its types from them."""

from __future__ import annotations

import asyncio
import math
import re
import statistics as stats
from collections import Counter
from datetime import date
from enum import Enum
from typing import Any

from graph import rollups
from graph.ingest.values import BadValue, app_no
from graph.milestones import (
    MILESTONES,
    Milestone,
    MilestoneKind,
    in_cohort,
    inventory_target,
    required,
)
from graph.rollup_delta import share_offset
from graph.vocab import LABELS, Maturity
from hub.context import Context
from hub.errors import BadUserInput, NotFound
from hub.resolvers import co_owned, paging
from hub.resolvers.numbers import finite
from hub.resolvers.scoped import params, statement

__all__ = [
    "GroupBy",
    "conversion_figures",
    "dormant_state_funded",
    "evaluation_consensus",
    "five_years_before",
    "inventory_progress",
    "milestones",
    "resource_library",
]

Row = dict[str, Any]

# Kept with the roll-ups that apply them (graph/rollups.py); re-exported here.
LICENCE_KINDS = rollups.LICENCE_KINDS
EXCUSED = rollups.EXCUSED

QUARTER = re.compile(r"^(19|20)\d{2}Q[1-4]$")


class GroupBy(Enum):
    """How statistics are grouped (the GraphQL enum of ``hub.schema.statistics``)."""

    INSTITUTION = "INSTITUTION"
    PROVINCE = "PROVINCE"
    MINISTRY = "MINISTRY"


def percent(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 2) if whole else 0.0


# --- inventory progress ------------------------------------------------------------------


# The columns of a group of ``statistics/progress.cypher``, in its order.
PROGRESS_SUMS = (
    "key",
    "name",
    "institutions",
    "patents",
    "inventoried",
    "screened_in",
    "required",
    "missing",
    "institutions_behind",
    "deadline",
)


def _cohort(pilot: bool, demonstration: bool) -> str:
    """The key of an institution's cohort in the statements: ``TF`` a pilot, not a
    demonstration institution."""
    return ("T" if pilot else "F") + ("T" if demonstration else "F")


COHORTS = [(pilot, demo) for pilot in (True, False) for demo in (True, False)]


def _progress_row(values: list[Any]) -> Row:
    """A group of ``statistics/progress.cypher`` as a ``ProgressRow``."""
    row: Row = dict(zip(PROGRESS_SUMS, values, strict=True))
    row["percent"] = percent(row["inventoried"], row["patents"])
    row["target_percent"] = percent(row["required"], row["patents"])
    row["behind"] = row["missing"] > 0
    if row["deadline"] is not None:
        row["deadline"] = date.fromisoformat(row["deadline"])
    return row


async def inventory_progress(ctx: Context, as_of: date, by: GroupBy, behind_only: bool) -> Row:
    """Grouped, summed and held to the targets by ``asOf`` in the database: a national
    report by institution reads 3,000 roll-ups and sends back only its groups."""
    p = ctx.principal
    mark = None if by is GroupBy.INSTITUTION else co_owned.credit_mark(p.role, by.value)
    total_mark = co_owned.total_mark(p.role)
    targets = {}
    for pilot, demo in COHORTS:
        share, milestone = inventory_target(as_of, pilot, demo)
        # ISO text: it orders as the dates do, and comes back without a Date per row
        deadline = milestone.deadline.isoformat() if milestone else None
        targets[_cohort(pilot, demo)] = {"share": share, "deadline": deadline}
    args = params(
        p,
        by=by.value,
        markAt=share_offset(mark),
        totalAt=share_offset(total_mark),
        targets=targets,
    )
    found = (await ctx.graph.read(statement("statistics/progress", p.role), args))[0]
    out = [_progress_row(g) for g in found["groups"]]
    if behind_only:
        out = [r for r in out if r["behind"]]
    out.sort(key=lambda r: (-r["missing"], r["key"]))
    # The total's key is null in the record; with no institution in scope there is none.
    total = _progress_row(found["total"] or [None, None, 0, 0, 0, 0, 0, 0, 0, None])
    total["key"], total["name"] = "TOTAL", "合计"
    return {"as_of": as_of, "by": by, "total": total, "rows": out}


def _milestone(m: Milestone, **status: Any) -> Row:
    """One deadline's status row: what the work plan says and how it stands."""
    return {"key": m.key, "deadline": m.deadline, "description": m.description, **status}


INSTITUTION_MILESTONES = (MilestoneKind.INVENTORY_SHARE, MilestoneKind.RESULTS_SHOWN)


async def milestones(ctx: Context, as_of: date) -> list[Row]:
    p = ctx.principal
    total_mark = co_owned.total_mark(p.role)
    asked = [
        {
            "key": m.key,
            "cohorts": [_cohort(*c) for c in COHORTS if in_cohort(m.cohort, *c)],
            "share": m.target if m.kind is MilestoneKind.INVENTORY_SHARE else None,
        }
        for m in MILESTONES
        if m.kind in INSTITUTION_MILESTONES
    ]
    args = params(p, milestones=asked, totalAt=share_offset(total_mark))
    figures, experts, coverage = await asyncio.gather(
        ctx.graph.read(statement("statistics/milestone_figures", p.role), args),
        ctx.graph.read(statement("statistics/experts", p.role), params(p)),
        ctx.graph.read(statement("statistics/enterprise_evaluation", p.role), params(p)),
    )
    found = figures[0]
    counted = {
        key: (concerned, met, missing) for key, concerned, met, missing in found["milestones"]
    }
    out: list[Row] = []
    for m in MILESTONES:
        due = as_of >= m.deadline
        if m.kind in INSTITUTION_MILESTONES:
            concerned, met, missing = counted[m.key]
            out.append(
                _milestone(
                    m,
                    due=due,
                    concerned=concerned,
                    met=met,
                    missing=missing,
                    achieved=met == concerned,
                )
            )
        elif m.kind is MilestoneKind.EXPERT_LIBRARY:
            # Built when every province hosting an in-scope institution has an expert.
            provinces = set(found["provinces"])
            staffed = {e["provinceCode"] for e in experts if e["experts"] > 0}
            met_p = len(provinces & staffed)
            out.append(
                _milestone(
                    m,
                    due=due,
                    concerned=len(provinces),
                    met=met_p,
                    missing=0,
                    achieved=bool(staffed) and met_p == len(provinces),
                )
            )
        else:
            c = dict(coverage[0]) if coverage else {"transferable": 0, "evaluated": 0}
            c["transferable"] += found["transferable"]
            c["evaluated"] += found["evaluated"]
            out.append(
                _milestone(
                    m,
                    due=due,
                    concerned=c["transferable"],
                    met=c["evaluated"],
                    missing=max(0, required(c["transferable"], m.target) - c["evaluated"]),
                    achieved=c["evaluated"] >= required(c["transferable"], m.target),
                )
            )
    return out


# --- quarterly conversion ----------------------------------------------------------------


def _quarters(quarters: list[str]) -> list[str]:
    if not quarters:
        raise BadUserInput(
            "quarters must name at least one quarter, e.g. 2024Q3", argument="quarters"
        )
    for q in quarters:
        if not QUARTER.match(q):
            raise BadUserInput(
                f"quarters: {q!r} is not a quarter (expected e.g. 2024Q3)", argument="quarters"
            )
    return sorted(set(quarters))


async def conversion_figures(ctx: Context, quarters: list[str], by: GroupBy) -> list[Row]:
    if by is GroupBy.INSTITUTION:
        raise BadUserInput("conversion figures group by PROVINCE or MINISTRY", argument="by")
    qs = _quarters(quarters)
    p = ctx.principal
    mark = co_owned.credit_mark(p.role, by.value)
    args = params(p, quarters=qs, by=by.value, mark=mark, markAt=share_offset(mark))
    rates, counts = await asyncio.gather(
        ctx.graph.read(statement("statistics/conversion_rates", p.role), args),
        ctx.graph.read(statement("statistics/conversion_quarters", p.role), args),
    )
    figures: dict[tuple[str, str], Row] = {}

    def cell(key: str, quarter: str) -> Row:
        return figures.setdefault(
            (key, quarter),
            {
                "quarter": quarter,
                "transfer_registrations": 0,
                "licence_filings": 0,
                "product_filings": 0,
                "amount": 0.0,
            },
        )

    for d in counts:
        c = cell(d["key"] or "UNKNOWN", d["quarter"])
        c["transfer_registrations"] += d["transfers"]
        c["licence_filings"] += d["licences"]
        c["product_filings"] += d["products"]
        c["amount"] += finite(d["amount"]) or 0.0
    out = []
    for r in rates:
        key = r["key"] or "UNKNOWN"
        out.append(
            {
                "key": key,
                "name": r["name"],
                "patents": r["patents"],
                "implemented": r["implemented"],
                "implementation_rate": percent(r["implemented"], r["patents"]),
                "industrialised": r["industrialised"],
                "industrialisation_rate": percent(r["industrialised"], r["patents"]),
                "quarters": [cell(key, q) for q in qs],
            }
        )
    return out


# --- resource library --------------------------------------------------------------------


def _buckets(rows: list[dict[str, Any]], names: dict[str, str] | None = None) -> list[Row]:
    return [
        {
            "key": r["key"],
            "name": r.get("name") or (names or {}).get(r["key"] or ""),
            "patents": r["patents"],
        }
        for r in rows
    ]


async def resource_library(ctx: Context) -> Row:
    p = ctx.principal
    rows = await ctx.graph.read(statement("statistics/library", p.role), params(p))
    gbt = [r for r in rows if r["dimension"] == "GBT4754"]
    sei = [r for r in rows if r["dimension"] == "SEI2018"]
    props = [r for r in rows if r["dimension"] in ("maturity", "rating", "total")]
    maturity_names = {m.value: LABELS[m] for m in Maturity}
    rating_names = {str(n): "★" * n for n in range(1, 6)}
    maturity_order = {m.value: i for i, m in enumerate(Maturity)}
    by_maturity = sorted(
        (r for r in props if r["dimension"] == "maturity"),
        key=lambda r: maturity_order.get(r["key"] or "", 99),
    )
    by_rating = sorted(
        (r for r in props if r["dimension"] == "rating"),
        key=lambda r: -(int(r["key"]) if r["key"] else 0),
    )
    total = next((r["patents"] for r in props if r["dimension"] == "total"), 0)
    return {
        "total": total,
        "by_industry": _buckets(gbt),
        "by_sei_field": _buckets(sei),
        "by_maturity": _buckets(by_maturity, maturity_names),
        "by_rating": _buckets(by_rating, rating_names),
    }


# --- dormant state-funded patents --------------------------------------------------------


def _dormant_co_owned(counts: list[dict[str, Any]], shared: list[dict[str, Any]]) -> int:
    """Dormant counts by province, a co-owned patent counted in each of its owners' (the
    rows of ``statistics/dormant_co_owned``), in place; returns what the total misses."""
    out = {r["key"]: r for r in counts}
    unlisted = 0
    for r in shared:
        if r["key"] == "":
            unlisted += r["patents"]
            continue
        key = None if r["key"] == "UNKNOWN" else r["key"]
        row = out.get(key)
        if row is None:
            row = out[key] = {"key": key, "name": r["name"], "patents": 0}
            counts.append(row)
        row["patents"] += r["patents"]
    counts.sort(key=lambda r: (-r["patents"], r["key"] or ""))
    return unlisted


def five_years_before(day: date, argument: str = "asOf") -> date:
    if day.year <= 5:
        raise BadUserInput(
            f"{argument} {day.isoformat()} is too early: five years before it is no date "
            "(use a date from the year 0006 on)",
            argument=argument,
        )
    try:
        return day.replace(year=day.year - 5)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 5, day=28)


async def dormant_state_funded(ctx: Context, as_of: date, first: int, after: str | None) -> Row:
    """The page's ``edges`` carry each patent's ``row`` for ``Patent.from_row``."""
    p = ctx.principal
    limit = paging.page_size(first)
    skip = paging.offset(after)
    cutoff = five_years_before(as_of)
    args = params(p, cutoff=cutoff, skip=skip, limit=limit + 1)
    # Three independent reads: on a cluster (or a 2-core server) they run side by side.
    shared_args = dict(args, ownerDependent=p.role in co_owned.OWNER_DEPENDENT)
    counts, shared, page = await asyncio.gather(
        ctx.graph.read(statement("statistics/dormant_counts", p.role), args),
        ctx.graph.read(statement("statistics/dormant_co_owned", p.role), shared_args),
        ctx.graph.read(statement("statistics/dormant_page", p.role), args),
    )
    counts = [dict(r) for r in counts]
    listed = sum(r["patents"] for r in counts)
    unlisted = _dormant_co_owned(counts, shared)
    edges = [
        {"cursor": paging.encode(skip + n), "row": r["row"]} for n, r in enumerate(page[:limit])
    ]
    return {
        "as_of": as_of,
        "granted_before": cutoff,
        "total_count": listed + unlisted,
        "by_province": _buckets(counts),
        "edges": edges,
        "has_next_page": len(page) > limit,
        "end_cursor": edges[-1]["cursor"] if edges else None,
    }


# --- consensus ---------------------------------------------------------------------------


def summary(values: list[float]) -> Row:
    values = [v for v in values if math.isfinite(v)]  # stored before imports refused them
    if not values:
        return {"count": 0, "mean": None, "std_dev": None, "min": None, "max": None}
    return {
        "count": len(values),
        "mean": round(stats.fmean(values), 4),
        "std_dev": round(stats.pstdev(values), 4),
        "min": min(values),
        "max": max(values),
    }


def normal_app_no(value: str, argument: str = "appNo") -> str:
    try:
        return app_no(value)
    except BadValue as exc:
        raise BadUserInput(f"{argument}: {exc}", argument=argument) from None


async def evaluation_consensus(ctx: Context, app_no_: str) -> Row:
    p = ctx.principal
    key = normal_app_no(app_no_)
    rows = await ctx.graph.read(statement("statistics/consensus", p.role), params(p, appNo=key))
    if not rows:
        raise NotFound(f"no patent {key}", appNo=key)
    evals = rows[0]["evaluations"]
    prospects = [float(v["prospect"]) for v in evals if v.get("prospect") is not None]
    by_kind: dict[str, list[float]] = {"ENTERPRISE": [], "EXPERT": []}
    for v in evals:
        if v.get("prospect") is not None and v.get("evaluatorKind") in by_kind:
            by_kind[v["evaluatorKind"]].append(float(v["prospect"]))
    willing = Counter(v.get("willingness") or "UNSTATED" for v in evals)
    kinds = Counter(v.get("evaluatorKind") for v in evals)
    agreement = round(1.0 - stats.pstdev(prospects) / 2.0, 4) if len(prospects) >= 2 else None
    return {
        "app_no": rows[0]["appNo"],
        "title": rows[0]["title"],
        "count": len(evals),
        "enterprise_count": kinds.get("ENTERPRISE", 0),
        "expert_count": kinds.get("EXPERT", 0),
        "prospect": summary(prospects),
        "score": summary([float(v["score"]) for v in evals if v.get("score") is not None]),
        "enterprise_prospect": summary(by_kind["ENTERPRISE"]),
        "expert_prospect": summary(by_kind["EXPERT"]),
        "agreement": agreement,
        "willingness": [{"key": k, "count": n} for k, n in sorted(willing.items())],
    }
