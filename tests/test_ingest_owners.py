"""Patents as they are owned, imported against the real Neo4j: co-owners the hub does not
know, rows no institution owns, units named with their university, designs with a Locarno
class, and the empty markers of real files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graph.db import Graph
from graph.ingest import samples
from graph.ingest.run import ImportResult, import_file, run_import
from graph.ingest.samples import ZJU, ZJUT

HEADER = [*samples.PATENT_HEADER, "洛迦诺分类号"]
NEW = [samples.make_app_no(d) for d in ("202430000001", "202430000002", "202430000003")]
STRANGER = "杭州某某新材料研究所有限公司"


def row(app_no: str, **change: str) -> dict[str, Any]:
    return dict(samples.PATENTS[0], 申请号=app_no, **change)


def run(graph: Graph, tmp: Path, rows: list[dict[str, Any]], **kw: Any) -> ImportResult:
    path = samples.write_csv(tmp / "p.csv", HEADER, rows)
    return import_file(graph, "patents", path, progress=False, **kw)


def patent(graph: Graph, app_no: str) -> dict[str, Any] | None:
    got = graph.read("MATCH (p:Patent {appNo: $a}) RETURN properties(p) AS p", {"a": app_no})
    return got[0]["p"] if got else None


@pytest.fixture
def firms(ref_graph: Graph, tmp_path: Path) -> Graph:
    header, rows = samples.SAMPLES["enterprises"]
    path = samples.write_csv(tmp_path / "e.csv", header, rows)
    assert import_file(ref_graph, "enterprises", path, progress=False).ok
    return ref_graph


def test_unknown_co_owner_is_kept_warned_and_linked_later(firms: Graph, tmp_path: Path) -> None:
    result = run(firms, tmp_path, [row(NEW[0], 专利权人=f"{ZJU}；{STRANGER}")])
    assert result.problems == [] and result.records == 1
    assert result.unknown_owners == 1
    assert [(w.row, w.column, w.severity) for w in result.warnings] == [(2, "专利权人", "WARNING")]
    assert STRANGER in result.warnings[0].reason and result.warnings[0].code == "UNREGISTERED_OWNER"
    assert "作为共有人名称保留" in result.warnings[0].reason
    p = patent(firms, NEW[0])
    assert p is not None and p["ownerNames"] == [ZJU, STRANGER]
    assert p["institutionId"] == "4133010335"
    linked = "MATCH (:Patent {appNo: $a})-[:NAMED_OWNER]->(n:OwnerName) RETURN n.name AS n"
    assert firms.read(linked, {"a": NEW[0]}) == [{"n": STRANGER}]
    # the company registers later under that name: the name is linked to it
    header, rows = samples.SAMPLES["enterprises"]
    code = samples.make_credit_code("91330100MA2XYWU01")
    later = [dict(rows[0], 统一社会信用代码=code, 企业名称=STRANGER, 曾用名="")]
    path = samples.write_csv(tmp_path / "later.csv", header, later)
    assert import_file(firms, "enterprises", path, progress=False).ok
    to = "MATCH (:OwnerName {name: $n})-[:REGISTERED_AS]->(e:Enterprise) RETURN e.creditCode AS c"
    assert firms.read(to, {"n": STRANGER}) == [{"c": code}]


def test_owner_links_are_numbered_by_their_place_in_the_cell(firms: Graph, tmp_path: Path) -> None:
    firm = "杭州锂能科技有限公司"  # a registered enterprise (the enterprise samples)
    result = run(firms, tmp_path, [row(NEW[0], 专利权人=f"{STRANGER}；{ZJU}；{firm}")])
    assert result.ok and result.unknown_owners == 1
    links = firms.read(
        "MATCH (:Patent {appNo: $a})-[r:OWNED_BY|NAMED_OWNER]->(o) "
        "RETURN o.name AS o, r.order AS n ORDER BY n",
        {"a": NEW[0]},
    )
    assert links == [{"o": STRANGER, "n": 1}, {"o": ZJU, "n": 2}, {"o": firm, "n": 3}]


def test_row_without_institution_is_skipped_or_strict_error(
    firms: Graph, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [row(NEW[0]), row(NEW[1], 专利权人=f"杭州锂能科技有限公司；{STRANGER}")]
    result = run(firms, tmp_path, rows)
    assert result.problems == [] and result.records == 1 and result.skipped == 1
    (w,) = result.warnings
    assert w.row == 3 and "本行已跳过" in w.reason and STRANGER in w.reason
    assert w.code == "NO_INSTITUTION_OWNER"
    assert "杭州锂能科技有限公司" in w.reason
    assert patent(firms, NEW[0]) is not None and patent(firms, NEW[1]) is None
    path = samples.write_csv(tmp_path / "s.csv", HEADER, rows)
    assert run_import(firms, "patents", path, False, None) == 0
    out = capsys.readouterr().out
    assert "提示" in out and "跳过 1 行" in out
    assert run_import(firms, "patents", path, False, None, strict=True) == 1
    out = capsys.readouterr().out
    assert "工作表 s.csv 第 3 行 专利权人 列" in out and "未写入任何内容" in out
    strict = run(firms, tmp_path, rows, strict=True)
    assert [(p.row, p.column) for p in strict.problems] == [(3, "专利权人")]


def test_unit_names_resolve_to_their_institution(firms: Graph, tmp_path: Path) -> None:
    rows = [
        row(NEW[0], 专利权人=f"{ZJU}医学部"),
        row(NEW[1], 专利权人="宁波大学科学技术学院机械学院"),  # longest registered name wins
        row(NEW[2], 专利权人="宁波大学科学技术学院"),  # a registered name is no unit
    ]
    result = run(firms, tmp_path, rows)
    assert result.problems == [] and result.new_units == 2
    p0, p1, p2 = (patent(firms, a) for a in NEW)
    assert p0 is not None and p0["institutionId"] == "4133010335"
    assert p0["unitIds"] == ["4133010335/医学部"]
    nbkj = firms.read("MATCH (i:Institution {name: '宁波大学科学技术学院'}) RETURN i.id AS id")
    assert p1 is not None and p1["institutionId"] == nbkj[0]["id"]
    assert p1["unitIds"] == [f"{nbkj[0]['id']}/机械学院"]
    assert p2 is not None and "unitIds" not in p2 and p2["institutionId"] == nbkj[0]["id"]
    units = firms.read(
        "MATCH (u:Unit)-[:PART_OF]->(i:Institution) RETURN u.id AS u, i.id AS i ORDER BY u"
    )
    assert [r["u"] for r in units] == sorted(["4133010335/医学部", f"{nbkj[0]['id']}/机械学院"])
    assert any(
        "已新建单位 “医学部”" in w.reason and w.code == "UNIT_CREATED" for w in result.warnings
    )
    again = run(firms, tmp_path, rows)  # the units exist now: nothing new to report
    assert again.new_units == 0 and again.warnings == []


def test_co_owned_patent_carries_every_owners_keys(firms: Graph, tmp_path: Path) -> None:
    result = run(firms, tmp_path, [row(NEW[0], 专利权人=f"{ZJUT}；{ZJU}；宁波大学")])
    assert result.ok
    p = patent(firms, NEW[0])
    assert p is not None and p["coOwned"] is True
    assert p["institutionIds"][:2] == ["4133010337", "4133010335"]
    assert p["provinceCodes"] == ["33"] and p["ministryCodes"] == ["MOE"]
    single = run(firms, tmp_path, [row(NEW[0], 专利权人=ZJUT)])
    assert single.ok
    p = patent(firms, NEW[0])
    assert p is not None and "coOwned" not in p and "institutionIds" not in p


def test_designs_take_a_locarno_class_and_no_ipc(firms: Graph, tmp_path: Path) -> None:
    design = {"专利类型": "外观设计", "IPC分类号": "", "摘要": ""}
    rows = [
        row(NEW[0], **design, IPC主分类号="LOC(14) Cl. 24-02"),
        row(NEW[1], **design, IPC主分类号="", 洛迦诺分类号="6-01"),
        row(NEW[2], **design, IPC主分类号="-"),
    ]
    result = run(firms, tmp_path, rows)
    assert result.problems == [], result.problems
    got = [patent(firms, a) for a in NEW]
    assert [p["locarnoClass"] if p else "?" for p in got[:2]] == ["24-02", "06-01"]
    assert got[2] is not None and "locarnoClass" not in got[2] and "ipcMain" not in got[2]
    ipc = firms.read(
        "MATCH (p:Patent)-[:HAS_IPC]->() WHERE p.appNo IN $a RETURN count(*) AS n", {"a": NEW}
    )
    assert ipc == [{"n": 0}]
    bad = run(firms, tmp_path, [row(NEW[0], **design, IPC主分类号="H01M4/58")])
    assert [(p.column, p.code, "洛迦诺分类号" in p.reason) for p in bad.problems] == [
        ("IPC主分类号", "DESIGN_NEEDS_LOCARNO", True)
    ]
    needs = run(firms, tmp_path, [row(NEW[0], IPC主分类号="")])
    assert [(p.column, p.code, p.reason) for p in needs.problems] == [
        ("IPC主分类号", "REQUIRED", "必填项为空：请填写“IPC主分类号”")
    ]


@pytest.mark.parametrize("marker", ["-", "无", "/"])
def test_empty_markers_are_empty_in_every_column(firms: Graph, tmp_path: Path, marker: str) -> None:
    rows = [row(NEW[0], 授权日=marker, 摘要=marker, IPC分类号=marker, 开放许可=marker)]
    result = run(firms, tmp_path, rows)
    assert result.problems == [], result.problems
    p = patent(firms, NEW[0])
    assert p is not None and "grantDate" not in p and "abstract" not in p
    assert p["ipcCodes"] == ["H01M4/58"] and p["openLicence"] is False
    required = run(firms, tmp_path, [row(NEW[1], 专利名称=marker)])
    assert [(p.column, p.code, p.reason) for p in required.problems] == [
        ("专利名称", "REQUIRED", "必填项为空：请填写“专利名称”")
    ]


def test_accept_valid_writes_the_valid_rows(firms: Graph, tmp_path: Path) -> None:
    rows = [row(NEW[0]), row(NEW[1], 申请日="2023-13-01"), row(NEW[2])]
    assert run(firms, tmp_path, rows).written == {}
    assert patent(firms, NEW[0]) is None
    result = run(firms, tmp_path, rows, accept_valid=True)
    assert [(p.row, p.column) for p in result.problems] == [(3, "申请日")]
    assert result.written["nodes_created"] > 0
    assert [patent(firms, a) is not None for a in NEW] == [True, False, True]
