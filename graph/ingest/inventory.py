"""Inventory results (kind ``inventory``) in the national template's columns.

A patent takes one row, plus continuation rows (申请号 empty) that add one more
implementation status (L–O) or conversion intent (P–W: the intent with its own 费用标准,
意向合作城市, 意向合作企业, 意向价格, 联系人, 联系方式) each. The rules of the template
(screen-out statuses, star ratings, amounts) are checked per patent once all its rows are in.

所属学院 names the unit of the patent (docs/graph-model.md, "Units"); an inventory for a unit
(``unit``) takes only that unit's patents. A co-owned patent may be inventoried by any of
its owning institutions: it has one inventory, the last one imported (``inventoriedBy``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from graph.db import Graph
from graph.ingest import digest, lookup, values
from graph.ingest.cells import Cells, missing_columns
from graph.ingest.plan import Plan
from graph.ingest.refdata import reference
from graph.ingest.table import Layout, Problem, Row, Table
from graph.vocab import (
    LABELS,
    RATING_STARS,
    ImplStatus,
    Intent,
    IntentDetail,
    Maturity,
    PriceBand,
    from_label,
    stored,
)

__all__ = ["IMPLEMENTED", "INTENT_DETAILS", "LAYOUT", "SCREEN_OUT", "validate"]

LAYOUT = Layout(sheet="批量导入", header_rows=(2, 3), first_row=4)

APP_NO = "申请号"
FUNDED = "是否属于财政资助科研项目形成专利"
L1, L2, AMOUNT, REMARK = "一级实施状态", "二级状态描述", "金额（万元）/评价结果/产品名称", "备注"
I1, I2 = "转化意愿（一级）", "转化意愿（二级）"
FEE, CITIES, ENTERPRISES, PRICE = "费用标准（万元）", "意向合作城市", "意向合作企业", "意向价格"
CONTACT, PHONE, MATURITY, RATING = "联系人", "联系方式", "技术成熟度", "专利价值分级自评"
PRODUCT, INDUSTRY, PROSPECT = (
    "本专利对应产品、技术优势、性能指标",
    "国民经济行业分类",
    "产业化前景描述",
)
SEI, IPC_FIELD = "战新分类", "本专利所属技术领域（IPC）"

REQUIRED = (APP_NO, FUNDED, L1)
DEPARTMENT = "所属学院"
# The 转化意愿 group (P–W): what a continuation row adding an intent may carry of its own.
INTENT_GROUP = (FEE, CITIES, ENTERPRISES, PRICE, CONTACT, PHONE)
CONTINUATION_COLUMNS = {"序号", L1, L2, AMOUNT, REMARK, I1, I2, *INTENT_GROUP}
# Columns that must stay empty when the patent is screened out (intent to application).
SCREENED_OUT_EMPTY = (
    I1,
    I2,
    FEE,
    CITIES,
    ENTERPRISES,
    PRICE,
    CONTACT,
    PHONE,
    MATURITY,
    RATING,
    PRODUCT,
    INDUSTRY,
    PROSPECT,
    SEI,
    IPC_FIELD,
)
SCREEN_OUT = {ImplStatus.TO_BE_ABANDONED, ImplStatus.OWNERSHIP_DISPUTE, ImplStatus.UNSUITABLE}
IMPLEMENTED = {ImplStatus.LICENSED, ImplStatus.TRANSFERRED, ImplStatus.SELF_INDUSTRIALISED}
NO_LEVEL2 = {ImplStatus.NOT_IMPLEMENTED, ImplStatus.EVALUATION_REPORT}
PRODUCT_LEVEL2 = {
    "已由被许可人实现产业化",
    "已通过技术服务合同或技术开发合同约定由合作企业实现产业化",
}
CUSTOM_PREFIX = "自定义"

# Level-2 intent lists of the template (defined names 拟许可, 拟转让, 拟自行应用或产业化).
INTENT_DETAILS: dict[Intent, set[IntentDetail]] = {
    Intent.LICENCE: {
        IntentDetail.OPEN_LICENCE,
        IntentDetail.ORDINARY_LICENCE,
        IntentDetail.EXCLUSIVE_LICENCE,
        IntentDetail.SOLE_LICENCE,
        IntentDetail.PATENT_POOL,
    },
    Intent.TRANSFER: {IntentDetail.TRANSFER, IntentDetail.EQUITY},
    Intent.OWN_USE: set(),
}


@dataclass
class Entry:
    """One implementation status or one intent, with the row it came from."""

    row: Row
    level1: Any
    level2: str | None
    extra: Any = None
    group: dict[str, Any] = field(default_factory=dict)  # P–W cells of an intent's row


@dataclass
class Pending:
    """A patent whose rows are still being read."""

    app_no: str
    row: Row
    cells: dict[str, Any]
    statuses: list[Entry] = field(default_factory=list)
    intents: list[Entry] = field(default_factory=list)
    bad: bool = False  # a continuation row of it has a problem: the patent is not written


def _level1_status(text: str) -> ImplStatus:
    hit = from_label(ImplStatus, text)
    return hit if hit is not None else ImplStatus.CUSTOM


def _add_entries(p: Pending, row: Row) -> None:
    if row.get(L1) is not None or row.get(L2) is not None or row.get(AMOUNT) is not None:
        p.statuses.append(Entry(row, row.get(L1), row.get(L2), row.get(AMOUNT)))
    if row.get(I1) is not None or row.get(I2) is not None:
        group = {c: row.get(c) for c in INTENT_GROUP if row.get(c) is not None}
        p.intents.append(Entry(row, row.get(I1), row.get(I2), group=group))
    if row.get(REMARK) is not None:
        p.cells.setdefault("_remarks", []).append(values.text(row.get(REMARK)))


def _continuation_problems(row: Row) -> list[Problem]:
    """What a continuation row fills beyond one more status or intent: each makes the
    patent above it invalid."""
    problems = [
        row.problem(
            column,
            "续行（申请号为空）只能填写实施状态和转化意愿，不能填写此列",
            code="CONTINUATION_COLUMN",
        )
        for column in row.values
        if column not in CONTINUATION_COLUMNS
    ]
    if row.get(I1) is None and row.get(I2) is None:
        problems += [
            row.problem(
                column,
                "此列属于一项转化意愿：请在本行填写“转化意愿（一级）”",
                code="INTENT_GROUP_WITHOUT_INTENT",
            )
            for column in INTENT_GROUP
            if row.get(column) is not None
        ]
    return problems


def validate(
    table: Table,
    graph: Graph,
    institution: str | None = None,
    *,
    unit: str | None = None,
    accept_valid: bool = False,
) -> Plan:
    plan = Plan("inventory", problems=missing_columns(table, REQUIRED))
    if plan.problems:
        return plan
    owners = lookup.Owners.of(graph)
    inst = None
    if institution:
        inst = owners.institution(institution)
        if inst is None:
            plan.problems.append(
                Problem(
                    table.sheet,
                    0,
                    "",
                    f"--institution {values.shown(institution)} 不是平台登记的高校或科研机构",
                    code="UNKNOWN_INSTITUTION",
                )
            )
            return plan
    account_unit: lookup.Unit | None = None
    if unit:
        found = _account_unit(owners, inst, unit)
        if isinstance(found, str):
            plan.problems.append(Problem(table.sheet, 0, "", found, code="UNKNOWN_UNIT"))
            return plan
        account_unit = found
    pending: list[Pending] = []
    seen: dict[str, int] = {}
    for row in table.rows:
        plan.rows += 1
        if row.get(APP_NO) is None:
            if not pending:
                plan.problems.append(
                    row.problem(
                        APP_NO,
                        "续行上方没有专利：申请号为空的行只能接在一条专利的行之后",
                        code="ORPHAN_CONTINUATION",
                    )
                )
                continue
            problems = _continuation_problems(row)
            if problems:
                pending[-1].bad = True
                plan.problems.extend(problems)
            _add_entries(pending[-1], row)
            continue
        c = Cells(row, plan.problems)
        app_no = c.req(APP_NO, values.app_no)
        if app_no is None:
            continue
        if app_no in seen:
            c.fail(
                APP_NO,
                f"重复盘点：{app_no} 已在第 {seen[app_no]} 行盘点",
                code="DUPLICATE",
            )
            continue
        seen[app_no] = row.number
        p = Pending(app_no, row, dict(row.values))
        _add_entries(p, row)
        pending.append(p)

    known = lookup.patents(graph, seen)
    records = []
    for p in pending:
        scope = Scope(owners, inst, account_unit, plan)
        record = _patent(p, known.get(p.app_no), scope, plan.problems)
        if record is not None and not p.bad:
            records.append(record)
    if plan.finish(table, records) or accept_valid:
        plan.add_new_units(DEPARTMENT)
        hashes = {a: k.inventoryHash for a, k in known.items()}
        changed, plan.unchanged = digest.changed(records, hashes, "appNo")
        for r in changed:
            r["props"]["inventoryHash"] = r["hash"]
            r["props"]["inventoriedAt"] = date.today()
        plan.add("ingest/inventory", changed)
    return plan


@dataclass
class Scope:
    """Whose inventory this is: the institution and unit it is for (None: any owner)."""

    owners: lookup.Owners
    inst: lookup.Owner | None
    unit: lookup.Unit | None
    plan: Plan


def _account_unit(owners: lookup.Owners, inst: lookup.Owner | None, unit: str) -> lookup.Unit | str:
    """The registered unit an inventory is for (by id or name), or why it cannot be."""
    if inst is None:
        return f"--unit {values.shown(unit)} 须与 --institution（该单位所属的机构）一起使用"
    found = owners.units.get(unit.strip()) or owners.unit_names.get((inst.id, unit.strip()))
    if found is None or found.institutionId != inst.id:
        return f"--unit {values.shown(unit)} 不是 {inst.name}（{inst.id}）登记的单位"
    return found


def _department(c: Cells, p: Pending, owner_id: str | None, scope: Scope) -> list[str]:
    """The unit 所属学院 names (template cell G3: 高校管理员 fill the university's name,
    分校 and 学院 administrators their unit's): [] for the institution itself."""
    name = values.text(p.cells.get(DEPARTMENT))
    if owner_id is None:
        return []
    if not name:
        return [scope.unit.id] if scope.unit is not None else []
    owner = scope.owners.by_id.get(owner_id)
    if scope.owners.institution(name) is not None and scope.owners.institution(name) == owner:
        if scope.unit is not None:
            c.fail(
                DEPARTMENT,
                f"单位账号的盘点须在所属学院填写本单位名称（{scope.unit.name}）",
                code="NOT_ACCOUNT_UNIT",
            )
        return []
    if owner is not None and owner.name and name.startswith(owner.name):
        name = name[len(owner.name) :].strip()
    if not name or len(name) > 60 or "/" in name:
        c.fail(
            DEPARTMENT,
            f"不是单位名称：{values.shown(p.cells.get(DEPARTMENT))}（至多 60 个字符，不含 /）",
            code="BAD_UNIT_NAME",
        )
        return []
    unit, new = scope.owners.unit(owner_id, name)
    if scope.unit is not None and unit.id != scope.unit.id:
        c.fail(
            DEPARTMENT,
            f"所属学院 {values.shown(name)} 不是本次盘点的单位（{scope.unit.name}）",
            code="NOT_ACCOUNT_UNIT",
        )
        return []
    if new:
        scope.plan.new_units.setdefault(unit.id, (unit, p.row))
    return [unit.id]


def _patent(
    p: Pending,
    known: lookup.KnownPatent | None,
    scope: Scope,
    problems: list[Problem],
) -> dict[str, Any] | None:
    before = len(problems)
    c = Cells(p.row, problems)
    inst = scope.inst
    if known is None:
        c.fail(
            APP_NO,
            f"专利不在存量专利基础库中：{p.app_no}（请先按 patents 类型导入基础库）",
            code="UNKNOWN_PATENT",
        )
    elif inst is not None and inst.id not in known.owners:
        c.fail(
            APP_NO,
            f"不是本单位的专利：{p.app_no} 的专利权人不含 {inst.name}（{inst.id}）",
            code="NOT_OWN_PATENT",
        )
    elif scope.unit is not None and scope.unit.id not in known.units:
        c.fail(
            APP_NO,
            f"不是本单位的专利：{p.app_no} 不属于 {scope.unit.name}（{scope.unit.id}）",
            code="NOT_UNIT_PATENT",
        )
    owner_id = inst.id if inst is not None else (known.institutionId if known else None)
    department_units = _department(c, p, owner_id, scope) if c.ok else []

    statuses = _statuses(p, problems)
    screened_out = any(s in SCREEN_OUT for s, _, _ in statuses)
    intents, details, offers = _intents(p, problems)
    funded = c.req(FUNDED, values.yes_no)
    props: dict[str, Any] = {
        "stateFunded": funded,
        "department": values.text(p.cells.get(DEPARTMENT)) or None,
        "departmentUnits": department_units,
        "inventoriedBy": owner_id,
        "maintenanceYears": c.opt("维持年限", lambda v: values.integer(v, 0, 30)),
        "combinationName": c.opt("组合专利名称", lambda v: values.max_len(v, 50)),
        "combinationAppNos": c.each(
            "组合专利信息", values.split(p.cells.get("组合专利信息"), commas=True), values.app_no
        ),
        "combinationDesc": c.opt("组合专利描述", lambda v: values.max_len(v, 500)),
        "remark": "；".join(p.cells.get("_remarks", [])) or None,
    }
    if len(props["combinationAppNos"]) > 9:
        c.fail(
            "组合专利信息",
            f"组合专利过多：共 {len(props['combinationAppNos'])} 件，至多 9 件",
            code="TOO_MANY",
        )
    props["implStatuses"] = list(dict.fromkeys(s.value for s, _, _ in statuses))
    props["implDetails"] = [d for _, d, _ in statuses if d]
    amounts = [x for _, _, x in statuses if isinstance(x, float)]
    props["implAmount"] = sum(amounts) if amounts else None
    props["implProducts"] = [
        x for s, d, x in statuses if isinstance(x, str) and s != ImplStatus.EVALUATION_REPORT
    ]
    results = [x for s, _, x in statuses if s == ImplStatus.EVALUATION_REPORT and x]
    props["evaluationResult"] = "；".join(results) if results else None
    props["implemented"] = any(s in IMPLEMENTED for s, _, _ in statuses)
    props["intents"] = list(dict.fromkeys(i.value for i in intents))
    props["intentDetails"] = list(dict.fromkeys(d.value for d in details))

    industries: list[str] = []
    if screened_out:
        for column in SCREENED_OUT_EMPTY:
            for row in [p.row] + [e.row for e in p.intents if e.row is not p.row]:
                if row.get(column) is not None:
                    problems.append(
                        row.problem(
                            column,
                            "应为空：该专利已被筛除"
                            "（即将放弃专利权 / 涉及权属纠纷 / 其他不适宜转化的情况）",
                            code="MUST_BE_EMPTY",
                        )
                    )
        props["inventoryState"] = "SCREENED_OUT"
        for key in ("intents", "intentDetails", "intentOffers"):
            props[key] = []
    else:
        props["inventoryState"] = "SCREENED_IN"
        props["priceBand"] = stored(c.req(PRICE, lambda v: values.enum(PriceBand, v)))
        props["contact"] = c.req(CONTACT)
        props["contactPhone"] = c.req(PHONE, values.contact)
        first = {
            "priceBand": props["priceBand"],
            "contact": props["contact"],
            "contactPhone": props["contactPhone"],
        }
        parsed = [_offer(Cells(e.row, problems), e, o, first) for e, o in offers]
        if not parsed and p.row.get(I1) is None:
            parsed = [_offer(c, Entry(p.row, None, None, group=dict(p.cells)), None, first)]
        fees = [o["feeStandard"] for o in parsed if o["feeStandard"] is not None]
        props["feeStandard"] = fees[0] if fees else None
        props["intendedCities"] = list(dict.fromkeys(x for o in parsed for x in o["cities"]))
        props["intendedEnterprises"] = list(
            dict.fromkeys(x for o in parsed for x in o["enterprises"])
        )
        props["intentOffers"] = [
            json.dumps(o, ensure_ascii=False, sort_keys=True) for o in parsed if o["intent"]
        ]
        props["maturity"] = stored(c.req(MATURITY, lambda v: values.enum(Maturity, v)))
        rating = c.req(RATING, _stars)
        props["rating"] = rating
        props["productDesc"] = c.opt(PRODUCT, lambda v: values.max_len(v, 500))
        props["prospectDesc"] = c.opt(PROSPECT, lambda v: values.max_len(v, 500))
        if rating is not None and rating >= 3:
            for column, key in ((PRODUCT, "productDesc"), (PROSPECT, "prospectDesc")):
                if props[key] is None and p.row.get(column) is None:
                    c.fail(
                        column,
                        f"必填项为空：评级为 {rating} 星时须填写“{column}”（一星、二星可不填）",
                        code="REQUIRED",
                    )
        letter = c.opt(INDUSTRY, _section)
        props["declaredIndustry"] = letter
        if letter:
            industries.append(f"GBT4754:{letter}")
        sei = c.opt(SEI, _sei)
        props["declaredSei"] = sei
        if sei:
            industries.append(f"SEI2018:{sei}")
        field_codes = c.each(
            IPC_FIELD, values.split(p.cells.get(IPC_FIELD), commas=True), values.ipc
        )
        props["ipcField"] = "；".join(field_codes) or None
    if len(problems) > before:
        return None
    record = {"appNo": p.app_no, "props": props, "industries": industries}
    record["hash"] = digest.record_hash(record)  # without inventoriedAt: the day is no content
    return record


def _statuses(p: Pending, problems: list[Problem]) -> list[tuple[ImplStatus, str | None, Any]]:
    """(level 1, ``"一级-二级"`` text, amount / product / result) per status entry."""
    out: list[tuple[ImplStatus, str | None, Any]] = []
    if not p.statuses or all(e.level1 is None for e in p.statuses):
        problems.append(p.row.problem(L1, f"必填项为空：请填写“{L1}”", code="REQUIRED"))
    for e in p.statuses:
        c = Cells(e.row, problems)
        if e.level1 is None:
            c.fail(L1, f"必填项为空：填写了二级状态描述或金额时须填写“{L1}”", code="REQUIRED")
            continue
        text1 = values.text(e.level1)
        status = _level1_status(text1)
        label1 = LABELS[status] if status != ImplStatus.CUSTOM else text1
        level2 = values.text(e.level2) or None
        if status in NO_LEVEL2 and level2 not in (None, "无需填写"):
            c.fail(L2, f"应为空：实施状态为“{label1}”时不填二级状态", code="MUST_BE_EMPTY")
        if level2 == "无需填写":
            level2 = None
        extra: Any = None
        if status == ImplStatus.LICENSED and level2 in PRODUCT_LEVEL2:
            extra = c.req(AMOUNT)
        elif status in IMPLEMENTED:
            if e.extra is None:
                c.fail(
                    AMOUNT,
                    f"必填项为空：实施状态为“{label1}”时须填写金额（万元）",
                    code="REQUIRED",
                )
            else:
                extra = c.parse(AMOUNT, e.extra, values.number)
        elif status == ImplStatus.EVALUATION_REPORT:
            extra = c.req(AMOUNT)
        elif e.extra is not None:
            c.fail(AMOUNT, f"应为空：实施状态为“{label1}”时不填金额", code="MUST_BE_EMPTY")
        detail = (
            f"{label1}-{level2}" if level2 else (label1 if status == ImplStatus.CUSTOM else None)
        )
        out.append((status, detail, extra))
    return out


Offer = tuple[Entry, tuple[Intent, IntentDetail | None] | None]


def _intents(
    p: Pending, problems: list[Problem]
) -> tuple[list[Intent], list[IntentDetail], list[Offer]]:
    """The intents, their level-2 details, and each intent entry with what it parsed to
    (for its own 转化意愿 group)."""
    intents: list[Intent] = []
    details: list[IntentDetail] = []
    offers: list[Offer] = []
    for e in p.intents:
        c = Cells(e.row, problems)
        if e.level1 is None:
            c.fail(I1, f"必填项为空：填写了转化意愿（二级）时须填写“{I1}”", code="REQUIRED")
            continue
        intent = c.parse(I1, e.level1, lambda v: values.enum(Intent, v))
        if intent is None:
            continue
        intents.append(intent)
        if e.level2 is None:
            offers.append((e, (intent, None)))
            continue
        text2 = values.text(e.level2)
        detail = from_label(IntentDetail, text2)
        if detail is None or text2.startswith(CUSTOM_PREFIX):
            details.append(IntentDetail.CUSTOM)
            offers.append((e, (intent, IntentDetail.CUSTOM)))
        elif detail not in INTENT_DETAILS[intent]:
            c.fail(
                I2,
                f"不是可选值：{values.shown(text2)} 不在“{LABELS[intent]}”的二级选项中",
                code="NOT_IN_LIST",
            )
        else:
            details.append(detail)
            offers.append((e, (intent, detail)))
    return intents, details, offers


def _offer(
    c: Cells,
    e: Entry,
    parsed: tuple[Intent, IntentDetail | None] | None,
    first: dict[str, Any],
) -> dict[str, Any]:
    """One intent with its own 转化意愿 group (template row 2, P2:W2 merged over R–W): its
    费用标准, 意向合作城市, 意向合作企业; 意向价格, 联系人, 联系方式 as given on its row, else the
    patent's (its first row's)."""
    g = e.group.get
    fee = c.opt(FEE, values.number) if g(FEE) is not None else None
    cities = values.split(g(CITIES), commas=True)
    for city in cities:
        if not reference().city(city):
            c.fail(
                CITIES,
                f"意向合作城市不正确：{values.shown(city)} 应为“省-市”，且为实际的地级行政区",
                code="UNKNOWN_CITY",
            )
    firms = values.split(g(ENTERPRISES), commas=True)
    if len(firms) > 10:
        c.fail(ENTERPRISES, f"意向合作企业过多：共 {len(firms)} 家，至多 10 家", code="TOO_MANY")
    own: dict[str, Any] = dict(first)
    if e.row.get(APP_NO) is None:  # a continuation row: its own U–W where it gives them
        if g(PRICE) is not None:
            own["priceBand"] = stored(c.parse(PRICE, g(PRICE), lambda v: values.enum(PriceBand, v)))
        if g(CONTACT) is not None:
            own["contact"] = values.text(g(CONTACT))
        if g(PHONE) is not None:
            own["contactPhone"] = c.parse(PHONE, g(PHONE), values.contact)
    return {
        "intent": parsed[0].value if parsed else None,
        "detail": parsed[1].value if parsed and parsed[1] else None,
        "feeStandard": fee,
        "cities": cities,
        "enterprises": firms,
        **own,
    }


def _stars(value: Any) -> int:
    s = values.text(value)
    if s in RATING_STARS:
        return RATING_STARS[s]
    if s in {"1", "2", "3", "4", "5"}:
        return int(s)
    raise values.BadValue(
        "NOT_IN_LIST", f"不是可选值：{values.shown(s)} 应为 五星 / 四星 / 三星 / 二星 / 一星 之一"
    )


def _section(value: Any) -> str:
    s = values.text(value)
    letter = reference().sections.get(s)
    if letter is None:
        if s in reference().sections.values():
            return s
        raise values.BadValue(
            "NOT_IN_LIST",
            f"不是国民经济行业分类的门类名称：{values.shown(s)}（如 制造业）",
        )
    return letter


def _sei(value: Any) -> str:
    s = values.text(value)
    code = reference().sei.get(s)
    if code is None:
        raise values.BadValue(
            "NOT_IN_LIST",
            f"不是战略性新兴产业分类（2018）的名称：{values.shown(s)}（如 人工智能）",
        )
    return code
