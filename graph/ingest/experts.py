"""The expert library (kind ``experts``): experts recommended by provinces, by field."""

from __future__ import annotations

from typing import Any

from graph.db import Graph
from graph.ingest import cells, digest, lookup, values
from graph.ingest.cells import missing_columns
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
    for row, c in cells.rows(plan, table):
        eid = c.key("专家编号", values.ident, seen)
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
    if plan.finish(table, rows):
        rows, plan.unchanged = digest.keep_changed(graph, "expert", rows, "id")
        plan.add("ingest/experts", rows)
    return plan
