"""Enterprise and expert evaluation feedback (kind ``evaluations``), one row per evaluation."""

from __future__ import annotations

from typing import Any

from graph.db import Graph
from graph.ingest import cells, digest, lookup, values
from graph.ingest.cells import missing_columns
from graph.ingest.plan import Plan
from graph.ingest.table import Row, Table
from graph.vocab import EvaluatorKind, Maturity, Willingness, stored

__all__ = ["validate"]

REQUIRED = ("评价编号", "申请号", "评价方类型", "评价日期", "产业化前景", "合作意愿")
CREDIT, EXPERT = "统一社会信用代码", "专家编号"


def validate(table: Table, graph: Graph, institution: str | None = None) -> Plan:
    plan = Plan("evaluations", problems=missing_columns(table, REQUIRED))
    if plan.problems:
        return plan
    parsed: list[tuple[Row, dict[str, Any]]] = []
    seen: dict[str, int] = {}
    for row, c in cells.rows(plan, table):
        eid = c.key("评价编号", values.ident, seen)
        app_no = c.req("申请号", values.app_no)
        kind = c.req("评价方类型", lambda v: values.enum(EvaluatorKind, v))
        evaluator = None
        if kind == EvaluatorKind.ENTERPRISE:
            evaluator = c.req(CREDIT, values.credit_code)
            if row.get(EXPERT) is not None:
                c.fail(EXPERT, f"评价方类型为企业时“{EXPERT}”应为空", code="MUST_BE_EMPTY")
        elif kind == EvaluatorKind.EXPERT:
            evaluator = c.req(EXPERT, values.ident)
            if row.get(CREDIT) is not None:
                c.fail(CREDIT, f"评价方类型为专家时“{CREDIT}”应为空", code="MUST_BE_EMPTY")
        props = {
            "evaluatorKind": stored(kind),
            "date": c.req("评价日期", values.day),
            "prospect": c.req("产业化前景", lambda v: values.integer(v, 1, 5)),
            "maturity": stored(c.opt("技术成熟度", lambda v: values.enum(Maturity, v))),
            "improvementNeeds": c.opt("技术改进需求"),
            "willingness": stored(c.req("合作意愿", lambda v: values.enum(Willingness, v))),
            "priceExpectation": c.opt("意向价格（万元）", values.number),
            "score": c.opt("评分", lambda v: values.number(v, 0, 100)),
            "comment": c.opt("备注"),
        }
        if c.ok:
            parsed.append((row, {"id": eid, "a": app_no, "by": evaluator, "props": props}))

    known = lookup.patents(graph, (r["a"] for _, r in parsed))
    firms = lookup.enterprises(graph, (r["by"] for _, r in parsed if _is(r, "ENTERPRISE")))
    experts = lookup.experts(graph, (r["by"] for _, r in parsed if _is(r, "EXPERT")))
    rows = []
    for row, r in parsed:
        ok = True
        if r["a"] not in known:
            plan.problems.append(
                row.problem(
                    "申请号", f"专利不存在：平台中没有申请号 {r['a']}", code="UNKNOWN_PATENT"
                )
            )
            ok = False
        if _is(r, "ENTERPRISE") and r["by"] not in firms:
            plan.problems.append(
                row.problem(
                    CREDIT,
                    f"企业不存在：平台中没有统一社会信用代码为 {r['by']} 的企业",
                    code="UNKNOWN_ENTERPRISE",
                )
            )
            ok = False
        if _is(r, "EXPERT") and r["by"] not in experts:
            plan.problems.append(
                row.problem(
                    EXPERT, f"专家不存在：平台中没有编号为 {r['by']} 的专家", code="UNKNOWN_EXPERT"
                )
            )
            ok = False
        if ok:
            rows.append(r)
    if plan.finish(table, rows):
        rows, plan.unchanged = digest.keep_changed(graph, "evaluation", rows, "id")
        plan.add("ingest/evaluations_enterprise", [r for r in rows if _is(r, "ENTERPRISE")])
        plan.add("ingest/evaluations_expert", [r for r in rows if _is(r, "EXPERT")])
    return plan


def _is(r: dict[str, Any], kind: str) -> bool:
    return bool(r["props"]["evaluatorKind"] == kind)
