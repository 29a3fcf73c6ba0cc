"""The bulk first load (``patent-hub load bulk``): the same graph as the imports build.

One small demo set is loaded both ways, through the transactional imports and through
``neo4j-admin database import``, and every node, relationship and property is compared.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from neo4j import GraphDatabase

from graph.bulk.load import bulk_load, sources
from graph.bulk.store import KEYS, BulkRefused
from graph.config import Neo4jSettings
from graph.db import Graph
from graph.demo import import_files, world_of, write_demo
from graph.ingest.run import import_file
from graph.migrate import REFERENCE_LABELS, wipe
from hub.cli import main

NODE_KEYS = {**KEYS, "InstitutionRollup": "institutionId"}
SET_SIZE = 200


def _value(v: Any) -> Any:
    """Values as compared: time stamps taken at write time only by their type."""
    if type(v).__name__ == "DateTime":
        return "<datetime>"
    if isinstance(v, list):
        return tuple(_value(x) for x in v)
    return v if not hasattr(v, "iso_format") else v.iso_format()


def _props(p: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    return tuple(sorted((k, _value(v)) for k, v in p.items()))


def snapshot(graph: Graph) -> dict[str, Any]:
    """Every node (by label and key), relationship and property; the change feed as the
    last event's hash per patent (a bulk load starts the feed from one event each)."""
    nodes: dict[tuple[str, Any], Any] = {}
    changes: dict[str, tuple[int, str]] = {}
    for r in graph.read("MATCH (n) RETURN labels(n) AS labels, properties(n) AS p"):
        (label,) = r["labels"]
        p = r["p"]
        if label == "Change":
            seq, a = p["seq"], p["appNo"]
            if a not in changes or changes[a][0] < seq:
                changes[a] = (seq, p["hash"])
            continue
        if label == "ChangeSequence":
            continue
        nodes[(label, p[NODE_KEYS[label]])] = _props(p)
    rels = Counter(
        (r["t"], tuple(r["a"]), tuple(r["b"]), _props(r["p"]))
        for r in graph.read(
            "MATCH (a)-[x]->(b) WHERE NOT a:Change AND NOT b:Change "
            "RETURN type(x) AS t, [labels(a)[0], coalesce(a.appNo, a.id, a.code, a.creditCode, "
            "a.institutionId, a.name)] AS a, [labels(b)[0], coalesce(b.appNo, b.id, b.code, "
            "b.creditCode, b.institutionId, b.name)] AS b, properties(x) AS p"
        )
    )
    return {
        "nodes": nodes,
        "relationships": rels,
        "changes": {a: h for a, (_, h) in changes.items()},
    }


@pytest.fixture(scope="module")
def demo_set(tmp_path_factory: pytest.TempPathFactory, session_graph: Graph) -> Path:
    from graph.reference import load_reference

    wipe(session_graph)
    load_reference(session_graph)
    folder = tmp_path_factory.mktemp("bulk") / "set"
    write_demo(world_of(session_graph), SET_SIZE, 7, folder)
    return folder


def _entries(folder: Path) -> Any:
    from graph.demo.files import Entry

    return [Entry(**e) for e in json.loads((folder / "manifest.json").read_text())["entries"]]


def test_bulk_load_builds_the_graph_the_imports_build(
    ref_graph: Graph, demo_set: Path, tmp_path: Path
) -> None:
    import_files(ref_graph, demo_set, _entries(demo_set))
    transactional = snapshot(ref_graph)
    assert len([k for k in transactional["nodes"] if k[0] == "Patent"]) == SET_SIZE

    result = bulk_load(sources([str(demo_set)]), replace=True, work=tmp_path / "csv")
    assert result.ok and result.command is None
    # the import replaced the store: bookmarks of the old one would wait for ever
    ref_graph.bookmarks = GraphDatabase.bookmark_manager()
    bulk = snapshot(ref_graph)

    only_tx = transactional["nodes"].keys() - bulk["nodes"].keys()
    only_bulk = bulk["nodes"].keys() - transactional["nodes"].keys()
    assert not only_tx and not only_bulk, (sorted(only_tx)[:5], sorted(only_bulk)[:5])
    differing = [k for k in transactional["nodes"] if transactional["nodes"][k] != bulk["nodes"][k]]
    assert not differing, [
        (k, set(transactional["nodes"][k]) ^ set(bulk["nodes"][k])) for k in differing[:3]
    ]
    assert transactional["relationships"] == bulk["relationships"], (
        list((transactional["relationships"] - bulk["relationships"]).items())[:5],
        list((bulk["relationships"] - transactional["relationships"]).items())[:5],
    )
    assert transactional["changes"] == bulk["changes"]
    # the schema is there: the CJK full-text index answers
    hits = ref_graph.read(
        "SHOW INDEXES YIELD name, type, state WHERE type = 'FULLTEXT' RETURN state"
    )
    assert hits and all(h["state"] == "ONLINE" for h in hits)


def test_a_file_with_problems_gets_the_import_report_and_nothing_is_built(
    ref_graph: Graph, demo_set: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "patents.csv"
    with (demo_set / "patents-0001.csv").open(encoding="utf-8") as f:
        rows = list(csv.reader(f))
    rows[3][0] = "not-a-number"
    with bad.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    enterprises = [f"enterprises={p}" for p in sorted(demo_set.glob("enterprises-*.csv"))]
    ref_graph.write("CREATE (:Probe {id: 1})")  # the server must not be touched

    result = bulk_load(sources([*enterprises, f"patents={bad}"]), replace=True, work=tmp_path / "w")

    assert not result.ok and result.refused is not None
    assert result.refused_path == bad
    expected = import_file(ref_graph, "patents", bad, dry_run=True, progress=False)
    assert expected.problems and result.refused.problems == expected.problems
    assert ref_graph.read("MATCH (p:Probe) RETURN count(p) AS n")[0]["n"] == 1
    assert not (tmp_path / "w").exists()


def test_refuses_a_database_holding_data(ref_graph: Graph, demo_set: Path, tmp_path: Path) -> None:
    ref_graph.write("CREATE (:Patent {appNo: '2020100000001'})")
    with pytest.raises(BulkRefused, match="除参考数据外还有 1 个节点"):
        bulk_load(sources([str(demo_set)]), work=tmp_path / "w")
    assert ref_graph.read("MATCH (p:Patent) RETURN count(p) AS n")[0]["n"] == 1


def test_another_server_gets_the_csv_files_and_the_command(
    ref_graph: Graph,
    demo_set: Path,
    tmp_path: Path,
    settings: Neo4jSettings,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("NEO4J_URI", f"bolt://127.0.0.1:{settings.port}")
    monkeypatch.setenv("NEO4J_PASSWORD", settings.password)
    before = ref_graph.read("MATCH (n) RETURN count(n) AS n")[0]["n"]

    code = main(["load", "bulk", str(demo_set), "--work", str(tmp_path / "csv")])

    out = capsys.readouterr().out
    assert code == 0
    assert "neo4j-admin database import full" in out
    assert f"--nodes=Patent={tmp_path / 'csv'}" in out
    assert "load bulk --finish" in out
    assert any((tmp_path / "csv").glob("nodes-Patent-*.csv"))
    assert ref_graph.read("MATCH (n) RETURN count(n) AS n")[0]["n"] == before


def test_write_only_writes_the_files_and_imports_nothing(ref_graph: Graph, tmp_path: Path) -> None:
    code = main(["load", "demo", "--patents", "60", "--write-only", str(tmp_path / "set")])
    assert code == 0
    entries = json.loads((tmp_path / "set" / "manifest.json").read_text())["entries"]
    kinds = {e["kind"] for e in entries}
    assert {"patents", "inventory", "enterprises", "experts"} <= kinds
    assert all((tmp_path / "set" / e["path"]).exists() for e in entries)
    assert ref_graph.read("MATCH (p:Patent) RETURN count(p) AS n")[0]["n"] == 0
    assert set(REFERENCE_LABELS) <= {
        r["l"] for r in ref_graph.read("MATCH (n) RETURN DISTINCT labels(n)[0] AS l")
    }
