"""Unchanged records cost nothing: a record whose hash the graph holds is not written, a
changed one is, new patents are created with their links in one pass, inventors already in
the graph are reused, and the change feed's hashes of created patents match what it reads."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from graph import feed
from graph.db import Graph
from graph.ingest import samples
from graph.ingest.run import ImportResult, import_file
from graph.ingest.samples import APP


def load(
    graph: Graph, tmp: Path, kind: str, rows: list[dict[str, Any]] | None = None, name: str = ""
) -> ImportResult:
    header, default = samples.SAMPLES[kind]
    path = samples.write_csv(tmp / f"{kind}{name}.csv", header, default if rows is None else rows)
    result = import_file(graph, kind, path, progress=False)
    assert result.problems == [], "\n".join(map(str, result.problems))
    return result


def test_same_files_write_nothing(ref_graph: Graph, tmp_path: Path) -> None:
    kinds = ("enterprises", "experts", "patents", "inventory", "evaluations", "transactions")
    first = {}
    for kind in kinds:
        if kind == "inventory":
            path = samples.fill_template(tmp_path / "inv.xlsx", samples.INVENTORY)
            first[kind] = import_file(ref_graph, kind, path, progress=False)
        else:
            first[kind] = load(ref_graph, tmp_path, kind)
        assert first[kind].unchanged == 0 and first[kind].written["properties_set"] > 0, kind
    for kind in kinds:
        if kind == "inventory":
            path = samples.fill_template(tmp_path / "inv2.xlsx", samples.INVENTORY)
            again = import_file(ref_graph, kind, path, progress=False)
        else:
            again = load(ref_graph, tmp_path, kind, name="2")
        assert again.unchanged == again.records == first[kind].records, kind
        assert set(again.written.values()) == {0}, (kind, again.written)  # not even a SET


def test_only_the_changed_row_is_written(ref_graph: Graph, tmp_path: Path) -> None:
    load(ref_graph, tmp_path, "enterprises")
    load(ref_graph, tmp_path, "patents")
    changes = len(ref_graph.read("MATCH (c:Change) RETURN c.seq AS s"))
    rows = [dict(r) for r in samples.PATENTS]
    rows[1]["专利名称"] = "一种改进的图像识别方法"
    rows[1]["发明人"] = "陈刚；赵新"  # 赵新 is new, 陈刚 is reused
    again = load(ref_graph, tmp_path, "patents", rows, name="2")
    assert again.unchanged == len(rows) - 1
    got = ref_graph.read(
        "MATCH (p:Patent {appNo: $a}) RETURN p.title AS t, "
        "[(i:Inventor)-[x:INVENTED]->(p) | [i.name, x.order]] AS inv",
        {"a": APP[1]},
    )[0]
    assert got["t"] == "一种改进的图像识别方法"
    assert sorted(got["inv"]) == [["赵新", 2], ["陈刚", 1]]
    names = ref_graph.read("MATCH (i:Inventor {name: '陈刚'}) RETURN count(i) AS n")
    assert names == [{"n": 1}]
    events = ref_graph.read("MATCH (c:Change) RETURN c.appNo AS a ORDER BY c.seq")
    assert len(events) == changes + 1 and events[-1]["a"] == APP[1]
    # the events of created patents carry the hash the feed computes from the graph
    assert feed.refresh(ref_graph) == 0


def test_removing_the_hash_rewrites_the_record(ref_graph: Graph, tmp_path: Path) -> None:
    load(ref_graph, tmp_path, "enterprises")
    load(ref_graph, tmp_path, "patents")
    ref_graph.write(
        "MATCH (p:Patent {appNo: $a}) SET p.title = 'x' REMOVE p.baseHash", {"a": APP[0]}
    )
    again = load(ref_graph, tmp_path, "patents", name="2")
    assert again.unchanged == len(samples.PATENTS) - 1
    title = ref_graph.read("MATCH (p:Patent {appNo: $a}) RETURN p.title AS t", {"a": APP[0]})
    assert title == [{"t": "一种锂电池正极材料"}]
