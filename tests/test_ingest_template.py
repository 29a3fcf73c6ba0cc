"""The national template as institutions fill it, against the real Neo4j: each intent
with its own 转化意愿 group, 联系方式 forms, 所属学院 as the unit, unit and co-owner
inventories, and --accept-valid."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from graph.db import Graph
from graph.ingest import samples
from graph.ingest.run import ImportResult, import_file
from graph.ingest.samples import APP
from graph.units import add
from graph.vocab import Role
from graph.writes import Account, WriteForbidden

ZJUT, ZJU = "4133010337", "4133010335"
FIRST, MORE, SECOND, OUT = samples.INVENTORY


@pytest.fixture
def base(ref_graph: Graph, tmp_path: Path) -> Graph:
    for kind in ("enterprises", "patents"):
        header, rows = samples.SAMPLES[kind]
        path = samples.write_csv(tmp_path / f"{kind}.csv", header, rows)
        assert import_file(ref_graph, kind, path, progress=False).problems == []
    return ref_graph


def run(graph: Graph, tmp: Path, rows: list[dict[str, Any]], **kw: Any) -> ImportResult:
    path = samples.write_csv(tmp / "inv.csv", samples.INVENTORY_HEADER, rows)
    kw.setdefault("institution", ZJUT)
    return import_file(graph, "inventory", path, progress=False, **kw)


def prop(graph: Graph, app_no: str, name: str) -> Any:
    got = graph.read("MATCH (p:Patent {appNo: $a}) RETURN properties(p) AS p", {"a": app_no})
    return got[0]["p"].get(name)


def test_each_intent_carries_its_own_group(base: Graph, tmp_path: Path) -> None:
    more = dict(
        MORE,
        **{
            "费用标准（万元）": 10,
            "意向合作城市": "江苏省-南京市",
            "意向合作企业": "宁波智视科技有限公司",
            "联系方式": "zhang@zjut.edu.cn",
        },
    )
    path = samples.fill_template(tmp_path / "inv.xlsx", [FIRST, more, SECOND, OUT])
    result = import_file(base, "inventory", path, institution=ZJUT, progress=False)
    assert result.problems == [], result.problems
    offers = [json.loads(o) for o in prop(base, APP[0], "intentOffers")]
    assert [(o["intent"], o["detail"], o["feeStandard"]) for o in offers] == [
        ("LICENCE", "ORDINARY_LICENCE", 20.0),
        ("TRANSFER", "EQUITY", 10.0),
    ]
    assert offers[0]["cities"] == ["浙江省-杭州市", "江苏省-苏州市"]
    assert offers[1]["cities"] == ["江苏省-南京市"]
    assert offers[1]["enterprises"] == ["宁波智视科技有限公司"]
    # U–W left empty on the continuation row: the patent's own; given: the intent's
    assert (offers[1]["priceBand"], offers[1]["contact"]) == ("P50_60", "张老师")
    assert offers[1]["contactPhone"] == "zhang@zjut.edu.cn"
    assert offers[0]["contactPhone"] == "0571-88320000"
    assert prop(base, APP[0], "intendedCities") == [
        "浙江省-杭州市",
        "江苏省-苏州市",
        "江苏省-南京市",
    ]
    assert prop(base, APP[0], "feeStandard") == 20.0


def test_group_cells_without_an_intent_are_a_problem(base: Graph, tmp_path: Path) -> None:
    status_only = {k: v for k, v in MORE.items() if not k.startswith("转化意愿")}
    result = run(base, tmp_path, [FIRST, dict(status_only, **{"费用标准（万元）": 5})])
    assert [(p.row, p.column) for p in result.problems] == [(3, "费用标准（万元）")]
    assert result.problems[0].code == "INTENT_GROUP_WITHOUT_INTENT"
    assert "请在本行填写“转化意愿（一级）”" in result.problems[0].reason


@pytest.mark.parametrize(
    "phone",
    ["13912345678", "+86 139 1234 5678", "0571-88881234转8001", "010-62781234-123", "a.b@zju.cn"],
)
def test_contact_forms_accepted(base: Graph, tmp_path: Path, phone: str) -> None:
    result = run(base, tmp_path, [dict(SECOND, 联系方式=phone)])
    assert result.problems == [], result.problems
    assert prop(base, APP[1], "contactPhone") == phone


@pytest.mark.parametrize("phone", ["12345", "电话待定", "0571-8888", "zhang@"])
def test_contact_forms_refused(base: Graph, tmp_path: Path, phone: str) -> None:
    result = run(base, tmp_path, [dict(SECOND, 联系方式=phone)])
    assert [p.column for p in result.problems] == ["联系方式"]
    assert result.problems[0].code == "BAD_CONTACT"
    assert "应为手机号、固定电话" in result.problems[0].reason


def test_accept_valid_writes_the_valid_patents(base: Graph, tmp_path: Path) -> None:
    rows = [FIRST, MORE, dict(SECOND, 专利价值分级自评="六星"), OUT]
    assert run(base, tmp_path, rows).written == {}
    assert prop(base, APP[0], "inventoryState") == "NOT_INVENTORIED"
    result = run(base, tmp_path, rows, accept_valid=True)
    assert [(p.row, p.column) for p in result.problems] == [(4, "专利价值分级自评")]
    assert [prop(base, a, "inventoryState") for a in APP[:3]] == [
        "SCREENED_IN",
        "NOT_INVENTORIED",
        "SCREENED_OUT",
    ]
    # a fault in a continuation row keeps its whole patent out
    bad_more = dict(MORE, 专利名称="不该填")
    again = run(base, tmp_path, [dict(FIRST, 联系人="李老师"), bad_more], accept_valid=True)
    assert [p.row for p in again.problems] == [3]
    assert prop(base, APP[0], "contact") == "张老师"


def test_department_names_the_unit(base: Graph, tmp_path: Path) -> None:
    result = run(base, tmp_path, [FIRST, MORE, dict(SECOND, 所属学院="浙江工业大学"), OUT])
    assert result.problems == [] and result.new_units == 1
    assert prop(base, APP[0], "unitIds") == [f"{ZJUT}/化学工程学院"]
    assert prop(base, APP[1], "unitIds") is None  # the university's own name: no unit
    assert any("已新建单位 “化学工程学院”" in w.reason for w in result.warnings)
    full = run(base, tmp_path, [dict(FIRST, 所属学院="浙江工业大学化学工程学院"), MORE])
    assert full.problems == [] and full.new_units == 0
    assert prop(base, APP[0], "unitIds") == [f"{ZJUT}/化学工程学院"]


def test_unit_inventory_takes_only_its_units_patents(base: Graph, tmp_path: Path) -> None:
    refused = run(base, tmp_path, [FIRST, MORE], unit="化学工程学院")
    assert refused.problems[0].code == "UNKNOWN_UNIT"
    assert "登记的单位" in refused.problems[0].reason
    add(base, ZJUT, "化学工程学院", ["化工学院"])
    assert run(base, tmp_path, [FIRST, MORE]).problems == []  # the institution assigns it
    unit_rows = [dict(FIRST, 所属学院=""), MORE, dict(SECOND, 所属学院="")]
    result = run(base, tmp_path, unit_rows, unit=f"{ZJUT}/化学工程学院")
    assert [(p.row, p.column) for p in result.problems] == [(4, "申请号")]
    assert result.problems[0].code == "NOT_UNIT_PATENT"
    assert "不属于 化学工程学院" in result.problems[0].reason
    other = run(base, tmp_path, [dict(FIRST, 所属学院="机械学院"), MORE], unit="化工学院")
    assert [p.column for p in other.problems] == ["所属学院"]
    assert run(base, tmp_path, [dict(FIRST, 所属学院=""), MORE], unit="化工学院").ok
    assert prop(base, APP[0], "unitIds") == [f"{ZJUT}/化学工程学院"]
    # A unit account's file is its unit's inventory, whether or not the caller says so.
    account = Account(Role.INSTITUTION, ZJUT, "t", unit=f"{ZJUT}/化学工程学院")
    by_account = run(base, tmp_path, unit_rows, account=account)
    assert [(p.row, p.column) for p in by_account.problems] == [(4, "申请号")]
    with pytest.raises(WriteForbidden):
        run(base, tmp_path, unit_rows, account=account, unit=f"{ZJUT}/机械学院")


def test_every_owner_may_inventory_a_co_owned_patent(base: Graph, tmp_path: Path) -> None:
    result = run(base, tmp_path, [dict(SECOND, 所属学院="计算机学院")], institution=ZJU)
    assert result.problems == [], result.problems
    assert prop(base, APP[1], "inventoriedBy") == ZJU
    assert prop(base, APP[1], "unitIds") == [f"{ZJU}/计算机学院"]
    # the first owner inventories it too: its own unit joins, the co-owner's stays
    assert run(base, tmp_path, [dict(SECOND, 所属学院="信息学院")]).ok
    assert sorted(prop(base, APP[1], "unitIds")) == sorted(
        [f"{ZJUT}/信息学院", f"{ZJU}/计算机学院"]
    )
    not_own = run(base, tmp_path, [FIRST, MORE], institution=ZJU)
    assert [(p.row, p.column) for p in not_own.problems] == [(2, "申请号")]
