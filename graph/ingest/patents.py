"""Base-library patents (kind ``patents``): bibliographic rows → patents, owners, inventors,
IPC classes and industries, with the scope keys copied from the owning institution."""

from __future__ import annotations

from typing import Any

from graph.db import Graph
from graph.industry_mapping import gbt4754_for, sei_for_ipc
from graph.ingest import lookup, values
from graph.ingest.cells import Cells, missing_columns
from graph.ingest.plan import Plan
from graph.ingest.table import Table
from graph.vocab import LegalStatus, PatentType

REQUIRED = (
    "申请号",
    "专利名称",
    "专利类型",
    "申请日",
    "法律状态",
    "专利权人",
    "发明人",
    "IPC主分类号",
)


def validate(table: Table, graph: Graph, institution: str | None = None) -> Plan:
    plan = Plan("patents", problems=missing_columns(table, REQUIRED))
    if plan.problems:
        return plan
    owners = lookup.Owners(graph)
    seen: dict[str, int] = {}
    patents: list[dict[str, Any]] = []
    owned: list[dict[str, Any]] = []
    inventors: dict[str, dict[str, str]] = {}
    invented: list[dict[str, Any]] = []
    has_ipc: list[dict[str, Any]] = []
    industries: list[dict[str, Any]] = []
    subclasses: set[str] = set()
    sei_cache: dict[tuple[str, ...], tuple[list[str], str | None]] = {}
    links: dict[str, dict[str, Any]] = {}  # what a patent links to, to prune stale links

    for row in table.rows:
        plan.rows += 1
        c = Cells(row, plan.problems)
        app_no = c.req("申请号", values.app_no)
        if app_no is not None:
            if app_no in seen:
                c.fail("申请号", f"{app_no} already given in row {seen[app_no]}")
            seen.setdefault(app_no, row.number)
        title = c.req("专利名称")
        kind = c.req("专利类型", lambda v: values.enum(PatentType, v))
        filed = c.req("申请日", values.day)
        granted = c.opt("授权日", values.day)
        if filed and granted and granted < filed:
            c.fail("授权日", f"granted {granted} before filing {filed}")
        legal = c.req("法律状态", lambda v: values.enum(LegalStatus, v))
        owner_names = values.split(row.get("专利权人"))
        if not owner_names:
            c.fail("专利权人", "required, but empty")
        resolved = []
        for name in owner_names:
            owner = owners.find(name)
            if owner is None:
                c.fail("专利权人", f"{name!r} is not an institution or enterprise known to the hub")
            else:
                resolved.append(owner)
        first_inst = next((o for o in resolved if o.label == "Institution"), None)
        if resolved and len(resolved) == len(owner_names) and first_inst is None:
            c.fail("专利权人", "no owner is a university, institute or hospital")
        inventor_names = values.split(row.get("发明人"))
        if not inventor_names:
            c.fail("发明人", "required, but empty")
        main = c.req("IPC主分类号", values.ipc)
        codes = c.each("IPC分类号", values.split(row.get("IPC分类号")), values.ipc)
        state_funded = c.opt("是否财政资助", values.yes_no)
        open_licence = c.opt("开放许可", values.yes_no)
        if not c.ok or app_no is None or main is None or first_inst is None:
            continue

        if main not in codes:
            codes.insert(0, main)
        plan.records += 1
        inst_id = first_inst.id
        patents.append(
            {
                "appNo": app_no,
                "stateFunded": state_funded,
                "openLicence": open_licence,
                "props": {
                    "title": title,
                    "abstract": values.text(row.get("摘要")) or None,
                    "type": kind.value if kind else None,
                    "filingDate": filed,
                    "grantDate": granted,
                    "grantYear": granted.year if granted else None,
                    "legalStatus": legal.value if legal else None,
                    "ipcMain": main,
                    "ipcCodes": codes,
                    "ownerNames": owner_names,
                    "institutionId": inst_id,
                    "provinceCode": first_inst.provinceCode,
                    "ministryCode": first_inst.ministryCode,
                },
            }
        )
        for order, owner in enumerate(resolved, start=1):
            owned.append({"a": app_no, "id": owner.id, "label": owner.label, "order": order})
        ids = []
        for name in dict.fromkeys(inventor_names):
            inv_id = f"{inst_id}/{name}"
            ids.append(inv_id)
            inventors.setdefault(inv_id, {"id": inv_id, "name": name, "inst": inst_id})
        invented.append({"a": app_no, "ids": ids})
        subs: dict[str, bool] = {}
        for code in codes:
            subs[code[:4]] = subs.get(code[:4], False) or code == main
        subclasses.update(subs)
        has_ipc.append({"a": app_no, "c": list(subs), "m": list(subs.values())})
        key = tuple(codes)
        if key not in sei_cache:
            sei = sei_for_ipc(codes, strict=False)
            sei_cache[key] = (sei, gbt4754_for(codes, sei, strict=False))
        sei, letter = sei_cache[key]
        ids_src = [(f"SEI2018:{s}", "IPC_CONCORDANCE") for s in sei]
        if letter:
            ids_src.append((f"GBT4754:{letter}", "DERIVED"))
        industry_ids = [i for i, _ in ids_src]
        industries.append({"a": app_no, "i": industry_ids, "s": [s for _, s in ids_src]})
        links[app_no] = {
            "a": app_no,
            "owners": [o.id for o in resolved],
            "inventors": ids,
            "ipc": list(subs),
            "industries": industry_ids,
        }

    plan.problems.extend(table.problems)
    if plan.problems:
        return plan
    existing = lookup.existing_patents(graph, seen)
    plan.add(
        "ingest/ipc_classes",
        [{"sub": s, "cls": s[:3], "sec": s[:1]} for s in sorted(subclasses)],
    )
    plan.add("ingest/patents", patents)
    plan.add("ingest/patents_prune", [links[a] for a in existing])
    plan.add("ingest/owned_by_institution", [o for o in owned if o["label"] == "Institution"])
    plan.add("ingest/owned_by_enterprise", [o for o in owned if o["label"] == "Enterprise"])
    plan.add("ingest/inventors", list(inventors.values()))
    plan.add("ingest/invented", invented)
    plan.add("ingest/has_ipc", has_ipc)
    plan.add("ingest/patent_industries", [r for r in industries if r["i"]])
    return plan
