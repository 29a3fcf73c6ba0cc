"""Pull connectors against the real Neo4j and fake provincial platforms on 127.0.0.1:
full runs over REST and GraphQL, a failure and the resume from its checkpoint, an invalid
page that writes nothing, idempotent re-runs, the file drop and configuration errors."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from connectors import filedrop, pull
from connectors import state as checkpoint
from connectors.config import ConfigError, from_dict, load
from graph.db import Graph
from graph.ingest import samples
from hub.serve import running
from tests.connectors_fakes import (
    MAPPING,
    VALUES,
    Provincial,
    graphql_app,
    graphql_config,
    patent_records,
    rest_app,
    rest_config,
    rest_source,
)

ZJUT = "浙江工业大学"  # 33
BJUT = "北京工业大学"  # 11


def patents(graph: Graph) -> int:
    return int(graph.read("MATCH (p:Patent) RETURN count(p) AS n")[0]["n"])


def changes(graph: Graph) -> int:
    return int(graph.read("MATCH (c:Change) RETURN count(c) AS n")[0]["n"])


@pytest.fixture
def rest() -> Iterator[tuple[Provincial, str]]:
    platform = Provincial(patent_records("3301", ZJUT, 20))
    with running(rest_app(platform)) as url:
        yield platform, url


@pytest.fixture
def gql() -> Iterator[tuple[Provincial, str]]:
    platform = Provincial(patent_records("1101", BJUT, 18), fail_once={3})
    with running(graphql_app(platform)) as url:
        yield platform, url


def test_rest_full_run_maps_and_checkpoints(ref_graph: Graph, rest: tuple[Provincial, str]) -> None:
    platform, url = rest
    config = rest_config("zj-rest", url, "33")
    result = pull.run(ref_graph, config)
    assert (result.pages, result.records) == (5, 20)
    assert platform.requests == [1, 2, 3, 4, 5, 6]  # page 6 is empty: the end
    assert patents(ref_graph) == 20
    row = ref_graph.read(
        "MATCH (p:Patent {appNo: $a}) RETURN p.type AS type, p.provinceCode AS province, "
        "p.ipcCodes AS ipc, [(v:Inventor)-[:INVENTED]->(p) | v.name] AS inventors",
        {"a": patent_records("3301", ZJUT, 1)[0]["sqh"][2:]},
    )[0]
    assert row["type"] == "INVENTION" and row["province"] == "33"
    assert row["ipc"] == ["H01M4/58", "H01M10/0525"]
    assert sorted(row["inventors"]) == ["李0", "王明"]
    st = checkpoint.get(ref_graph, "zj-rest")
    # the cursor stays on the last page with records, which the next run fetches again
    assert (st.status, st.cursor, st.page, st.last_error) == ("DONE", "5", 4, None)
    assert (st.records, st.tail) == (20, 4)
    assert st.updated_at is not None


def test_graphql_failure_then_resume_from_checkpoint(
    ref_graph: Graph, gql: tuple[Provincial, str]
) -> None:
    platform, url = gql
    config = graphql_config("bj-graphql", url, "11")
    with pytest.raises(pull.ConnectorError) as failed:
        pull.run(ref_graph, config)
    message = str(failed.value)
    assert "connector bj-graphql" in message and "page 3" in message and "HTTP 500" in message
    assert platform.requests == [1, 2, 3]
    assert patents(ref_graph) == 8  # pages 1 and 2 committed
    st = checkpoint.get(ref_graph, "bj-graphql")
    assert st.status == "FAILED" and st.page == 2 and "page 3" in (st.last_error or "")
    assert st.cursor is not None

    result = pull.run(ref_graph, config)
    assert platform.requests == [1, 2, 3, 3, 4, 5]  # pages 1–2 not fetched again
    assert result.resumed_from == st.cursor and result.pages == 3 and result.records == 10
    assert patents(ref_graph) == 18
    assert changes(ref_graph) == 18  # one change event per patent, none twice
    done = checkpoint.get(ref_graph, "bj-graphql")
    assert done.status == "DONE" and done.last_error is None


def test_second_run_is_idempotent(ref_graph: Graph, rest: tuple[Provincial, str]) -> None:
    platform, url = rest
    config = rest_config("zj-rest", url, "33")
    pull.run(ref_graph, config)
    before = (patents(ref_graph), changes(ref_graph))
    platform.requests.clear()
    again = pull.run(ref_graph, config)  # from the checkpoint: the last page, then the end
    assert platform.requests == [5, 6] and again.pages == 1 and again.records == 4
    assert checkpoint.get(ref_graph, "zj-rest").records == 20  # counted once
    platform.requests.clear()
    full = pull.run(ref_graph, config, restart=True)  # everything again
    assert platform.requests == [1, 2, 3, 4, 5, 6] and full.records == 20
    assert full.written["nodes_created"] == 0 and full.written["relationships_created"] == 0
    assert (patents(ref_graph), changes(ref_graph)) == before


def test_new_records_on_the_last_page_are_picked_up(
    ref_graph: Graph, gql: tuple[Provincial, str]
) -> None:
    platform, url = gql
    platform.fail_once.clear()
    config = graphql_config("bj-graphql", url, "11")
    pull.run(ref_graph, config)
    platform.records.extend(patent_records("1102", BJUT, 3))
    platform.requests.clear()
    result = pull.run(ref_graph, config)
    assert platform.requests == [5, 6]  # the last page again, then the new one
    assert patents(ref_graph) == 21 and changes(ref_graph) == 21
    assert result.records == 2 + 3


def test_invalid_page_writes_nothing_of_it_and_records_the_error(
    ref_graph: Graph, rest: tuple[Provincial, str]
) -> None:
    platform, url = rest
    bad = platform.records[5]
    bad["sqh"] = "CN202330999999.1"  # wrong check digit
    platform.records[6]["qlr"] = ["不存在的大学"]
    config = rest_config("zj-rest", url, "33")
    with pytest.raises(pull.ConnectorError) as failed:
        pull.run(ref_graph, config)
    message = str(failed.value)
    assert "connector zj-rest" in message and "page 2" in message
    assert "record 2, column 申请号" in message and "校验位不正确" in message
    assert "record 3, column 专利权人" in message
    assert len(failed.value.problems) == 2
    assert patents(ref_graph) == 4  # page 1 only; nothing of page 2
    st = checkpoint.get(ref_graph, "zj-rest")
    assert st.status == "FAILED" and st.page == 1 and st.cursor == "2"
    assert "申请号" in (st.last_error or "")

    bad["sqh"] = patent_records("3301", ZJUT, 6)[5]["sqh"]  # the province fixes its data
    platform.records[6]["qlr"] = [ZJUT]
    platform.requests.clear()
    pull.run(ref_graph, config)
    assert platform.requests[0] == 2
    assert patents(ref_graph) == 20


def test_file_drop_moves_done_and_rejected_files(ref_graph: Graph, tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    header = samples.PATENT_HEADER
    good = [
        {
            "申请号": r["sqh"],
            "专利名称": r["mc"],
            "专利类型": "发明",
            "申请日": r["sqr"],
            "授权日": r["sqgg"],
            "法律状态": "有效",
            "专利权人": ZJUT,
            "发明人": "王明",
            "IPC主分类号": "H01M4/58",
        }
        for r in patent_records("3302", ZJUT, 5)
    ]
    samples.write_csv(drop / "b-second.csv", header, good[3:])
    samples.write_csv(drop / "a-first.csv", header, good[:3])
    samples.write_csv(drop / "c-bad.csv", header, [{**good[0], "申请日": "去年"}])
    (drop / "notes.txt").write_text("not a data file", encoding="utf-8")
    config = from_dict(
        {
            "name": "zj-drop",
            "province": "33",
            "kind": "patents",
            "source": {"type": "filedrop", "folder": str(drop)},
        }
    )
    result = filedrop.run(ref_graph, config)
    assert result.done == ["a-first.csv", "b-second.csv"] and result.rejected == ["c-bad.csv"]
    assert sorted(p.name for p in (drop / "done").iterdir()) == ["a-first.csv", "b-second.csv"]
    report = (drop / "rejected" / "c-bad.csv.problems.txt").read_text(encoding="utf-8")
    assert "第 2 行" in report and "申请日" in report
    assert (drop / "rejected" / "c-bad.csv").exists() and (drop / "notes.txt").exists()
    assert patents(ref_graph) == 5
    st = checkpoint.get(ref_graph, "zj-drop")
    assert st.cursor == "c-bad.csv" and "c-bad.csv" in (st.last_error or "")
    assert filedrop.run(ref_graph, config).done == []  # nothing new


def test_config_errors_name_file_and_key(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('name = "x"\nprovince = "330"\nkind = "patents"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad\.toml: province '330'"):
        load(path)
    path.write_text(
        'name = "x"\nprovince = "33"\nkind = "patents"\n[source]\ntype = "ftp"\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match=r"\[source\]: type 'ftp'"):
        load(path)
    path.write_text(
        'name = "x"\nprovince = "33"\nkind = "patents"\n'
        '[source]\ntype = "rest"\nurl = "http://127.0.0.1:1/x"\nend = "empty"\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match=r"\[mapping\]"):
        load(path)
    with pytest.raises(ConfigError, match="no such file"):
        load(tmp_path / "missing.toml")


def test_example_configs_load() -> None:
    for name in ("example-rest", "example-graphql", "example-filedrop"):
        assert load(name).name == name


def test_cli_run_status_and_failure_exit_codes(
    ref_graph: Graph,
    rest: tuple[Provincial, str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from hub.cli import main

    platform, url = rest
    config = tmp_path / "zj.json"
    data = {
        "name": "zj-cli",
        "province": "33",
        "kind": "patents",
        "source": rest_source(url, 8),
        "mapping": MAPPING,
        "values": VALUES,
    }
    config.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    platform.fail_once = {2}
    assert main(["connectors", "run", str(config)]) == 1
    err = capsys.readouterr().err
    assert "connector zj-cli: page 2: HTTP 500" in err and "Traceback" not in err
    assert main(["connectors", "run", str(config)]) == 0
    out = capsys.readouterr().out
    assert json.loads(out)["records"] == 12
    assert main(["connectors", "status"]) == 0
    [status] = json.loads(capsys.readouterr().out)
    assert status == {
        "name": "zj-cli",
        "province": "33",
        "status": "DONE",
        "cursor": "3",  # the last page with records (8 a page: 20 = 8 + 8 + 4)
        "page": 2,
        "records": 20,
        "lastPageRecords": 4,
        "lastError": None,
        "updatedAt": status["updatedAt"],
    }
    assert status["updatedAt"].startswith("20")
    assert main(["connectors", "feed-refresh"]) == 0
    assert "changes recorded: 0" in capsys.readouterr().out
    assert main(["connectors", "run", str(tmp_path / "nope.toml")]) == 2
    assert "no such file" in capsys.readouterr().err
