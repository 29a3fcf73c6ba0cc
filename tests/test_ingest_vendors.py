"""Base-library lists as patent databases export them, imported against the real Neo4j: the
layout recognised from the headers (title rows above them), or named with a profile; a
layout that fits several profiles or none is refused with a request for --profile."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from graph.db import Graph
from graph.ingest import samples, values, vendor_samples, vendors
from graph.ingest.run import ImportResult, import_file
from graph.ingest.vendor_samples import Listed

OWNERS = [samples.ZJUT, samples.ZJU]
FIRM = "杭州锂能科技有限公司"  # a sample enterprise, co-owner of some patents


def ok(result: ImportResult) -> ImportResult:
    assert result.problems == [], "\n".join(map(str, result.problems))
    return result


@pytest.fixture
def firms(ref_graph: Graph, tmp_path: Path) -> Graph:
    header, rows = samples.SAMPLES["enterprises"]
    ok(import_file(ref_graph, "enterprises", samples.write_csv(tmp_path / "e.csv", header, rows)))
    return ref_graph


def listed(designs: bool = False) -> list[Listed]:
    out = vendor_samples.generate(20, OWNERS, designs=designs)
    out[3].owners = [samples.ZJUT, FIRM]  # a co-owning enterprise the hub knows
    return out


def stored(graph: Graph) -> dict[str, dict[str, Any]]:
    rows = graph.read(
        "MATCH (p:Patent) OPTIONAL MATCH (p)<-[:INVENTED]-(i:Inventor) "
        "RETURN p.appNo AS a, properties(p) AS p, count(i) AS inventors"
    )
    return {r["a"]: dict(r["p"], inventors=r["inventors"]) for r in rows}


def expect_as_listed(graph: Graph, patents: list[Listed]) -> None:
    got = stored(graph)
    assert set(got) == {p.app_no for p in patents}
    for p in patents:
        g = got[p.app_no]
        assert g["title"] == p.title
        assert g["type"] == {"invention": "INVENTION", "utility": "UTILITY_MODEL"}[p.kind]
        assert (
            g["legalStatus"]
            == {"有效": "VALID", "失效": "NOT_IN_FORCE", "审中": "PENDING"}[p.state]
        )
        assert g["ownerNames"] == p.owners
        assert g["inventors"] == len(dict.fromkeys(p.inventors))
        assert g["filingDate"].to_native() == p.filed
        assert (g.get("grantDate") and g["grantDate"].to_native()) == p.granted
        assert g["ipcMain"] == p.ipc[0]
        assert g["ipcCodes"] == p.ipc


@pytest.mark.parametrize(
    ("layout", "write", "profile"),
    [
        ("patsnap", vendor_samples.write_xlsx, "patsnap"),
        ("incopat", vendor_samples.write_csv, "incopat"),
        ("cnipa", vendor_samples.write_xlsx, "cnipa"),
    ],
)
def test_export_recognised_from_its_headers(
    firms: Graph, tmp_path: Path, layout: str, write: Any, profile: str
) -> None:
    patents = listed()
    suffix = "xlsx" if write is vendor_samples.write_xlsx else "csv"
    path = write(tmp_path / f"{layout}.{suffix}", layout, patents)
    result = ok(import_file(firms, "patents", path, progress=False))
    assert result.records == len(patents)
    assert (
        result.notes[0]
        == f"按 {vendors.profiles()[profile].label} 的导出格式读取（格式 {profile}）"
    )
    expect_as_listed(firms, patents)
    # Importing it again writes nothing: the same records as the standard format gives.
    again = ok(import_file(firms, "patents", path, progress=False))
    assert again.unchanged == len(patents) and again.written.get("nodes_created", 0) == 0


def test_incopat_csv_in_gb18030_with_its_event_history(firms: Graph, tmp_path: Path) -> None:
    """incoPat's 法律状态 is the event chain (…; 授权; 未缴年费专利权终止): the state comes from
    专利有效性, which the profile prefers."""
    patents = listed()
    path = vendor_samples.write_csv(tmp_path / "i.csv", "incopat", patents, encoding="gb18030")
    ok(import_file(firms, "patents", path, progress=False))
    expect_as_listed(firms, patents)


def test_the_header_row_is_found_below_title_rows(tmp_path: Path) -> None:
    path = vendor_samples.write_xlsx(tmp_path / "p.xlsx", "patsnap", listed())
    opened = vendors.read_patents(path)
    assert opened.table.header_row == 4
    assert opened.notes == [
        "按 智慧芽 PatSnap 的导出格式读取（格式 patsnap）",
        "表头在第 4 行",
    ]
    first = next(opened.table.rows)
    assert first.number == 5
    assert first.values["专利类型"] in {"发明", "实用新型"}
    assert ";" not in first.values["发明人"] and " | " not in first.values["专利权人"]


def test_problems_name_the_export_column(firms: Graph, tmp_path: Path) -> None:
    patents = listed()
    rows = [vendor_samples.patsnap_row(n, p) for n, p in enumerate(patents, start=1)]
    rows[5][2] = "CN" + patents[5].app_no[:-1] + ("0" if patents[5].app_no[-1] != "0" else "1")
    path = tmp_path / "bad.xlsx"
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("专利列表")
    ws.append(["智慧芽专利数据导出"])
    ws.append(vendor_samples.PATSNAP_HEADER)
    for r in rows:
        ws.append(r)
    wb.save(path)
    result = import_file(firms, "patents", path, progress=False)
    lines = [str(p) for p in result.problems]
    assert len(lines) == 1, lines
    assert lines[0].startswith(
        "工作表 专利列表 第 8 行 C 申请号 → 申请号 列：申请号校验位不正确：“CN"
    )
    assert "校验位应为" in lines[0]
    assert stored(firms) == {}


AMBIGUOUS = [
    "申请号",
    "名称",
    "申请日",
    "授权公告日",
    "公开（公告）号",
    "申请（专利权）人",
    "发明（设计）人",
    "主分类号",
    "分类号",
    "法律状态",
    "地址",
]


def ambiguous(path: Path, patents: list[Listed]) -> Path:
    rows = [
        {
            "申请号": p.app_no,
            "名称": p.title,
            "申请日": p.filed.isoformat(),
            "授权公告日": p.granted.isoformat() if p.granted else "",
            "公开（公告）号": p.pub_no(),
            "申请（专利权）人": "；".join(p.owners),
            "发明（设计）人": "、".join(p.inventors),
            "主分类号": p.ipc[0],
            "分类号": ",".join(p.ipc),
            "法律状态": p.state,
            "地址": "浙江省杭州市",
        }
        for p in patents
    ]
    return samples.write_csv(path, AMBIGUOUS, rows)


def test_a_layout_several_profiles_fit_asks_for_one(firms: Graph, tmp_path: Path) -> None:
    """CNIPA's and Innojoy's exports share CNIPA's field names: such a file is not guessed."""
    patents = listed()
    path = ambiguous(tmp_path / "x.csv", patents)
    result = import_file(firms, "patents", path, progress=False)
    (line,) = [str(p) for p in result.problems]
    assert "表头符合多种数据库导出格式：cnipa" in line and "innojoy" in line
    assert "--profile NAME" in line
    assert stored(firms) == {}
    ok(import_file(firms, "patents", path, progress=False, profile="innojoy"))
    expect_as_listed(firms, patents)


def test_an_unknown_layout_asks_for_a_profile(firms: Graph, tmp_path: Path) -> None:
    path = samples.write_csv(tmp_path / "u.csv", ["编号", "题目", "单位"], [{"编号": "1"}])
    (line,) = [str(p) for p in import_file(firms, "patents", path).problems]
    assert "既不是标准格式的列" in line and "--profile NAME" in line
    (line,) = [str(p) for p in import_file(firms, "patents", path, profile="wanfang").problems]
    assert "未知的导出格式“wanfang”" in line


def test_a_profile_missing_a_required_column_says_which_headers_it_reads(
    firms: Graph, tmp_path: Path
) -> None:
    header = [h for h in vendor_samples.PATSNAP_HEADER if h != "发明人"]
    rows = [
        dict(zip(vendor_samples.PATSNAP_HEADER, vendor_samples.patsnap_row(1, p), strict=True))
        for p in listed()[:2]
    ]
    path = samples.write_csv(tmp_path / "m.csv", header, rows)
    (line,) = [str(p) for p in import_file(firms, "patents", path).problems]
    assert "缺少“发明人”列：格式 patsnap 从以下列读取：发明人 / 发明(设计)人" in line


def test_vendor_wording_is_mapped_onto_ours() -> None:
    p = vendors.profiles()["patsnap"]
    row = vendors.normalise(
        {
            "申请号": "CN202330012345.6",
            "法律状态": "PCT指定期满",
            "IPC分类号": "H01M4/58(2010.01)I | G06N3/08",
            "发明人": "王明、李华;张三",
        },
        p,
    )
    assert row["专利类型"] == "外观设计"  # the digit after the year: 3
    assert row["法律状态"] == "失效"
    assert row["IPC分类号"] == "H01M4/58；G06N3/08" and row["IPC主分类号"] == "H01M4/58"
    assert row["发明人"] == "王明；李华；张三"
    assert vendors.patent_type("201920123456.1") == "实用新型"
    assert vendors.patent_type("99123456.X") == "发明"  # 8 digits: the third names it
    assert vendors.normalise({"专利类型": "发明授权"}, p)["专利类型"] == "发明"


def test_dates_with_the_time_an_export_appends() -> None:
    """A spreadsheet's date cell saved as CSV carries a time: the date is the value."""
    for given in (
        "2015-01-01 00:00:00",
        "2015/1/1 13:45",
        "2015-01-01T00:00:00",
        "2015年1月1日 00:00",
    ):
        assert values.day(given) == date(2015, 1, 1), given
    for bad in ("2015-01-01 25", "昨天 00:00", "2015-13-01 00:00:00"):
        with pytest.raises(values.BadValue, match=re.escape(f"“{bad}”")):
            values.day(bad)
