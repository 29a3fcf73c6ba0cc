"""The expert library (kind ``experts``): experts recommended by provinces, by field."""

from __future__ import annotations

from typing import Any

from graph.db import Graph
from graph.ingest import digest, lookup, values
from graph.ingest.cells import Cells, missing_columns
from graph.ingest.directory import industry_id, province_code
from graph.ingest.plan import Plan
from graph.ingest.table import Table

__all__ = ["validate"]

REQUIRED = ("专家编号", "姓名", "推荐省份代码", "专业领域")


def validate(table: Table, graph: Graph, institution: str | None = None) -> Plan:
    plan = Plan("experts", problems=missing_columns(table, REQUIRED))
    if plan.problems:
        return plan
    known = lookup.industries(graph)
    seen: dict[str, int] = {}
    rows: list[dict[str, Any]] = []
    for row in table.rows:
        plan.rows += 1
        c = Cells(row, plan.problems)
        eid = c.req("专家编号", values.ident)
        c.unique("专家编号", eid, seen)
        province = c.req("推荐省份代码", province_code)
        fields = c.each(
            "专业领域", values.split(row.get("专业领域")), lambda v: industry_id(v, known)
        )
        if row.get("专业领域") is None:
            c.empty("专业领域")
        props = {
            "name": c.req("姓名"),
            "title": c.opt("职称"),
            "organisation": c.opt("工作单位"),
            "provinceCode": province,
            "phone": c.opt("联系电话", values.phone),
            "email": c.opt("电子邮箱", values.email),
        }
        if c.ok:
            rows.append({"id": eid, "props": props, "industries": fields})
    plan.records = len(rows)
    plan.problems.extend(table.problems)
    if not plan.problems:
        rows, plan.unchanged = digest.keep_changed(graph, "expert", rows, "id")
        plan.add("ingest/experts", rows)
    return plan
