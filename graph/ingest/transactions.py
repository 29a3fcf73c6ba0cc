"""Transaction registration (kind ``transactions``): one row per deal, several patents for
pools and packages, the seller an institution and the buyer an enterprise of the hub."""

from __future__ import annotations

from typing import Any

from graph.db import Graph
from graph.ingest import cells, digest, lookup, values
from graph.ingest.cells import missing_columns
from graph.ingest.plan import Plan
from graph.ingest.table import Row, Table
from graph.vocab import PaymentMode, TransactionKind, stored

__all__ = ["validate"]

ID, APP_NOS, SELLER, BUYER = "交易编号", "申请号", "让与方", "受让方统一社会信用代码"
AMOUNT, ENTRY, RATE, PARTS = "金额（万元）", "入门费（万元）", "提成比例（%）", "分期数"
REQUIRED = (ID, APP_NOS, "交易类型", SELLER, BUYER, "支付方式", "合同日期", "是否已登记备案")

# Columns each payment mode needs.
NEEDS = {
    PaymentMode.LUMP_SUM: (AMOUNT,),
    PaymentMode.INSTALMENTS: (AMOUNT, PARTS),
    PaymentMode.ENTRY_FEE_ROYALTY: (ENTRY, RATE),
    PaymentMode.ROYALTY: (RATE,),
}


def validate(table: Table, graph: Graph, institution: str | None = None) -> Plan:
    plan = Plan("transactions", problems=missing_columns(table, REQUIRED))
    if plan.problems:
        return plan
    owners = lookup.Owners.of(graph)
    parsed: list[tuple[Row, dict[str, Any]]] = []
    seen: dict[str, int] = {}
    for row, c in cells.rows(plan, table):
        tid = c.key(ID, values.ident, seen)
        app_nos = c.each(APP_NOS, values.split(row.get(APP_NOS)), values.app_no)
        if row.get(APP_NOS) is None:
            c.empty(APP_NOS)
        kind = c.req("交易类型", lambda v: values.enum(TransactionKind, v))
        seller_text = c.req(SELLER)
        seller = owners.institution(seller_text) if seller_text else None
        if seller_text and seller is None:
            c.fail(
                SELLER,
                f"单位不存在：平台中没有标识或名称为 {values.shown(seller_text)} 的高校或科研机构",
                code="UNKNOWN_INSTITUTION",
            )
        buyer = c.req(BUYER, values.credit_code)
        mode = c.req("支付方式", lambda v: values.enum(PaymentMode, v))
        for column in NEEDS.get(mode, ()) if mode else ():
            if row.get(column) is None:
                c.fail(
                    column,
                    f"必填项为空：支付方式为“{values.text(row.get('支付方式'))}”时须填写“{column}”",
                    code="REQUIRED",
                )
        amount = c.opt(AMOUNT, values.number)
        entry = c.opt(ENTRY, values.number)
        rate = c.opt(RATE, lambda v: values.number(v, 0, 100))
        parts = c.opt(PARTS, lambda v: values.integer(v, 2, 360))
        day = c.req("合同日期", values.day)
        registered = c.req("是否已登记备案", values.yes_no)
        if not c.ok or seller is None or day is None:
            continue
        props = {
            "kind": stored(kind),
            "paymentMode": stored(mode),
            "amount": amount,
            "entryFee": entry,
            "royaltyRate": rate,
            "instalments": parts,
            "date": day,
            "quarter": values.quarter(day),
            "registered": registered,
            "remark": c.opt("备注"),
        }
        parsed.append(
            (row, {"id": tid, "a": app_nos, "seller": seller.id, "buyer": buyer, "props": props})
        )

    known = lookup.patents(graph, (a for _, r in parsed for a in r["a"]))
    firms = lookup.enterprises(graph, (r["buyer"] for _, r in parsed))
    rows = []
    for row, r in parsed:
        ok = True
        for a in r["a"]:
            patent = known.get(a)
            if patent is None:
                plan.problems.append(
                    row.problem(APP_NOS, f"专利不存在：平台中没有申请号 {a}", code="UNKNOWN_PATENT")
                )
                ok = False
            elif r["seller"] not in patent.owners:
                plan.problems.append(
                    row.problem(
                        APP_NOS,
                        f"专利不属于让与方：{a} 的专利权人不含 {r['seller']}",
                        code="NOT_SELLERS_PATENT",
                    )
                )
                ok = False
        if r["buyer"] not in firms:
            plan.problems.append(
                row.problem(
                    BUYER,
                    f"企业不存在：平台中没有统一社会信用代码为 {r['buyer']} 的企业",
                    code="UNKNOWN_ENTERPRISE",
                )
            )
            ok = False
        if ok:
            rows.append(r)
    if plan.finish(table, rows):
        rows, plan.unchanged = digest.keep_changed(graph, "transaction", rows, "id")
        plan.add("ingest/transactions", rows)
    return plan
