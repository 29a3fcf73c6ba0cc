"""The inventory import: the real national template filled as institutions fill it
(continuation rows included), every template rule, and XLSX = CSV = JSONL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graph.db import Graph
from graph.ingest import samples
from graph.ingest.run import ImportResult, import_file
from graph.ingest.samples import APP

ZJUT = "4133010337"
SNAPSHOT = """
MATCH (p:Patent) WHERE p.inventoryState <> 'NOT_INVENTORIED'
RETURN p.appNo AS appNo, p.inventoryState AS state, p.implStatuses AS statuses,
       p.implDetails AS details, p.implAmount AS amount, p.implemented AS implemented,
       p.intents AS intents, p.intentDetails AS intentDetails, p.maturity AS maturity,
       p.rating AS rating, p.priceBand AS price, p.intendedCities AS cities,
       p.declaredIndustry AS industry, p.declaredSei AS sei, p.stateFunded AS funded,
       p.transferable AS transferable, p.productDesc AS product, p.contact AS contact,
       COLLECT { MATCH (p)-[:IN_INDUSTRY {source: 'DECLARED'}]->(i) RETURN i.id ORDER BY i.id }
         AS declared
ORDER BY appNo
"""


@pytest.fixture
def base(ref_graph: Graph, tmp_path: Path) -> Graph:
    for kind in ("enterprises", "patents"):
        header, rows = samples.SAMPLES[kind]
        path = samples.write_csv(tmp_path / f"{kind}.csv", header, rows)
        result = import_file(ref_graph, kind, path, progress=False)
        assert result.problems == []
    return ref_graph


def counts(graph: Graph) -> tuple[int, int, int]:
    row = graph.read(
        "CALL () { MATCH (n) RETURN count(n) AS n } "
        "CALL () { MATCH ()-[r]->() RETURN count(r) AS r } "
        "CALL () { MATCH (p:Patent) WHERE p.inventoryState <> 'NOT_INVENTORIED' "
        "RETURN count(p) AS i } RETURN n, r, i"
    )[0]
    return row["n"], row["r"], row["i"]


def run(graph: Graph, path: Path, **kw: Any) -> ImportResult:
    return import_file(graph, "inventory", path, institution=ZJUT, progress=False, **kw)


def test_template_with_continuation_rows(base: Graph, tmp_path: Path) -> None:
    path = samples.fill_template(tmp_path / "inv.xlsx", samples.INVENTORY)
    result = run(base, path)
    assert result.problems == [], "\n".join(map(str, result.problems))
    assert (result.rows, result.records) == (4, 3)
    got = {r["appNo"]: r for r in base.read(SNAPSHOT)}
    first = got[APP[0]]
    assert first["state"] == "SCREENED_IN"
    assert first["statuses"] == ["LICENSED", "TRANSFERRED"]
    assert first["details"] == ["已许可-已签订普通许可合同", "已转让-已签订转让合同"]
    assert first["amount"] == 80.0 and first["implemented"] is True
    assert first["intents"] == ["LICENCE", "TRANSFER"]
    assert first["intentDetails"] == ["ORDINARY_LICENCE", "EQUITY"]
    assert first["maturity"] == "TRIAL_PRODUCTION" and first["rating"] == 4
    assert first["price"] == "P50_60" and first["industry"] == "C" and first["sei"] == "5.2"
    assert first["cities"] == ["浙江省-杭州市", "江苏省-苏州市"]
    assert sorted(first["declared"]) == ["GBT4754:C", "SEI2018:5.2"]
    assert first["transferable"] is True and first["funded"] is True
    assert first["product"] == "磷酸铁锂正极材料，循环寿命3000次以上"
    second = got[APP[1]]
    assert second["rating"] == 2 and second["product"] is None and second["maturity"] == "SAMPLE"
    assert second["implemented"] is False and second["intents"] == ["OWN_USE"]
    third = got[APP[2]]
    assert third["state"] == "SCREENED_OUT" and third["transferable"] is False
    assert third["statuses"] == ["TO_BE_ABANDONED"] and third["intents"] == []


def test_csv_and_jsonl_give_the_same_graph(base: Graph, tmp_path: Path) -> None:
    files = [
        samples.fill_template(tmp_path / "inv.xlsx", samples.INVENTORY),
        samples.write_csv(tmp_path / "inv.csv", samples.INVENTORY_HEADER, samples.INVENTORY),
        samples.write_csv(
            tmp_path / "bom.csv", samples.INVENTORY_HEADER, samples.INVENTORY, bom=True
        ),
        samples.write_jsonl(tmp_path / "inv.jsonl", samples.INVENTORY),
    ]
    gb = tmp_path / "gb.csv"
    gb.write_bytes(files[1].read_text(encoding="utf-8").encode("gb18030"))
    files.append(gb)
    snapshots = []
    for path in files:
        # back to the state before any inventory, the stored row hash included
        base.write(
            "MATCH (p:Patent) SET p.inventoryState = 'NOT_INVENTORIED' REMOVE p.inventoryHash"
        )
        base.write("MATCH (:Patent)-[r:IN_INDUSTRY {source: 'DECLARED'}]->() DELETE r")
        result = run(base, path)
        assert result.problems == [], (path.name, [str(p) for p in result.problems])
        snapshots.append((base.read(SNAPSHOT), counts(base)))
    for path, (rows, count) in zip(files, snapshots, strict=True):
        assert count == snapshots[0][1], path.name
        for mine, first in zip(rows, snapshots[0][0], strict=True):
            diff = {k: (v, first[k]) for k, v in mine.items() if v != first[k]}
            assert diff == {}, path.name
    first = next(r for r in snapshots[0][0] if r["appNo"] == APP[0])
    assert first["contact"] == "张老师"  # Chinese text intact, whatever the encoding


def test_second_import_and_dry_run(base: Graph, tmp_path: Path) -> None:
    path = samples.fill_template(tmp_path / "inv.xlsx", samples.INVENTORY)
    before = counts(base)
    dry = run(base, path, dry_run=True)
    assert dry.problems == [] and dry.records == 3 and counts(base) == before
    run(base, path)
    after = counts(base)
    assert after[2] == 3
    again = run(base, path)
    assert again.written["nodes_created"] == again.written["relationships_created"] == 0
    assert counts(base) == after


def bad_rows(change: dict[int, dict[str, Any]]) -> list[dict[str, Any]]:
    rows = [dict(r) for r in samples.INVENTORY]
    for index, values in change.items():
        if index >= len(rows):
            rows.append({})
        rows[index].update(values)
    return rows


CASES: list[tuple[dict[int, dict[str, Any]], int, str, tuple[str, str]]] = [
    # (changes by row index, template row, column, (code, Chinese text of the reason))
    (
        {3: {"转化意愿（一级）": "拟许可"}},
        7,
        "P 转化意愿（一级）",
        ("MUST_BE_EMPTY", "应为空：该专利已被筛除"),
    ),
    ({3: {"技术成熟度": "可以量产"}}, 7, "X 技术成熟度", ("MUST_BE_EMPTY", "该专利已被筛除")),
    (
        {3: {"专利价值分级自评": "三星"}},
        7,
        "Y 专利价值分级自评",
        ("MUST_BE_EMPTY", "该专利已被筛除"),
    ),
    (
        {3: {"国民经济行业分类": "制造业"}},
        7,
        "AA 国民经济行业分类",
        ("MUST_BE_EMPTY", "应为空：该专利已被筛除"),
    ),
    (
        {0: {"本专利对应产品、技术优势、性能指标": None}},
        4,
        "Z 本专利对应产品、技术优势、性能指标",
        ("REQUIRED", "评级为 4 星时"),
    ),
    (
        {0: {"产业化前景描述": None}},
        4,
        "AB 产业化前景描述",
        ("REQUIRED", "评级为 4 星时须填写“产业化前景描述”"),
    ),
    (
        {1: {"金额（万元）/评价结果/产品名称": None}},
        5,
        "N 金额（万元）/评价结果/产品名称",
        ("REQUIRED", "实施状态为“已转让”时须填写金额"),
    ),
    (
        {0: {"金额（万元）/评价结果/产品名称": "五十万"}},
        4,
        "N 金额（万元）/评价结果/产品名称",
        ("BAD_NUMBER", "不是数字：“五十万”"),
    ),
    (
        {2: {"一级实施状态": "已自行产业化"}},
        6,
        "N 金额（万元）/评价结果/产品名称",
        ("REQUIRED", "实施状态为“已自行产业化”时"),
    ),
    ({0: {"技术成熟度": "量产"}}, 4, "X 技术成熟度", ("NOT_IN_LIST", "不是可选值")),
    ({0: {"意向价格": "50万"}}, 4, "U 意向价格", ("NOT_IN_LIST", "不是可选值")),
    ({0: {"专利价值分级自评": "六星"}}, 4, "Y 专利价值分级自评", ("NOT_IN_LIST", "不是可选值")),
    (
        {0: {"国民经济行业分类": "工业"}},
        4,
        "AA 国民经济行业分类",
        ("NOT_IN_LIST", "国民经济行业分类的门类名称"),
    ),
    ({0: {"战新分类": "元宇宙"}}, 4, "AC 战新分类", ("NOT_IN_LIST", "战略性新兴产业分类")),
    (
        {0: {"意向合作城市": "浙江省-南京市"}},
        4,
        "S 意向合作城市",
        ("UNKNOWN_CITY", "实际的地级行政区"),
    ),
    (
        {0: {"转化意愿（二级）": "拟作价入股"}},
        4,
        "Q 转化意愿（二级）",
        ("NOT_IN_LIST", "不在“拟许可”的二级选项中"),
    ),
    ({0: {"转化意愿（一级）": "拟出售"}}, 4, "P 转化意愿（一级）", ("NOT_IN_LIST", "不是可选值")),
    ({0: {"联系人": None}}, 4, "V 联系人", ("REQUIRED", "必填项为空")),
    (
        {0: {"是否属于财政资助科研项目形成专利": None}},
        4,
        "K 是否属于财政资助科研项目形成专利",
        ("REQUIRED", "必填项为空"),
    ),
    ({1: {"技术成熟度": "样品、实验阶段"}}, 5, "X 技术成熟度", ("CONTINUATION_COLUMN", "续行")),
    ({2: {"申请号": APP[3]}}, 6, "B 申请号", ("NOT_OWN_PATENT", "专利权人不含 浙江工业大学")),
    (
        {2: {"申请号": samples.make_app_no("201900000001")}},
        6,
        "B 申请号",
        ("UNKNOWN_PATENT", "专利不在存量专利基础库中"),
    ),
    ({2: {"申请号": APP[0]}}, 6, "B 申请号", ("DUPLICATE", "已在第 4 行盘点")),
    ({2: {"申请号": "2022106543210"}}, 6, "B 申请号", ("BAD_APP_NO_CHECK", "校验位")),
    (
        {2: {"二级状态描述": "已签订合同"}},
        6,
        "M 二级状态描述",
        ("MUST_BE_EMPTY", "实施状态为“尚未实施”时不填二级状态"),
    ),
]


@pytest.mark.parametrize(("change", "row", "column", "reason"), CASES)
def test_template_rules(
    base: Graph,
    tmp_path: Path,
    change: dict[int, dict[str, Any]],
    row: int,
    column: str,
    reason: tuple[str, str],
) -> None:
    path = samples.fill_template(tmp_path / "bad.xlsx", bad_rows(change))
    before = counts(base)
    result = run(base, path)
    assert counts(base) == before and result.written == {}
    found = [(p.sheet, p.row, p.column) for p in result.problems]
    assert found == [("批量导入", row, column)], [str(p) for p in result.problems]
    code, text = reason
    assert result.problems[0].code == code, str(result.problems[0])
    assert text in result.problems[0].reason, str(result.problems[0])


def test_six_stage_maturity_and_csv_report(base: Graph, tmp_path: Path) -> None:
    rows = bad_rows({0: {"技术成熟度": "通过中试"}, 2: {"技术成熟度": "技术构思"}})
    path = samples.write_csv(tmp_path / "inv.csv", samples.INVENTORY_HEADER, rows)
    assert run(base, path).problems == []
    got = {r["appNo"]: r["maturity"] for r in base.read(SNAPSHOT)}
    assert got[APP[0]] == "TRIAL_PRODUCTION" and got[APP[1]] == "CONCEPT"
    bad = samples.write_csv(
        tmp_path / "bad.csv", samples.INVENTORY_HEADER, bad_rows({0: {"意向价格": "很贵"}})
    )
    problems = run(base, bad).problems
    assert [(p.sheet, p.row, p.column) for p in problems] == [("bad.csv", 2, "意向价格")]


def test_unknown_institution(base: Graph, tmp_path: Path) -> None:
    path = samples.fill_template(tmp_path / "inv.xlsx", samples.INVENTORY)
    result = import_file(base, "inventory", path, institution="不存在大学", progress=False)
    assert len(result.problems) == 1 and "不是平台登记的高校或科研机构" in result.problems[0].reason
    assert result.problems[0].code == "UNKNOWN_INSTITUTION"
