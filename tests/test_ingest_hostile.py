"""Hostile files against the real Neo4j: every one ends in report lines (sheet, row, column,
reason) and writes nothing, never in a traceback; values already stored that no import
would accept today (non-finite amounts) do not take a statistic down; two imports of the
same records at once both end cleanly.

Times are printed (``pytest -s``), never asserted: bench/ingest_hostile.py shows them."""

from __future__ import annotations

import json
import re
import threading
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from graph import cypher
from graph.db import AsyncGraph, Graph
from graph.ingest import patents, samples
from graph.ingest.cells import FIRST_SHEET
from graph.ingest.limits import Limits
from graph.ingest.readers import UnreadableFile, read_table
from graph.ingest.run import ImportResult, import_file
from graph.rollups import refresh
from graph.vocab import Role
from hub.auth.principal import Principal
from tests.schema_support import agraph, run  # noqa: F401  (fixture)

COUNT = "MATCH (n) RETURN count(n) AS n"


def nodes(graph: Graph) -> int:
    return int(graph.read(COUNT)[0]["n"])


def ok(result: ImportResult) -> ImportResult:
    assert result.problems == [], "\n".join(map(str, result.problems))
    return result


def refused(result: ImportResult) -> list[str]:
    assert result.problems, "the file was accepted"
    assert result.written == {}
    return [str(p) for p in result.problems]


@pytest.fixture
def firms(ref_graph: Graph, tmp_path: Path) -> Graph:
    """Reference data and the sample enterprises and experts (patents' owners, buyers)."""
    for kind in ("enterprises", "experts"):
        header, rows = samples.SAMPLES[kind]
        ok(import_file(ref_graph, kind, samples.write_csv(tmp_path / f"{kind}.csv", header, rows)))
    return ref_graph


def patents_csv(path: Path, rows: list[dict[str, Any]] | None = None) -> Path:
    return samples.write_csv(path, samples.PATENT_HEADER, rows or samples.PATENTS)


# --- CSV and JSONL ------------------------------------------------------------------------


def test_csv_cell_over_the_field_limit_is_a_row_problem(firms: Graph, tmp_path: Path) -> None:
    rows = [dict(r) for r in samples.PATENTS]
    rows[1]["摘要"] = "长" * 200_000
    before = nodes(firms)
    result = import_file(firms, "patents", patents_csv(tmp_path / "long.csv", rows))
    lines = refused(result)
    assert any("第 3 行" in line and "超过 131,072 个字符" in line for line in lines)
    assert nodes(firms) == before
    # The rows after it were still read and checked: a bad date below is reported too.
    rows[3]["申请日"] = "2023-02-30"
    lines = refused(import_file(firms, "patents", patents_csv(tmp_path / "long2.csv", rows)))
    assert any("第 5 行" in line and "申请日" in line for line in lines)


def test_jsonl_nested_100k_deep_is_a_line_problem(firms: Graph, tmp_path: Path) -> None:
    path = tmp_path / "deep.jsonl"
    good = json.dumps(samples.PATENTS[0], ensure_ascii=False)
    path.write_text(good + "\n" + '{"申请号": ' + "[" * 100_000 + "]" * 100_000 + "}\n")
    lines = refused(import_file(firms, "patents", path))
    assert any("第 2 行" in line and "JSON 嵌套过深" in line for line in lines)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"金额（万元）": NaN}', "NaN 不是数字"),
        ('{"金额（万元）": Infinity}', "Infinity 不是数字"),
        ('{"金额（万元）": -Infinity}', "-Infinity 不是数字"),
        ('{"备注": {"a": 1}}', "JSON 对象不能作为单元格的值"),
        ('{"备注": "\\ud800"}', "孤立的 UTF-16 代理字符"),
        ('{"备注": [{"a": 1}]}', "列表中只能有文本和数字"),
        ('{"分期数": ' + "9" * 5000 + "}", "不是有效的 JSON"),
    ],
)
def test_jsonl_hostile_values_are_line_problems(
    firms: Graph, tmp_path: Path, line: str, reason: str
) -> None:
    path = tmp_path / "t.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    lines = refused(import_file(firms, "transactions", path))
    assert any("第 1 行" in x and reason in x for x in lines), lines


@pytest.mark.parametrize(
    ("amount", "reason"),
    [
        ("1e999", "数值不合理"),
        ("inf", "不是数字"),
        ("-inf", "不是数字"),
        ("nan", "不是数字"),
        ("Infinity", "不是数字"),
        ("1_000", "不是数字"),
        ("5e13", "数值不合理"),
        (str(10**30), "数值不合理"),
    ],
)
def test_non_finite_and_absurd_amounts_are_row_problems(
    firms: Graph, tmp_path: Path, amount: str, reason: str
) -> None:
    header, rows = samples.SAMPLES["transactions"]
    deal = dict(rows[1], **{"金额（万元）": amount})
    path = samples.write_csv(tmp_path / "t.csv", header, [deal])
    lines = refused(import_file(firms, "transactions", path))
    assert any("第 2 行" in x and "金额（万元）" in x and reason in x for x in lines), lines
    # The same in JSONL, where 1e999 is a JSON number a float cannot hold.
    jl = tmp_path / "t.jsonl"
    jl.write_text('{"金额（万元）": 1e999}\n', encoding="utf-8")
    lines = refused(import_file(firms, "transactions", jl))
    assert any("金额（万元）" in x and "数值不合理" in x for x in lines), lines


def test_row_and_column_caps(tmp_path: Path) -> None:
    path = patents_csv(tmp_path / "p.csv", samples.PATENTS * 3)
    table = read_table(path, FIRST_SHEET, limits=Limits(rows=5))
    assert len(list(table.rows)) == 5
    assert [(p.code, p.reason) for p in table.problems] == [
        ("TOO_MANY_ROWS", "数据行过多：一个文件至多 5 行，请拆分文件（从此行起未读取）")
    ]
    wide = tmp_path / "wide.csv"
    wide.write_text(",".join(f"c{i}" for i in range(3000)) + "\n1\n", encoding="utf-8")
    table = read_table(wide, FIRST_SHEET)
    assert len(table.columns) == 1024
    assert "共 3,000 列，只读取前 1,024 列" in str(table.problems[0])


def test_bytes_of_an_upload_read_like_the_file(tmp_path: Path) -> None:
    path = patents_csv(tmp_path / "p.csv")
    from_path = [r.values for r in read_table(path, FIRST_SHEET).rows]
    data = path.read_bytes()
    from_bytes = [r.values for r in read_table(data, FIRST_SHEET, name="上传.csv").rows]
    assert from_bytes == from_path
    sniffed = [r.values for r in read_table(data, FIRST_SHEET, name="x.bin", fmt="csv").rows]
    assert sniffed == from_path
    with pytest.raises(UnreadableFile, match=r"不支持的文件类型“\.bin”"):
        read_table(data, FIRST_SHEET, name="x.bin")


# --- XLSX --------------------------------------------------------------------------------


def rewrite(path: Path, member: str, change: Callable[[str], str]) -> Path:
    """The workbook at ``path`` with one member's XML changed (as another program saved it)."""
    with zipfile.ZipFile(path) as src:
        items = [(i, src.read(i.filename)) for i in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info, data in items:
            if info.filename == member:
                data = change(data.decode("utf-8")).encode("utf-8")
            dst.writestr(info.filename, data)
    return path


def patents_xlsx(path: Path, rows: list[dict[str, Any]] | None = None) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(samples.PATENT_HEADER)
    for row in rows or samples.PATENTS:
        ws.append([row.get(h) for h in samples.PATENT_HEADER])
    wb.save(path)
    return path


SHEET = "xl/worksheets/sheet1.xml"


def test_declared_dimension_a1_xfd1048576_reads_only_the_header_columns(
    firms: Graph, tmp_path: Path
) -> None:
    path = patents_xlsx(tmp_path / "wide.xlsx")
    rewrite(
        path,
        SHEET,
        lambda x: re.sub(r'<dimension ref="[^"]*" ?/>', '<dimension ref="A1:XFD1048576"/>', x),
    )
    assert b"XFD1048576" in zipfile.ZipFile(path).read(SHEET)
    started = time.perf_counter()
    table = read_table(path, FIRST_SHEET)
    assert len(list(table.rows)) == 4 and table.problems == []
    print(f"\nA1:XFD1048576 workbook read in {time.perf_counter() - started:.3f} s")
    result = ok(import_file(firms, "patents", path, progress=False))
    assert (result.rows, result.records) == (4, 4)
    assert firms.read("MATCH (p:Patent) RETURN count(p) AS n")[0]["n"] == 4


def test_a_sheet_ends_at_a_long_run_of_empty_rows(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = patents_xlsx(tmp_path / "gap.xlsx")
    wb = load_workbook(path)
    ws = wb.active
    assert ws is not None
    ws.cell(row=900, column=1, value=samples.make_app_no("202310000900"))  # after 894 empty
    ws.cell(row=3000, column=1, value=samples.make_app_no("202310003000"))  # after 2,099
    wb.save(path)
    table = read_table(path, FIRST_SHEET)
    numbers = [r.number for r in table.rows]
    assert numbers == [2, 3, 4, 5, 900]
    assert table.problems == []


def test_formula_cells_read_as_their_values(firms: Graph, tmp_path: Path) -> None:
    rows = [dict(r) for r in samples.PATENTS]
    rows[0]["专利名称"] = '="一种锂电池"&"正极材料"'
    path = patents_xlsx(tmp_path / "f.xlsx", rows)
    rewrite(
        path,
        SHEET,
        lambda x: x.replace(
            '<c r="B2"><f>"一种锂电池"&amp;"正极材料"</f><v /></c>',
            '<c r="B2" t="str"><f>"一种锂电池"&amp;"正极材料"</f><v>一种锂电池正极材料</v></c>',
        ),
    )
    ok(import_file(firms, "patents", path, progress=False))
    got = firms.read("MATCH (p:Patent {appNo: $a}) RETURN p.title AS t", {"a": samples.APP[0]})
    assert got == [{"t": "一种锂电池正极材料"}]


def bomb(path: Path, megabytes: int) -> Path:
    """A workbook whose sheet is ``megabytes`` MiB of identical rows: a few hundred KiB
    on disk."""
    template = patents_xlsx(path)
    row = (
        "<row>"
        + "".join(f'<c t="inlineStr"><is><t>{"炸" * 8}</t></is></c>' for _ in range(12))
        + "</row>"
    )
    body = row * (megabytes * 1024 * 1024 // len(row.encode()))

    def swell(xml: str) -> str:
        return xml.replace("</sheetData>", body + "</sheetData>")

    return rewrite(template, SHEET, swell)


def test_xlsx_bomb_is_refused_before_parsing(firms: Graph, tmp_path: Path) -> None:
    path = bomb(tmp_path / "bomb.xlsx", 64)
    size = path.stat().st_size
    started = time.perf_counter()
    result = import_file(firms, "patents", path, progress=False)
    took = time.perf_counter() - started
    print(f"\nxlsx bomb ({size / 1024:.0f} KiB → 64 MiB sheet) refused in {took * 1000:.0f} ms")
    (line,) = refused(result)
    assert "xl/worksheets/sheet1.xml 解压后是压缩大小的" in line and "压缩炸弹" in line
    # Too many bytes once decompressed, whatever the ratio (the cap is a setting).
    with pytest.raises(UnreadableFile, match=r"解压后 .* MiB"):
        read_table(path, FIRST_SHEET, limits=Limits(unpacked=16 * 1024 * 1024))


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"PK\x03\x04 not really a zip", "不是 ZIP 压缩包"),
        (b"", "不是 ZIP 压缩包"),
        (b"<html>a page saved as .xlsx</html>", "不是 ZIP 压缩包"),
    ],
)
def test_broken_xlsx_is_one_problem(
    firms: Graph, tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(content)
    (line,) = refused(import_file(firms, "patents", path))
    assert reason in line


def test_xlsx_without_a_workbook_inside_is_one_problem(firms: Graph, tmp_path: Path) -> None:
    path = tmp_path / "zip.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("readme.txt", "not a workbook")
    (line,) = refused(import_file(firms, "patents", path))
    assert "不是可读取的 XLSX 文件" in line


def test_csv_that_is_not_text_is_one_problem(firms: Graph, tmp_path: Path) -> None:
    path = tmp_path / "binary.csv"
    path.write_bytes(bytes(range(256)) * 10)
    (line,) = refused(import_file(firms, "patents", path))
    assert "既不是 UTF-8 也不是 GB18030" in line


# --- values already stored -------------------------------------------------------------------


CONVERSION = """
query { conversionFigures(quarters: ["2024Q2", "2024Q3"], by: PROVINCE) {
  key quarters { quarter amount } } }
"""
DEALS = "query { transactions(first: 10) { edges { node { id amount entryFee royaltyRate } } } }"


async def test_statistics_survive_non_finite_values_already_stored(
    firms: Graph,
    agraph: AsyncGraph,  # noqa: F811
    tmp_path: Path,
) -> None:
    for kind in ("patents", "transactions"):
        header, rows = samples.SAMPLES[kind]
        ok(import_file(firms, kind, samples.write_csv(tmp_path / f"{kind}.csv", header, rows)))
    # As a hub before this check would have stored them.
    firms.write(
        "MATCH (t:Transaction {id: 'HT-ZJUT-2024-07'}) SET t.amount = $inf "
        "WITH 1 AS one MATCH (t:Transaction {id: 'X2024330000123'}) "
        "SET t.entryFee = $nan, t.royaltyRate = $inf",
        {"inf": float("inf"), "nan": float("nan")},
    )
    with firms.transaction() as tx:
        refresh(tx, ["4133010337"])  # the seller's roll-up, as `db rollups` would
    for who in (Principal(Role.NATIONAL, subject="t"), Principal(Role.PROVINCE, "33", subject="t")):
        body = await run(agraph, who, CONVERSION)
        assert "errors" not in body, body
        figures = {
            (g["key"], q["quarter"]): q["amount"]
            for g in body["data"]["conversionFigures"]
            for q in g["quarters"]
        }
        assert figures[("33", "2024Q3")] == 0.0  # the infinite amount counts as none
        body = await run(agraph, who, DEALS)
        assert "errors" not in body, body
        deals = {e["node"]["id"]: e["node"] for e in body["data"]["transactions"]["edges"]}
        assert deals["HT-ZJUT-2024-07"]["amount"] is None
        assert deals["X2024330000123"]["entryFee"] is None
        assert deals["X2024330000123"]["royaltyRate"] is None


# --- concurrent imports ---------------------------------------------------------------------


def blocked(graph: Graph) -> bool:
    rows = graph.read("SHOW TRANSACTIONS YIELD status RETURN status")
    return any(str(r["status"]).startswith("Blocked") for r in rows)


def test_two_overlapping_imports_both_end_cleanly(firms: Graph, tmp_path: Path) -> None:
    """One import holds its write transaction open over the same patents while a second
    import of the file writes: the second waits, collides when the first commits, checks
    the file again and ends with every record unchanged, saying what happened."""
    path = patents_csv(tmp_path / "p.csv")
    plan = patents.validate(read_table(path, FIRST_SHEET), firms)
    outcome: dict[str, Any] = {}

    def second() -> None:
        try:
            outcome["result"] = import_file(firms, "patents", path, progress=False)
        except Exception as exc:  # the test fails on it below
            outcome["error"] = exc

    with firms.transaction() as tx:
        for step in plan.steps:
            tx.run(cypher.load(step.statement), rows=step.rows).consume()
        other = threading.Thread(target=second)
        other.start()
        deadline = time.monotonic() + 60
        while not blocked(firms) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert blocked(firms), "the second import never waited for the first"
    other.join(60)
    assert "error" not in outcome, outcome.get("error")
    result: ImportResult = outcome["result"]
    ok(result)
    print("\n" + "\n".join(result.notes))
    assert result.unchanged == 4 and result.written.get("nodes_created", 0) == 0
    assert result.notes[0].startswith("第 1 次尝试：另一个导入同时写入了相同的记录")
    assert result.notes[-1] == "第 2 次尝试：文件已重新检查并导入"
    assert firms.read("MATCH (p:Patent) RETURN count(p) AS n")[0]["n"] == 4


def test_two_imports_started_together_leave_one_copy(firms: Graph, tmp_path: Path) -> None:
    rows = [
        dict(samples.PATENTS[n % 4], 申请号=samples.make_app_no(f"2023101{n:05d}"))
        for n in range(400)
    ]
    path = patents_csv(tmp_path / "many.csv", rows)
    start = threading.Barrier(2)
    results: list[ImportResult] = []
    errors: list[BaseException] = []

    def one() -> None:
        start.wait()
        try:
            results.append(import_file(firms, "patents", path, progress=False))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=one) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    assert len(results) == 2 and all(r.problems == [] for r in results)
    for r in results:
        print("\n" + ("\n".join(r.notes) or f"no collision; {r.unchanged} unchanged"))
    assert sorted(r.unchanged for r in results)[0] in (0, 400)
    assert firms.read("MATCH (p:Patent) RETURN count(p) AS n")[0]["n"] == 400
    dup = "MATCH (i:Inventor) WITH i.id AS id, count(*) AS n WHERE n > 1 RETURN count(id) AS d"
    assert firms.read(dup)[0]["d"] == 0
