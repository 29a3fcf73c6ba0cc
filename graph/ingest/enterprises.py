"""The enterprise directory (kind ``enterprises``): who can evaluate, buy and be pushed to."""

from __future__ import annotations

from typing import Any

from graph.db import Graph
from graph.ingest import cells, digest, lookup, values
from graph.ingest.cells import missing_columns
from graph.ingest.directory import industry_id, province_code
from graph.ingest.plan import Plan
from graph.ingest.refdata import reference
from graph.ingest.table import Table
from graph.vocab import EnterpriseKind

__all__ = ["validate"]

REQUIRED = ("统一社会信用代码", "企业名称", "省级代码")


def validate(table: Table, graph: Graph, institution: str | None = None) -> Plan:
    plan = Plan("enterprises", problems=missing_columns(table, REQUIRED))
    if plan.problems:
        return plan
    known = lookup.industries(graph)
    ref = reference()
    seen: dict[str, int] = {}
    rows: list[dict[str, Any]] = []
    for row, c in cells.rows(plan, table):
        code = c.key("统一社会信用代码", values.credit_code, seen)
        name = c.req("企业名称")
        kinds = c.each(
            "企业类型",
            values.split(row.get("企业类型")),
            lambda v: values.enum(EnterpriseKind, v).value,
        )
        province = c.req("省级代码", province_code)
        city = c.opt("地级代码", values.text)
        if city is not None and province in ref.provinces and ref.cities.get(city) != province:
            c.fail(
                "地级代码",
                f"地级代码不正确：{values.shown(city)} 不是省级代码 {province} 下的地级行政区",
                code="UNKNOWN_CITY",
            )
        industries = c.each(
            "所属行业",
            values.split(row.get("所属行业")),
            lambda v: industry_id(v, known, gbt_only=True),
        )
        props = {
            "name": name,
            "aliases": values.split(row.get("曾用名")),
            "kinds": kinds,
            "provinceCode": province,
            "cityCode": city,
            "address": c.opt("地址"),
            "contact": c.opt("联系人"),
            "phone": c.opt("联系电话", values.phone),
        }
        need = c.opt("技术需求")
        if c.ok:
            rows.append(
                {
                    "code": code,
                    "props": props,
                    "industries": industries,
                    "central": EnterpriseKind.CENTRAL_SOE.value in kinds,
                    "need": need,
                }
            )
    if plan.finish(table, rows):
        rows, plan.unchanged = digest.keep_changed(graph, "enterprise", rows, "code")
        plan.add("ingest/enterprises", rows)
        plan.add(
            "ingest/owner_names_link",
            [
                {"id": r["code"], "names": [r["props"]["name"], *r["props"]["aliases"]]}
                for r in rows
            ],
        )
    return plan
