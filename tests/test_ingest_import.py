"""Standard-format imports against the real Neo4j: valid files write, bad files write nothing,
a second import changes no count, and XLSX, CSV and JSONL give the same graph."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graph.db import Graph
from graph.ingest import samples
from graph.ingest.run import ImportResult, import_file, run_import
from graph.ingest.samples import APP, FIRM

UNKNOWN = samples.make_app_no("201911111111")
COUNT = """
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS rels }
RETURN nodes, rels
"""


def counts(graph: Graph) -> tuple[int, int]:
    row = graph.read(COUNT)[0]
    return row["nodes"], row["rels"]


def ok(result: ImportResult) -> ImportResult:
    assert result.problems == [], "\n".join(map(str, result.problems))
    return result


def load(
    graph: Graph, tmp: Path, kind: str, rows: list[dict[str, Any]] | None = None
) -> ImportResult:
    header, default = samples.SAMPLES[kind]
    path = samples.write_csv(tmp / f"{kind}.csv", header, default if rows is None else rows)
    return import_file(graph, kind, path, progress=False)


@pytest.fixture
def base(ref_graph: Graph, tmp_path: Path) -> Graph:
    """Reference data, the sample enterprises and experts, and the base-library patents."""
    for kind in ("enterprises", "experts", "patents"):
        ok(load(ref_graph, tmp_path, kind))
    return ref_graph


def patent(graph: Graph, app_no: str) -> dict[str, Any]:
    query = "MATCH (p:Patent {appNo: $a}) RETURN properties(p) AS p"
    return graph.read(query, {"a": app_no})[0]["p"]


# --- base library ---------------------------------------------------------------------


def test_patents_write_nodes_links_and_scope_keys(base: Graph) -> None:
    p = patent(base, APP[0])
    assert p["title"] == "一种锂电池正极材料"
    assert p["type"] == "INVENTION"
    assert p["institutionId"] == "4133010337"
    assert p["provinceCode"] == "33"
    assert p.get("ministryCode") is None
    assert p["ipcCodes"] == ["H01M4/58", "H01M10/0525", "C01B25/45"]
    assert p["stateFunded"] is True and p["openLicence"] is False
    assert p["inventoryState"] == "NOT_INVENTORIED"
    assert patent(base, APP[3])["ministryCode"] == "MOE"
    rows = base.read(
        "MATCH (p:Patent {appNo: $a}) "
        "RETURN [(p)-[o:OWNED_BY]->(i) | [i.id, o.order]] AS owners, "
        "[(v:Inventor)-[x:INVENTED]->(p) | [v.id, x.order]] AS inventors, "
        "[(p)-[h:HAS_IPC]->(c) | [c.code, h.main]] AS ipc",
        {"a": APP[1]},
    )[0]
    assert sorted(rows["owners"]) == [["4133010335", 2], ["4133010337", 1]]
    assert sorted(rows["inventors"]) == [["4133010337/王明", 2], ["4133010337/陈刚", 1]]
    assert sorted(rows["ipc"]) == [["G06N", False], ["G06V", True]]
    chain = base.read(
        "MATCH (:IpcClass {code: 'H01M'})-[:PART_OF]->(c:IpcClass)-[:PART_OF]->(s:IpcClass) "
        "RETURN c.code AS c, s.code AS s, c.level AS level"
    )
    assert chain == [{"c": "H01", "s": "H", "level": "CLASS"}]
    # 王明 is one inventor of two patents of the same institution
    assert base.read(
        "MATCH (v:Inventor {id: '4133010337/王明'})-[:INVENTED]->(p) "
        "MATCH (v)-[:AFFILIATED_WITH]->(i:Institution) RETURN count(p) AS n, i.name AS i"
    ) == [{"n": 2, "i": "浙江工业大学"}]


def test_patents_get_industries_from_ipc(base: Graph) -> None:
    rows = base.read(
        "MATCH (p:Patent)-[r:IN_INDUSTRY]->(i:Industry) "
        "RETURN p.appNo AS a, r.source AS s, i.id AS i"
    )
    sources = {r["s"] for r in rows}
    assert sources <= {"IPC_CONCORDANCE", "DERIVED"}
    # the concordance puts G06N3/08 (neural networks) into a 新一代信息技术 level-2 industry
    ai = {r["i"] for r in rows if r["a"] == APP[1] and r["s"] == "IPC_CONCORDANCE"}
    assert ai and all(i.startswith("SEI2018:1.") for i in ai)
    derived = [r["i"] for r in rows if r["a"] == APP[0] and r["s"] == "DERIVED"]
    assert derived == ["GBT4754:C"]


def test_full_text_search_finds_chinese_title(base: Graph) -> None:
    base.write("CALL db.awaitIndexes(60)")
    hits = base.read(
        "CALL db.index.fulltext.queryNodes('patent_text', '锂电池') YIELD node "
        "RETURN node.title AS title"
    )
    assert "一种锂电池正极材料" in [h["title"] for h in hits]


def test_second_import_changes_no_count(base: Graph, tmp_path: Path) -> None:
    extra = tmp_path / "x"
    extra.mkdir()
    for kind in ("inventory", "evaluations", "transactions"):
        ok(load(base, tmp_path, kind))
    before = counts(base)
    for kind in ("enterprises", "experts", "patents", "inventory", "evaluations", "transactions"):
        result = ok(load(base, extra, kind))
        assert result.written["nodes_created"] == 0, kind
        assert result.written["relationships_created"] == 0, kind
    assert counts(base) == before


def test_changed_patent_drops_stale_links(base: Graph, tmp_path: Path) -> None:
    rows = [dict(samples.PATENTS[0], 发明人="王明", IPC分类号="H01M4/58")]
    ok(load(base, tmp_path, "patents", rows))
    got = base.read(
        "MATCH (p:Patent {appNo: $a}) RETURN COUNT { (:Inventor)-[:INVENTED]->(p) } AS inv, "
        "COUNT { (p)-[:HAS_IPC]->() } AS ipc",
        {"a": APP[0]},
    )
    assert got == [{"inv": 1, "ipc": 1}]


def test_dry_run_writes_nothing(ref_graph: Graph, tmp_path: Path) -> None:
    ok(load(ref_graph, tmp_path, "enterprises"))
    before = counts(ref_graph)
    header, rows = samples.SAMPLES["patents"]
    path = samples.write_csv(tmp_path / "p.csv", header, rows)
    result = import_file(ref_graph, "patents", path, dry_run=True, progress=False)
    assert result.problems == [] and result.records == 4 and result.written == {}
    assert counts(ref_graph) == before


# --- problems: every rule names sheet, row, column, and nothing is written ---------------


def problems_of(graph: Graph, path: Path, kind: str, **kw: Any) -> list[tuple[str, int, str, str]]:
    before = counts(graph)
    result = import_file(graph, kind, path, progress=False, **kw)
    assert counts(graph) == before, "a file with problems must write nothing"
    assert result.written == {}
    return [(p.sheet, p.row, p.column, f"{p.code} {p.reason}") for p in result.problems]


def has(why: str, reason: tuple[str, str]) -> bool:
    """A problem text of ``problems_of`` is of the kind ``reason[0]`` (its code) and says
    ``reason[1]`` (Chinese)."""
    return why.startswith(reason[0] + " ") and reason[1] in why


@pytest.mark.parametrize(
    ("change", "column", "reason"),
    [
        ({"申请号": "20231012345"}, "申请号", ("BAD_APP_NO", "申请号格式不正确：“20231012345”")),
        ({"申请号": "202310123456.1"}, "申请号", ("BAD_APP_NO_CHECK", "校验位应为 6")),
        ({"专利名称": ""}, "专利名称", ("REQUIRED", "必填项为空：请填写“专利名称”")),
        (
            {"专利类型": "发明专利"},
            "专利类型",
            ("NOT_IN_LIST", "应为 发明 / 实用新型 / 外观设计 之一"),
        ),
        ({"申请日": "2023-13-05"}, "申请日", ("BAD_DATE", "日期不存在")),
        ({"授权日": "2022-01-01"}, "授权日", ("GRANT_BEFORE_FILING", "授权日早于申请日")),
        ({"法律状态": "有效期"}, "法律状态", ("NOT_IN_LIST", "不是可选值：“有效期”")),
        ({"IPC主分类号": "H1M4/58"}, "IPC主分类号", ("BAD_IPC", "IPC 分类号格式不正确")),
        ({"IPC分类号": "H01M4/58；XYZ"}, "IPC分类号", ("BAD_IPC", "“XYZ”")),
        ({"是否财政资助": "可能"}, "是否财政资助", ("BAD_YES_NO", "应填“是”或“否”")),
        ({"发明人": ""}, "发明人", ("REQUIRED", "必填项为空")),
    ],
)
def test_patent_rules(
    base: Graph, tmp_path: Path, change: dict[str, str], column: str, reason: tuple[str, str]
) -> None:
    other = samples.make_app_no("202399999999")
    rows = [dict(samples.PATENTS[3], 申请号=other), samples.PATENTS[0]]
    rows[1] = dict(rows[1], **change)
    path = samples.write_csv(tmp_path / "bad.csv", samples.PATENT_HEADER, rows)
    found = problems_of(base, path, "patents")
    assert len(found) == 1, found
    sheet, row, col, why = found[0]
    assert (sheet, row, col) == ("bad.csv", 3, column)
    assert has(why, reason), why


def test_duplicate_and_missing_column(base: Graph, tmp_path: Path) -> None:
    rows = [samples.PATENTS[0], samples.PATENTS[0]]
    path = samples.write_csv(tmp_path / "dup.csv", samples.PATENT_HEADER, rows)
    found = problems_of(base, path, "patents")
    assert [(r, c) for _, r, c, _ in found] == [(3, "申请号")]
    assert has(found[0][3], ("DUPLICATE", "已在第 2 行给出")), found
    header = [h for h in samples.PATENT_HEADER if h != "法律状态"]
    path = samples.write_csv(tmp_path / "cols.csv", header, rows)
    found = problems_of(base, path, "patents")
    assert found == [("cols.csv", 1, "法律状态", "MISSING_COLUMN 表头缺少必需的列“法律状态”")]


def test_application_number_forms_normalise(base: Graph) -> None:
    # the sample gives CN…, a 13-digit form without the dot and the key form
    assert {r["a"] for r in base.read("MATCH (p:Patent) RETURN p.appNo AS a")} == set(APP)


def test_cli_exit_codes_and_report(
    base: Graph, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [dict(samples.PATENTS[0], 专利类型="发明专利")]
    bad = samples.write_csv(tmp_path / "bad.csv", samples.PATENT_HEADER, rows)
    assert run_import(base, "patents", bad, dry_run=False, institution=None) == 1
    out = capsys.readouterr().out
    assert "工作表 bad.csv 第 2 行 专利类型 列：不是可选值" in out and "未写入任何内容" in out
    good = samples.write_csv(tmp_path / "good.csv", samples.PATENT_HEADER, samples.PATENTS)
    assert run_import(base, "patents", good, dry_run=True, institution=None) == 0
    assert "试运行，未写入" in capsys.readouterr().out
    before = base.read("MATCH (p:Patent) RETURN count(p) AS n")[0]["n"]
    code = run_import(base, "patents", good, dry_run=False, institution=None, account="nobody")
    assert code == 2  # an account that may not write: refused before reading the file
    assert "no account 'nobody'" in capsys.readouterr().err
    assert base.read("MATCH (p:Patent) RETURN count(p) AS n")[0]["n"] == before


# --- evaluations, transactions, directories ------------------------------------------


def test_evaluations_and_transactions(base: Graph, tmp_path: Path) -> None:
    ok(load(base, tmp_path, "evaluations"))
    ok(load(base, tmp_path, "transactions"))
    ev = base.read(
        "MATCH (by)-[:SUBMITTED]->(e:Evaluation)-[:EVALUATES]->(p:Patent) "
        "RETURN e.id AS id, labels(by)[0] AS by, p.appNo AS a, e.willingness AS w, "
        "e.maturity AS m ORDER BY id"
    )
    assert ev == [
        {
            "id": "EV-2024-0001",
            "by": "Enterprise",
            "a": APP[0],
            "w": "STRONG",
            "m": "TRIAL_PRODUCTION",
        },
        {"id": "EV-2024-0002", "by": "Expert", "a": APP[1], "w": "MODERATE", "m": None},
    ]
    tx = base.read(
        "MATCH (t:Transaction)-[:SELLER]->(s:Institution), (t)-[:BUYER]->(b:Enterprise) "
        "RETURN t.id AS id, t.kind AS kind, t.quarter AS q, s.id AS s, b.creditCode AS b, "
        "t.royaltyRate AS rate, t.registered AS reg, "
        "[(t)-[:OF_PATENT]->(p) | p.appNo] AS patents ORDER BY id"
    )
    assert tx[0]["id"] == "HT-ZJUT-2024-07" and sorted(tx[0]["patents"]) == sorted(APP[:2])
    assert tx[0]["kind"] == "POOL" and tx[0]["q"] == "2024Q3" and tx[0]["reg"] is False
    assert tx[1]["kind"] == "ORDINARY_LICENCE" and tx[1]["rate"] == 3.0 and tx[1]["b"] == FIRM[0]


@pytest.mark.parametrize(
    ("kind", "index", "change", "column", "reason"),
    [
        ("evaluations", 0, {"产业化前景": 6}, "产业化前景", ("OUT_OF_RANGE", "应在 1–5 之间")),
        (
            "evaluations",
            0,
            {"合作意愿": "很强"},
            "合作意愿",
            ("NOT_IN_LIST", "强烈 / 一般 / 较弱 / 无"),
        ),
        (
            "evaluations",
            0,
            {"统一社会信用代码": FIRM[0][:-1] + "0"},
            "统一社会信用代码",
            ("BAD_CREDIT_CODE_CHECK", "校验位不正确"),
        ),
        ("evaluations", 1, {"专家编号": "ZJ-9"}, "专家编号", ("UNKNOWN_EXPERT", "专家不存在")),
        ("evaluations", 0, {"申请号": UNKNOWN}, "申请号", ("UNKNOWN_PATENT", "专利不存在")),
        (
            "evaluations",
            0,
            {"专家编号": "ZJ-2024-001"},
            "专家编号",
            ("MUST_BE_EMPTY", "评价方类型为企业时"),
        ),
        (
            "transactions",
            0,
            {"提成比例（%）": ""},
            "提成比例（%）",
            ("REQUIRED", "支付方式为“入门费加提成”时须填写“提成比例（%）”"),
        ),
        ("transactions", 1, {"分期数": 1}, "分期数", ("OUT_OF_RANGE", "数值超出范围")),
        (
            "transactions",
            0,
            {"让与方": "浙江大学"},
            "申请号",
            ("NOT_SELLERS_PATENT", "专利不属于让与方"),
        ),
        ("transactions", 0, {"让与方": "某某公司"}, "让与方", ("UNKNOWN_INSTITUTION", "某某公司")),
        ("transactions", 0, {"交易类型": "许可"}, "交易类型", ("NOT_IN_LIST", "不是可选值")),
        ("transactions", 0, {"合同日期": "明天"}, "合同日期", ("BAD_DATE", "日期格式不正确")),
        ("enterprises", 0, {"企业类型": "小微企业"}, "企业类型", ("NOT_IN_LIST", "小微企业")),
        (
            "enterprises",
            0,
            {"地级代码": "3201"},
            "地级代码",
            ("UNKNOWN_CITY", "不是省级代码 33 下的地级行政区"),
        ),
        ("enterprises", 0, {"所属行业": "Z"}, "所属行业", ("BAD_INDUSTRY", "不是 GB/T 4754")),
        ("enterprises", 0, {"省级代码": "99"}, "省级代码", ("UNKNOWN_PROVINCE", "GB/T 2260")),
        ("experts", 0, {"专业领域": "1.99"}, "专业领域", ("UNKNOWN_INDUSTRY", "参考数据中没有")),
        ("experts", 0, {"电子邮箱": "sunwei"}, "电子邮箱", ("BAD_EMAIL", "电子邮箱格式不正确")),
    ],
)
def test_other_rules(
    base: Graph,
    tmp_path: Path,
    kind: str,
    index: int,
    change: dict[str, Any],
    column: str,
    reason: tuple[str, str],
) -> None:
    header, rows = samples.SAMPLES[kind]
    rows = [dict(r) for r in rows]
    rows[index].update(change)
    path = samples.write_csv(tmp_path / f"{kind}.csv", header, rows)
    found = problems_of(base, path, kind)
    assert [(s, r, c) for s, r, c, _ in found] == [(f"{kind}.csv", index + 2, column)], found
    assert has(found[0][3], reason), found


def test_directories(base: Graph) -> None:
    firms = base.read(
        "MATCH (e:Enterprise) RETURN e.creditCode AS c, e.kinds AS k, "
        "[(e)-[:LOCATED_IN]->(p) | p.code] AS p, [(e)-[:IN_INDUSTRY]->(i) | i.id] AS i, "
        "[(e)-[:SUPERVISED_BY]->(m) | m.code] AS m, [(e)-[:STATES]->(n) | n.text] AS need "
        "ORDER BY c"
    )
    by = {f["c"]: f for f in firms}
    assert by[FIRM[0]]["k"] == ["SRDI", "HIGH_TECH"]
    assert sorted(by[FIRM[0]]["i"]) == ["GBT4754:3841", "GBT4754:C"]
    assert by[FIRM[0]]["need"] == ["高能量密度磷酸铁锂正极材料的量产工艺"]
    assert by[FIRM[2]]["m"] == ["SASAC"] and by[FIRM[2]]["p"] == ["11"]
    experts = base.read(
        "MATCH (x:Expert {id: 'ZJ-2024-001'}) RETURN [(x)-[:EXPERT_IN]->(i) | i.id] AS i, "
        "[(x)-[:RECOMMENDED_BY]->(p) | p.code] AS p"
    )[0]
    assert sorted(experts["i"]) == ["GBT4754:C", "SEI2018:5.2"] and experts["p"] == ["33"]
