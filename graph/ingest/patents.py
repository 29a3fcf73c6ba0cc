"""Base-library patents (kind ``patents``): bibliographic rows → patents, owners, inventors,
IPC classes and industries, with the scope keys copied from the owning institution."""

from __future__ import annotations

from typing import Any

from graph import rollup_delta
from graph.db import Graph
from graph.industry_mapping import gbt4754_for, sei_for_ipc
from graph.ingest import cells, digest, lookup, values
from graph.ingest.cells import Cells, missing_columns
from graph.ingest.plan import Plan
from graph.ingest.table import Table
from graph.vocab import LegalStatus, PatentType, stored

__all__ = ["REQUIRED", "parse", "resolve", "validate"]

REQUIRED = (
    "申请号",
    "专利名称",
    "专利类型",
    "申请日",
    "法律状态",
    "专利权人",
    "发明人",
)
IPC_MAIN, IPC_ALL, LOCARNO = "IPC主分类号", "IPC分类号", "洛迦诺分类号"


def validate(
    table: Table, graph: Graph, institution: str | None = None, *, strict: bool = False
) -> Plan:
    return resolve(graph, *parse(table, lookup.Owners.of(graph), strict=strict))


def parse(
    table: Table, owners: lookup.Owners, *, strict: bool = False
) -> tuple[Plan, list[dict[str, Any]]]:
    """The rows of ``table`` checked and turned into records (with their hashes), without a
    graph read: the part of validation a pipelined import runs ahead for the next file.

    Owner names the hub does not know are warnings (the row is imported, the name kept);
    a row with no institution among its owners is skipped with a warning (``strict``: an
    error)."""
    plan = Plan("patents", problems=missing_columns(table, REQUIRED))
    if plan.problems:
        return plan, []
    seen: dict[str, int] = {}
    records: list[dict[str, Any]] = []
    sei_cache: dict[tuple[str, ...], tuple[list[str], str | None]] = {}

    for row, c in cells.rows(plan, table):
        app_no = c.key("申请号", values.app_no, seen)
        title = c.req("专利名称")
        kind = c.req("专利类型", lambda v: values.enum(PatentType, v))
        filed = c.req("申请日", values.day)
        granted = c.opt("授权日", values.day)
        if filed and granted and granted < filed:
            c.fail(
                "授权日",
                f"授权日早于申请日：授权日 {granted} 在申请日 {filed} 之前",
                code="GRANT_BEFORE_FILING",
            )
        legal = c.req("法律状态", lambda v: values.enum(LegalStatus, v))
        owner_names = list(dict.fromkeys(values.split(row.get("专利权人"))))
        if not owner_names:
            c.empty("专利权人")
        resolved: list[lookup.Resolved] = []
        positions: list[int] = []  # each resolved owner's position in 专利权人
        unknown: list[str] = []
        for n, name in enumerate(owner_names, start=1):
            hit = owners.resolve(name)
            if hit is None:
                unknown.append(name)
            else:
                resolved.append(hit)
                positions.append(n)
        institutions = _distinct([r for r in resolved if r.owner.label == "Institution"])
        inventor_names = values.split(row.get("发明人"))
        if not inventor_names:
            c.empty("发明人")
        main, codes, locarno = _classes(c, row, kind)
        state_funded = c.opt("是否财政资助", values.yes_no)
        open_licence = c.opt("开放许可", values.yes_no)
        if owner_names and not institutions:
            names = "；".join(owner_names)
            reason = f"专利权人中没有平台登记的高校、科研机构或医院（{names}）"
            if strict:
                c.fail("专利权人", reason, code="NO_INSTITUTION_OWNER")
            elif c.ok:
                plan.warn(
                    row,
                    "专利权人",
                    f"本行已跳过：{reason}，不属于存量专利基础库",
                    code="NO_INSTITUTION_OWNER",
                )
                plan.skipped += 1
            continue
        if not c.ok or app_no is None:
            continue
        for name in unknown:
            plan.warn(
                row,
                "专利权人",
                f"{values.shown(name)} 不是平台登记的单位或企业：作为共有人名称保留",
                code="UNREGISTERED_OWNER",
            )
            plan.unknown_owners += 1
        for hit in resolved:
            if hit.unit is not None and hit.new_unit:
                plan.new_units.setdefault(hit.unit.id, (hit.unit, row))
        first_inst = institutions[0].owner
        if main is not None and main not in codes:
            codes.insert(0, main)
        plan.records += 1
        inst_id = first_inst.id
        props = {
            "title": title,
            "abstract": values.text(row.get("摘要")) or None,
            "type": stored(kind),
            "filingDate": filed,
            "grantDate": granted,
            "grantYear": granted.year if granted else None,
            "legalStatus": stored(legal),
            "ipcMain": main,
            "ipcCodes": codes,
            "locarnoClass": locarno,
            "ownerNames": owner_names,
            "institutionId": inst_id,
            "provinceCode": first_inst.provinceCode,
            "ministryCode": first_inst.ministryCode,
            "applicantUnits": sorted({r.unit.id for r in resolved if r.unit is not None}) or None,
            **_shares(institutions),
        }
        ids = [f"{inst_id}/{name}" for name in dict.fromkeys(inventor_names)]
        subs: dict[str, bool] = {}
        for code in codes:
            subs[code[:4]] = subs.get(code[:4], False) or code == main
        key = tuple(codes)
        if key not in sei_cache:
            sei = sei_for_ipc(codes, strict=False)
            sei_cache[key] = (sei, gbt4754_for(codes, sei, strict=False))
        sei, letter = sei_cache[key]
        ind = [{"i": f"SEI2018:{s}", "s": "IPC_CONCORDANCE"} for s in sei]
        if letter:
            ind.append({"i": f"GBT4754:{letter}", "s": "DERIVED"})
        record: dict[str, Any] = {
            "appNo": app_no,
            "stateFunded": state_funded,
            "openLicence": open_licence,
            "props": props,
            "own": _links(resolved, positions, "Institution"),
            "firms": _links(resolved, positions, "Enterprise"),
            "inv": ids,
            "names": [{"name": name, "order": owner_names.index(name) + 1} for name in unknown],
            "ipc": [{"c": c, "m": m} for c, m in subs.items()],
            "ind": ind,
        }
        record["hash"] = digest.record_hash(record)
        records.append(record)

    plan.problems.extend(table.problems)
    return plan, records


def _distinct(found: list[lookup.Resolved]) -> list[lookup.Resolved]:
    """One entry per owner (a university named twice, by itself and by a unit, owns once)."""
    seen: dict[str, lookup.Resolved] = {}
    for r in found:
        seen.setdefault(r.owner.id, r)
    return list(seen.values())


def _links(found: list[lookup.Resolved], positions: list[int], label: str) -> list[dict[str, Any]]:
    """``OWNED_BY`` rows of one label, each owner once, ``order`` its position in the cell
    (the same numbering as the ``NAMED_OWNER`` rows of unregistered names)."""
    out: dict[str, dict[str, Any]] = {}
    for n, r in zip(positions, found, strict=True):
        if r.owner.label == label and r.owner.id not in out:
            out[r.owner.id] = {"id": r.owner.id, "order": n}
    return list(out.values())


def _shares(institutions: list[lookup.Resolved]) -> dict[str, Any]:
    """Scope keys of every owning institution (docs/scope.md, "Several owners"): set on
    co-owned patents only, so single-owner patents keep their index seeks unchanged."""
    if len(institutions) < 2:
        return {
            "coOwned": None,
            "institutionIds": None,
            "provinceCodes": None,
            "ministryCodes": None,
        }
    owners = [r.owner for r in institutions]
    return {
        "coOwned": True,
        "institutionIds": [o.id for o in owners],
        "provinceCodes": sorted({o.provinceCode for o in owners if o.provinceCode}),
        "ministryCodes": sorted({o.ministryCode for o in owners if o.ministryCode}),
    }


def _classes(
    c: Cells, row: Any, kind: PatentType | None
) -> tuple[str | None, list[str], str | None]:
    """IPC main code and codes, and the Locarno class: a design (外观设计) has a Locarno
    class or none and no IPC code (databases print its Locarno class in the IPC columns);
    inventions and utility models need an IPC main code."""
    if kind is PatentType.DESIGN:
        given = [row.get(LOCARNO), row.get(IPC_MAIN), *values.split(row.get(IPC_ALL))]
        for column, value in ((LOCARNO, given[0]), (IPC_MAIN, given[1])):
            if value is not None and not values.is_locarno(value):
                c.fail(
                    column,
                    f"外观设计应填洛迦诺分类号（如 24-02 或 LOC(14) Cl. 24-02），"
                    f"而不是 IPC 分类号：{values.shown(value)}",
                    code="DESIGN_NEEDS_LOCARNO",
                )
        found = next((values.locarno(v) for v in given if v and values.is_locarno(v)), None)
        return None, [], found
    main = c.req(IPC_MAIN, values.ipc)
    codes = c.each(IPC_ALL, values.split(row.get(IPC_ALL)), values.ipc)
    if row.get(LOCARNO) is not None:
        c.fail(LOCARNO, "洛迦诺分类号只用于外观设计专利", code="LOCARNO_NOT_DESIGN")
    return main, codes, None


def resolve(
    graph: Graph, plan: Plan, records: list[dict[str, Any]], *, accept_valid: bool = False
) -> Plan:
    """The writes of parsed ``records``, against the graph as it is now: unchanged records
    dropped, new patents and inventors created, changed patents merged. A plan with problems
    writes nothing, unless ``accept_valid`` (then the valid records are written)."""
    if plan.problems and not (accept_valid and records):
        return plan
    stored = lookup.patent_hashes(graph, [r["appNo"] for r in records])
    todo, plan.unchanged = digest.changed(records, stored, "appNo")
    fresh = [r for r in todo if r["appNo"] not in stored]
    known = [r for r in todo if r["appNo"] in stored]
    _plan_writes(graph, plan, fresh, known)
    return plan


def _created(record: dict[str, Any]) -> dict[str, Any]:
    """The properties a new patent gets: those of the row, the defaults of the flags and
    the inventory state, the row's hash (what ``patents.cypher`` would give it) and the
    roll-ups' dormant flag (so nothing reads the new patent back for it)."""
    props = {k: v for k, v in record["props"].items() if v is not None}
    props["appNo"] = record["appNo"]
    props["stateFunded"] = bool(record["stateFunded"])
    props["openLicence"] = bool(record["openLicence"])
    props["inventoryState"] = "NOT_INVENTORIED"
    if props.get("applicantUnits"):
        props["unitIds"] = props["applicantUnits"]
    props["transferable"] = False
    props["baseHash"] = record["hash"]
    flag = rollup_delta.dormant(props, has_deal=False)  # what rollups/dormant_flags sets
    if flag is not None:
        props["dormant"] = flag
    return props


def _plan_writes(
    graph: Graph, plan: Plan, fresh: list[dict[str, Any]], known: list[dict[str, Any]]
) -> None:
    """Inventors the hub lacks are created first. New patents: one CREATE statement for
    node and links. Patents the hub holds whose row changed: MERGE, prune the links the row
    no longer gives, MERGE the links."""
    both = fresh + known
    plan.add_new_units("专利权人")
    subclasses = sorted({x["c"] for r in both for x in r["ipc"]})
    plan.add("ingest/ipc_classes", [{"sub": s, "cls": s[:3], "sec": s[:1]} for s in subclasses])
    inventors: dict[str, dict[str, str]] = {}
    for r in both:
        inst = r["props"]["institutionId"]
        for inv_id in r["inv"]:
            if inv_id not in inventors:
                inventors[inv_id] = {"id": inv_id, "name": inv_id[len(inst) + 1 :], "inst": inst}
    held = lookup.inventors(graph, inventors)
    plan.add("ingest/inventors_new", [v for k, v in inventors.items() if k not in held])
    new_rows = []
    for r in fresh:
        props = _created(r)
        plan.created[r["appNo"]] = props
        plan.created_industries[r["appNo"]] = [x["i"] for x in r["ind"]]
        new_rows.append(
            {
                "appNo": r["appNo"],
                "props": props,
                "own": r["own"],
                "firms": r["firms"],
                "inv": r["inv"],
                "ipc": r["ipc"],
                "ind": r["ind"],
            }
        )
    plan.add("ingest/patents_new", new_rows)
    plan.add(
        "ingest/patents",
        [
            {
                "appNo": r["appNo"],
                "stateFunded": r["stateFunded"],
                "openLicence": r["openLicence"],
                "props": dict(r["props"], baseHash=r["hash"]),
            }
            for r in known
        ],
    )
    plan.add(
        "ingest/patents_prune",
        [
            {
                "a": r["appNo"],
                "owners": [o["id"] for o in sorted(r["own"] + r["firms"], key=_order)],
                "inventors": r["inv"],
                "ipc": [x["c"] for x in r["ipc"]],
                "industries": [x["i"] for x in r["ind"]],
            }
            for r in known
        ],
    )
    plan.add(
        "ingest/owned_by_institution",
        [{"a": r["appNo"], "id": o["id"], "order": o["order"]} for r in known for o in r["own"]],
    )
    plan.add(
        "ingest/owned_by_enterprise",
        [{"a": r["appNo"], "id": o["id"], "order": o["order"]} for r in known for o in r["firms"]],
    )
    plan.add("ingest/invented", [{"a": r["appNo"], "ids": r["inv"]} for r in known])
    plan.add(
        "ingest/patent_parties",
        [{"a": r["appNo"], "names": r["names"]} for r in both if r in known or r["names"]],
    )
    plan.add(
        "ingest/has_ipc",
        [
            {"a": r["appNo"], "c": [x["c"] for x in r["ipc"]], "m": [x["m"] for x in r["ipc"]]}
            for r in known
        ],
    )
    plan.add(
        "ingest/patent_industries",
        [
            {"a": r["appNo"], "i": [x["i"] for x in r["ind"]], "s": [x["s"] for x in r["ind"]]}
            for r in known
            if r["ind"]
        ],
    )


def _order(owner: dict[str, Any]) -> int:
    return int(owner["order"])
