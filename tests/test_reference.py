"""Reference data: bundled files, loading into the real Neo4j, operator overrides."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.db import Graph
from graph.reference import (
    DATA_DIR,
    ReferenceDataError,
    UnknownSupervisor,
    city_code,
    institutions,
    load_reference,
    province_code_by_name,
    provinces,
    read_reference,
    supervising_ministry,
)

UNIVERSITIES = 2919
INSTITUTES = sum(1 for i in read_reference().institutions if i.kind != "UNIVERSITY")
EXPECTED = {
    "Province": 31,
    "Ministry": 26,
    "Institution": UNIVERSITIES + INSTITUTES,
    "Industry": 1971 + 9 + 40,
}


def rel_counts(graph: Graph) -> dict[str, int]:
    rows = graph.read(
        "MATCH (:Institution)-[r:LOCATED_IN]->(:Province) WITH count(r) AS located "
        "MATCH (:Institution)-[r:SUPERVISED_BY]->(:Ministry) WITH located, count(r) AS sup "
        "MATCH (:Industry)-[r:PART_OF]->(:Industry) RETURN located, sup, count(r) AS partOf"
    )
    return rows[0]


def test_bundled_files_have_the_expected_sizes() -> None:
    data = read_reference()
    assert 60 <= INSTITUTES <= 120
    assert len([i for i in data.institutions if i.kind == "UNIVERSITY"]) == UNIVERSITIES
    gbt = [i for i in data.industries if i.scheme == "GBT4754"]
    assert len([i for i in gbt if i.level == 1]) == 20
    assert len(gbt) == 1971
    ids = [i.id for i in data.institutions]
    assert len(ids) == len(set(ids))
    provinces_used = {i.provinceCode for i in data.institutions if i.kind != "UNIVERSITY"}
    assert len(provinces_used) >= 25


def test_load_counts_and_idempotency(graph: Graph) -> None:
    first = load_reference(graph)
    assert first == EXPECTED
    links = rel_counts(graph)
    assert links["located"] == EXPECTED["Institution"]
    assert links["partOf"] == 1971 - 20 + 40
    second = load_reference(graph)
    assert second == first
    assert rel_counts(graph) == links


def test_loaded_properties(ref_graph: Graph) -> None:
    pku = ref_graph.read(
        "MATCH (i:Institution {id: '4111010001'})-[:SUPERVISED_BY]->(m:Ministry) "
        "MATCH (i)-[:LOCATED_IN]->(p:Province) RETURN i, m.code AS m, p.code AS p"
    )
    assert len(pku) == 1
    assert pku[0]["m"] == "MOE" and pku[0]["p"] == "11"
    node = pku[0]["i"]
    assert node["name"] == "北京大学"
    assert node["kind"] == "UNIVERSITY"
    assert node["localRun"] is False and node["ministryCode"] == "MOE"
    assert node["demonstration"] is True and node["level"] == "本科"
    assert node["aliases"] == []

    henu = ref_graph.read(
        "MATCH (i:Institution {name: '河南大学'}) "
        "RETURN i.localRun AS local, i.ministryCode AS m, i.pilot AS pilot, "
        "COUNT { (i)-[:SUPERVISED_BY]->() } AS sup, "
        "[(i)-[:LOCATED_IN]->(p) | p.code] AS p"
    )
    assert henu == [{"local": True, "m": None, "pilot": True, "sup": 0, "p": ["41"]}]

    shanghaitech = ref_graph.read(
        "MATCH (:Institution {name: '上海科技大学'})-[:SUPERVISED_BY]->(m) RETURN m.code AS m"
    )
    assert shanghaitech == [{"m": "CAS"}]

    dicp = ref_graph.read(
        "MATCH (i:Institution {name: '中国科学院大连化学物理研究所'})-[:SUPERVISED_BY]->(m) "
        "RETURN i.kind AS kind, i.provinceCode AS p, m.code AS m"
    )
    assert dicp == [{"kind": "RESEARCH_INSTITUTE", "p": "21", "m": "CAS"}]


def test_industry_tree(ref_graph: Graph) -> None:
    chain = ref_graph.read(
        "MATCH path = (:Industry {id: 'GBT4754:3841'})-[:PART_OF*]->(top:Industry) "
        "WHERE NOT (top)-[:PART_OF]->() "
        "RETURN [n IN nodes(path) | n.code] AS codes, [n IN nodes(path) | n.level] AS levels"
    )
    assert chain == [{"codes": ["3841", "384", "38", "C"], "levels": [4, 3, 2, 1]}]
    sei = ref_graph.read(
        "MATCH (n:Industry {id: 'SEI2018:5.2'})-[:PART_OF]->(f) "
        "RETURN n.name AS name, n.level AS level, n.items AS items, f.code AS field"
    )
    assert sei[0]["name"] == "新能源汽车装置、配件制造"
    assert sei[0]["level"] == 2 and sei[0]["field"] == "5"
    assert len(sei[0]["items"]) >= 1
    levels = ref_graph.read(
        "MATCH (n:Industry {scheme: 'SEI2018'}) RETURN n.level AS level, count(*) AS n "
        "ORDER BY level"
    )
    assert levels == [{"level": 1, "n": 9}, {"level": 2, "n": 40}]


def test_directory_override_falls_back_per_file(graph: Graph, tmp_path: Path) -> None:
    text = (DATA_DIR / "ministries.csv").read_text(encoding="utf-8")
    (tmp_path / "ministries.csv").write_text(text + "NRTA,国家广播电视总局,测试,广电总局\n")
    counts = load_reference(graph, tmp_path)
    assert counts == {**EXPECTED, "Ministry": 27}
    rows = graph.read("MATCH (m:Ministry {code: 'NRTA'}) RETURN m.name AS name, m.aliases AS a")
    assert rows == [{"name": "国家广播电视总局", "a": ["广电总局"]}]


def test_override_moves_supervision(graph: Graph, tmp_path: Path) -> None:
    load_reference(graph)
    source = (DATA_DIR / "institutes-hospitals.csv").read_text(encoding="utf-8")
    changed = source.replace(
        "RI-0001,中国科学院物理研究所,RESEARCH_INSTITUTE,CAS,11,北京市",
        "RI-0001,中国科学院物理研究所,RESEARCH_INSTITUTE,,11,北京市",
    )
    assert changed != source
    (tmp_path / "institutes-hospitals.csv").write_text(changed, encoding="utf-8")
    load_reference(graph, tmp_path)
    rows = graph.read(
        "MATCH (i:Institution {id: 'RI-0001'}) "
        "RETURN i.localRun AS local, COUNT { (i)-[:SUPERVISED_BY]->() } AS sup"
    )
    assert rows == [{"local": True, "sup": 0}]


def test_malformed_file_names_file_line_and_column(graph: Graph, tmp_path: Path) -> None:
    lines = (DATA_DIR / "institutions-moe.csv").read_text(encoding="utf-8").splitlines()
    lines[5] = lines[5].replace(lines[5].split(",")[2], "41110X0005")
    (tmp_path / "institutions-moe.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError) as info:
        load_reference(graph, tmp_path)
    err = info.value
    assert err.line == 6 and err.column == "学校标识码"
    assert "institutions-moe.csv，第 6 行，学校标识码 列" in str(err)
    assert graph.read("MATCH (n) RETURN count(n) AS n") == [{"n": 0}]


def test_short_row_and_unknown_supervisor(tmp_path: Path) -> None:
    shutil.copy(DATA_DIR / "provinces-gbt2260.csv", tmp_path / "provinces-gbt2260.csv")
    with (tmp_path / "provinces-gbt2260.csv").open("a", encoding="utf-8") as f:
        f.write("71,台湾省\n")
    with pytest.raises(ReferenceDataError, match=r"第 33 行，简称 列：应有 3 个字段"):
        read_reference(tmp_path)

    rows = (DATA_DIR / "institutions-moe.csv").read_text(encoding="utf-8").splitlines()
    rows[2] = rows[2].replace(",教育部,", ",国家航天局,")
    (tmp_path / "institutions-moe.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (tmp_path / "provinces-gbt2260.csv").unlink()
    with pytest.raises(ReferenceDataError, match=r"第 3 行，主管部门 列：.*国家航天局"):
        read_reference(tmp_path)


def test_missing_column_is_reported(tmp_path: Path) -> None:
    (tmp_path / "strategic-emerging-industries-2018.csv").write_text("代码,名字\n1,x\n")
    with pytest.raises(ReferenceDataError, match=r"第 1 行，名称 列：缺少必需的列"):
        read_reference(tmp_path)


def test_central_local_rule() -> None:
    assert supervising_ministry("教育部") == "MOE"
    assert supervising_ministry("工业和信息化部") == "MIIT"
    assert supervising_ministry("国家民委") == "NEAC"
    assert supervising_ministry("交通运输部") == "MOT"
    assert supervising_ministry("交通运输部（中国民用航空局）") == "CAAC"
    assert supervising_ministry("上海市 中国科学院") == "CAS"
    assert supervising_ministry("国家卫生健康委员会") == "NHC"
    assert supervising_ministry("河南省教育厅") is None
    assert supervising_ministry("重庆市教委") is None
    assert supervising_ministry("广西壮族自治区") is None
    assert supervising_ministry("新疆生产建设兵团") is None
    assert supervising_ministry("深圳市") is None
    with pytest.raises(UnknownSupervisor, match="国家航天局"):
        supervising_ministry("国家航天局")


def test_name_helpers() -> None:
    assert provinces()["44"] == "广东省"
    assert province_code_by_name("广西壮族自治区") == "45"
    assert province_code_by_name("广西") == "45"
    assert province_code_by_name("京") == "11"
    assert province_code_by_name("火星") is None
    assert city_code("广东省-广州市") == "4401"
    assert city_code("广东-深圳") == "4403"
    assert city_code("北京市-北京市") == "1101"
    assert city_code("河南省-济源市") == "419001"
    assert city_code("广州市") is None
    names = {i.name for i in institutions()}
    assert {"北京协和医院", "广东省人民医院", "中国科学院物理研究所", "清华大学"} <= names
