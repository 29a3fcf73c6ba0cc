"""The change feed: events recorded in the import transaction only when content changes,
paged with cursors over real HTTP, scoped per role (a province never sees another
province's non-catalogue changes), and the refresh that catches writes outside the hooks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from graph import feed
from graph.db import Graph
from graph.ingest import samples
from graph.ingest.run import import_file
from tests.connectors_fakes import patent_records

ZJUT = "浙江工业大学"  # 33
BJUT = "北京工业大学"  # 11

QUERY = """query($after: String, $first: Int) {
  changes(after: $after, first: $first) {
    edges { cursor node { seq kind { value label } appNo at catalogue patent { appNo title } } }
    hasNextPage endCursor } }"""


def rows(owner: str, prefix: str, n: int) -> list[dict[str, Any]]:
    return [
        {
            "申请号": r["sqh"],
            "专利名称": r["mc"],
            "专利类型": "发明",
            "申请日": r["sqr"],
            "授权日": r["sqgg"],
            "法律状态": "有效",
            "专利权人": owner,
            "发明人": "王明；李华",
            "IPC主分类号": "H01M4/58",
        }
        for r in patent_records(prefix, owner, n)
    ]


def load(graph: Graph, path: Path, data: list[dict[str, Any]]) -> None:
    samples.write_csv(path, samples.PATENT_HEADER, data)
    result = import_file(graph, "patents", path, progress=False)
    assert result.problems == [], result.problems


def events(graph: Graph) -> list[dict[str, Any]]:
    return graph.read("MATCH (c:Change) RETURN c {.*} AS c ORDER BY c.seq")


def test_reimport_records_no_change_and_an_edit_records_one(
    ref_graph: Graph, tmp_path: Path
) -> None:
    data = rows(ZJUT, "3301", 4)
    load(ref_graph, tmp_path / "a.csv", data)
    first = events(ref_graph)
    assert [e["c"]["seq"] for e in first] == [1, 2, 3, 4]
    assert {e["c"]["kind"] for e in first} == {"PATENT"}
    assert {e["c"]["provinceCode"] for e in first} == {"33"}
    load(ref_graph, tmp_path / "a.csv", data)  # the same file again
    assert events(ref_graph) == first
    data[2]["专利名称"] = "一种改进后的测试装置"
    load(ref_graph, tmp_path / "b.csv", data)
    after = events(ref_graph)
    assert len(after) == 5
    assert after[-1]["c"]["seq"] == 5 and after[-1]["c"]["appNo"] == data[2]["申请号"][2:]


def test_failed_import_records_nothing(ref_graph: Graph, tmp_path: Path) -> None:
    data = rows(ZJUT, "3301", 3)
    data[1]["申请日"] = "2023-13-01"
    samples.write_csv(tmp_path / "bad.csv", samples.PATENT_HEADER, data)
    assert import_file(ref_graph, "patents", tmp_path / "bad.csv", progress=False).problems
    assert events(ref_graph) == []


def test_refresh_catches_writes_outside_the_hooks(ref_graph: Graph, tmp_path: Path) -> None:
    load(ref_graph, tmp_path / "a.csv", rows(BJUT, "1101", 3))
    assert feed.refresh(ref_graph) == 0
    app = rows(BJUT, "1101", 1)[0]["申请号"][2:]
    ref_graph.write("MATCH (p:Patent {appNo: $a}) SET p.transferable = true", {"a": app})
    assert feed.refresh(ref_graph, batch=2) == 1
    last = events(ref_graph)[-1]["c"]
    assert last["kind"] == "REFRESH" and last["catalogue"] is True and last["appNo"] == app
    assert feed.refresh(ref_graph) == 0
    ref_graph.write("MATCH (p:Patent {appNo: $a}) SET p.transferable = false", {"a": app})
    assert feed.refresh(ref_graph) == 1
    left = events(ref_graph)[-1]["c"]
    assert left["transferable"] is False and left["catalogue"] is True  # it left the catalogue


def page_all(
    client: httpx.Client, token: str, first: int
) -> tuple[list[dict[str, Any]], str | None]:
    nodes: list[dict[str, Any]] = []
    after: str | None = None
    headers = {"Authorization": f"Bearer {token}"}
    for _ in range(50):
        body = client.post(
            "/graphql",
            json={"query": QUERY, "variables": {"after": after, "first": first}},
            headers=headers,
        ).json()
        assert "errors" not in body, body
        conn = body["data"]["changes"]
        nodes += [e["node"] for e in conn["edges"]]
        assert len(conn["edges"]) <= first
        if conn["edges"]:
            assert conn["endCursor"] == conn["edges"][-1]["cursor"]
        after = conn["endCursor"]
        if not conn["hasNextPage"]:
            return nodes, after
    raise AssertionError("the feed never ended")


def test_feed_pages_with_cursors_and_scope(
    ref_graph: Graph, tmp_path: Path, hub_server: str, mint_token: Callable[..., str]
) -> None:
    load(ref_graph, tmp_path / "zj.csv", rows(ZJUT, "3301", 5))
    load(ref_graph, tmp_path / "bj.csv", rows(BJUT, "1101", 4))
    catalogue = rows(BJUT, "1101", 1)[0]["申请号"][2:]
    ref_graph.write("MATCH (p:Patent {appNo: $a}) SET p.transferable = true", {"a": catalogue})
    feed.refresh(ref_graph)
    bj_private = {r["申请号"][2:] for r in rows(BJUT, "1101", 4)} - {catalogue}

    with httpx.Client(base_url=hub_server, timeout=30) as client:
        zj, cursor = page_all(client, mint_token("PROVINCE", "33"), first=2)
        seqs = [n["seq"] for n in zj]
        assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
        apps = {n["appNo"] for n in zj}
        assert apps == {r["申请号"][2:] for r in rows(ZJUT, "3301", 5)} | {catalogue}
        assert not apps & bj_private  # never another province's non-catalogue patents
        refreshed = next(n for n in zj if n["appNo"] == catalogue)
        assert refreshed["catalogue"] is True and refreshed["kind"]["value"] == "REFRESH"
        assert refreshed["patent"]["appNo"] == catalogue  # visible: in the catalogue
        assert all(n["patent"] is not None for n in zj)
        assert zj[0]["kind"] == {"value": "PATENT", "label": "基础信息变更"}

        # nothing new: the same cursor comes back; something new: it is on the next page
        headers = {"Authorization": f"Bearer {mint_token('PROVINCE', '33')}"}
        body = client.post(
            "/graphql", json={"query": QUERY, "variables": {"after": cursor}}, headers=headers
        ).json()
        assert body["data"]["changes"]["edges"] == []
        assert body["data"]["changes"]["endCursor"] == cursor
        edited = rows(ZJUT, "3301", 5)
        edited[0]["专利名称"] = "一种新的名称"
        load(ref_graph, tmp_path / "zj2.csv", edited)
        body = client.post(
            "/graphql", json={"query": QUERY, "variables": {"after": cursor}}, headers=headers
        ).json()
        new = [e["node"] for e in body["data"]["changes"]["edges"]]
        assert [n["patent"]["title"] for n in new] == ["一种新的名称"]

        bj, _ = page_all(client, mint_token("PROVINCE", "11"), first=100)
        assert {n["appNo"] for n in bj} == bj_private | {catalogue}

        national, _ = page_all(client, mint_token("NATIONAL"), first=3)
        assert len(national) == 5 + 4 + 1 + 1

        forbidden = client.post(
            "/graphql",
            json={"query": QUERY},
            headers={"Authorization": f"Bearer {mint_token('ENTERPRISE', '91330100MA2ABCDE1R')}"},
        ).json()
        assert forbidden["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        anonymous = client.post("/graphql", json={"query": QUERY}).json()
        assert anonymous["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        bad = client.post(
            "/graphql",
            json={"query": QUERY, "variables": {"after": "nonsense"}},
            headers=headers,
        ).json()
        assert bad["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


def test_event_times_are_the_instants_stored(
    ref_graph: Graph, tmp_path: Path, hub_server: str, mint_token: Callable[..., str]
) -> None:
    """``at`` reads as text from the store (cheaper than the driver's DateTime) and comes
    back as the instant stored, in whatever zone the server wrote it."""
    load(ref_graph, tmp_path / "zj.csv", rows(ZJUT, "3301", 3))
    ref_graph.write(
        "MATCH (c:Change) WITH c ORDER BY c.seq LIMIT 1 "
        "SET c.at = datetime('2026-03-01T10:00:00.123456+08:00[Asia/Shanghai]')"
    )
    stored = {
        r["seq"]: r["at"].to_native()
        for r in ref_graph.read("MATCH (c:Change) RETURN c.seq AS seq, c.at AS at")
    }
    with httpx.Client(base_url=hub_server, timeout=30) as client:
        nodes, _ = page_all(client, mint_token("NATIONAL"), first=100)
    got = {n["seq"]: dt.datetime.fromisoformat(n["at"]) for n in nodes}
    assert got == stored and len(got) == 3
    assert dt.datetime(2026, 3, 1, 2, 0, 0, 123456, tzinfo=dt.UTC) in got.values()


def test_a_mutation_records_a_change_in_its_transaction(
    ref_graph: Graph, tmp_path: Path, hub_server: str, mint_token: Callable[..., str]
) -> None:
    header, firms = samples.SAMPLES["enterprises"]
    samples.write_csv(tmp_path / "e.csv", header, firms)
    assert not import_file(ref_graph, "enterprises", tmp_path / "e.csv", progress=False).problems
    load(ref_graph, tmp_path / "zj.csv", rows(ZJUT, "3301", 2))
    app = rows(ZJUT, "3301", 1)[0]["申请号"][2:]
    ref_graph.write("MATCH (p:Patent {appNo: $a}) SET p.transferable = true", {"a": app})
    before = len(events(ref_graph))
    mutation = """mutation($a: String!) { submitEvaluation(input: {appNo: $a, prospect: 4,
      willingness: STRONG, score: 80}) { id } }"""
    token = mint_token("ENTERPRISE", samples.FIRM[0])
    with httpx.Client(base_url=hub_server, timeout=30) as client:
        body = client.post(
            "/graphql",
            json={"query": mutation, "variables": {"a": app}},
            headers={"Authorization": f"Bearer {token}"},
        ).json()
    assert "errors" not in body, body
    after = events(ref_graph)
    assert len(after) == before + 1
    assert after[-1]["c"]["appNo"] == app and after[-1]["c"]["kind"] == "MUTATION"


HUB_FEED_QUERY = """query($first: Int!, $after: String) {
  changes(first: $first, after: $after) {
    nodes { seq patent { appNo title type { label } filingDate grantDate legalStatus { label }
                         ownerNames inventors { name } ipcMain ipcCodes } }
    pageInfo { endCursor hasNextPage } } }"""

HUB_FEED_MAPPING = {
    "appNo": "申请号",
    "title": "专利名称",
    "type.label": "专利类型",
    "filingDate": "申请日",
    "grantDate": "授权日",
    "legalStatus.label": "法律状态",
    "ownerNames": "专利权人",
    "inventors.name": "发明人",
    "ipcMain": "IPC主分类号",
    "ipcCodes": "IPC分类号",
}


def test_another_hubs_graphql_connector_pulls_the_change_feed(
    ref_graph: Graph,
    tmp_path: Path,
    hub_server: str,
    mint_token: Callable[..., str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from connectors import pull
    from connectors import state as checkpoint
    from connectors.config import from_dict

    load(ref_graph, tmp_path / "zj.csv", rows(ZJUT, "3301", 5))
    monkeypatch.setenv("HUB_FEED_TOKEN", f"Bearer {mint_token('PROVINCE', '33')}")
    config = from_dict(
        {
            "name": "hub-changes",
            "province": "33",
            "kind": "patents",
            "source": {
                "type": "graphql",
                "url": f"{hub_server}/graphql",
                "connection": "changes",
                "query": HUB_FEED_QUERY,
                "item": "patent",
                "distinct": "appNo",
                "page_size": 2,
                "headers": {"Authorization": "env:HUB_FEED_TOKEN"},
            },
            "mapping": HUB_FEED_MAPPING,
        }
    )
    first = pull.run(ref_graph, config)
    assert (first.records, first.skipped, first.problems) == (5, 0, [])
    assert first.written.get("nodes_created", 0) == 0  # the same patents: valid, unchanged
    st = checkpoint.get(ref_graph, "hub-changes")
    assert st.status == "DONE" and st.records == 5 and st.page == 2  # pages of 2: 2 + 2 + 1

    edited = rows(ZJUT, "3301", 5)
    edited[0]["专利名称"] = "一种新的名称"
    load(ref_graph, tmp_path / "zj2.csv", edited)
    again = pull.run(ref_graph, config)  # the last page again, then the new event
    assert again.records == 2 and checkpoint.get(ref_graph, "hub-changes").records == 6

    gone = edited[0]["申请号"][2:]
    ref_graph.write("MATCH (p:Patent {appNo: $a}) DETACH DELETE p", {"a": gone})
    full = pull.run(ref_graph, config, restart=True)
    assert full.records == 4 and full.skipped == 2  # both events of the deleted patent
