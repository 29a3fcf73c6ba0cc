"""The demo data set: deterministic, complete in its states, and loaded by the real import."""

from __future__ import annotations

import logging
import shutil
import stat
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from graph.cypher import load
from graph.db import Graph
from graph.demo import counts, demo_folder, load_demo, world_of
from graph.demo.generate import Directory, Generator, Row, Sizes
from graph.demo.world import Inst, World, reference_world
from graph.ingest.values import app_no, credit_code
from graph.migrate import REFERENCE_LABELS, wipe
from graph.reference import institutions
from graph.vocab import LABELS, EnterpriseKind, ImplStatus, PaymentMode, Role, TransactionKind
from hub.auth.users import password_matches
from hub.demo_people import create_demo_people


class ListSink:
    def __init__(self) -> None:
        self.patents: list[Row] = []
        self.inventories: list[tuple[str, list[Row]]] = []
        self.evaluations: list[Row] = []
        self.transactions: list[Row] = []

    def patent(self, row: Row) -> None:
        self.patents.append(row)

    def inventory(self, inst: Inst, rows: list[Row]) -> None:
        self.inventories.append((inst.id, rows))

    def evaluation(self, row: Row) -> None:
        self.evaluations.append(row)

    def transaction(self, row: Row) -> None:
        self.transactions.append(row)


@pytest.fixture(scope="module")
def world() -> World:
    insts = tuple(
        Inst(
            i.id, i.name, i.kind, i.provinceCode, i.ministryCode, i.level, i.pilot, i.demonstration
        )
        for i in sorted(institutions(), key=lambda i: i.id)
    )
    return reference_world(insts)


def generate(world: World, patents: int, seed: int) -> ListSink:
    sink = ListSink()
    Generator(world, patents, seed).run(sink)
    return sink


def test_generation_is_deterministic(world: World) -> None:
    a, b = generate(world, 400, 11), generate(world, 400, 11)
    assert a.patents == b.patents
    assert a.inventories == b.inventories
    assert a.transactions == b.transactions
    assert a.evaluations == b.evaluations
    other = generate(world, 400, 12)
    assert [p["申请号"] for p in other.patents] != [p["申请号"] for p in a.patents]


def test_rows_are_valid_and_consistent(world: World) -> None:
    sink = generate(world, 600, 3)
    apps = [p["申请号"] for p in sink.patents]
    assert len(apps) == 600 == len(set(apps))
    assert all(app_no(a) == a for a in apps)  # check digits verify
    for p in sink.patents:
        assert p["IPC分类号"].split("；")[0] == p["IPC主分类号"]
        assert 2 <= len(p["发明人"].split("；")) <= 6
        assert 2012 <= int(p["授权日"][:4]) <= 2025
        assert p["申请日"] < p["授权日"]
    owners = {p["申请号"]: p["专利权人"] for p in sink.patents}
    names = {i.id: i.name for i in world.institutions}
    for deal in sink.transactions:
        seller = names.get(deal["让与方"], deal["让与方"])
        assert all(owners[a].split("；")[0] == seller for a in deal["申请号"].split("；"))
    # A few patents are co-owned, each with distinct registered institutions.
    known = set(names.values())
    shared = [o.split("；") for o in owners.values() if "；" in o]
    assert 0.005 < len(shared) / len(owners) < 0.08
    assert all(len(set(o)) == len(o) and set(o) <= known for o in shared)
    # Inventors repeat: co-inventor networks have structure.
    pairs = Counter(frozenset(team[:2]) for team in (p["发明人"].split("；") for p in sink.patents))
    assert max(pairs.values()) >= 3
    # Screened-out patents leave intent, maturity and rating empty.
    for _, rows in sink.inventories:
        for row in rows:
            if row.get("一级实施状态") in (
                "即将放弃专利权",
                "涉及权属纠纷",
                "其他不适宜转化的情况",
            ):
                assert not any(
                    row.get(c) for c in ("转化意愿（一级）", "技术成熟度", "专利价值分级自评")
                )


def test_small_sets_show_every_state(world: World) -> None:
    sink = generate(world, 300, 2024)
    level1 = {r.get("一级实施状态") for _, rows in sink.inventories for r in rows}
    for status in ImplStatus:
        if status is not ImplStatus.CUSTOM:
            assert LABELS[status] in level1, status
    assert level1 - {LABELS[s] for s in ImplStatus}  # own text = 自定义
    intents = {r.get("转化意愿（二级）") for _, rows in sink.inventories for r in rows}
    assert {"拟开放许可", "拟普通许可", "拟排他许可", "拟独占许可", "拟参与专利池运营"} <= intents
    assert {"拟转让", "拟作价入股"} <= intents
    kinds = {d["交易类型"] for d in sink.transactions}
    assert kinds == {LABELS[k] for k in TransactionKind}
    modes = {d["支付方式"] for d in sink.transactions}
    assert modes == {LABELS[m] for m in PaymentMode}
    inventoried = {r["申请号"] for _, rows in sink.inventories for r in rows if r.get("申请号")}
    assert 0.5 < len(inventoried) / len(sink.patents) < 0.85


def test_directory_covers_provinces_and_kinds(world: World) -> None:
    directory = Directory(world, Sizes.of(300), 2024)
    firms = list(directory.enterprises())
    assert {f["省级代码"] for f in firms} == set(world.provinces)
    kinds = {k for f in firms for k in f["企业类型"].split("；") if k}
    assert kinds == {LABELS[k] for k in EnterpriseKind}
    assert len({f["企业名称"] for f in firms}) == len(firms)
    assert len({f["统一社会信用代码"] for f in firms}) == len(firms)
    assert all(credit_code(f["统一社会信用代码"]) for f in firms)
    experts = list(directory.experts())
    assert {e["推荐省份代码"] for e in experts} == set(world.provinces)


def _keys(graph: Graph) -> dict[str, Any]:
    return {
        "patents": [
            r["k"] for r in graph.read("MATCH (p:Patent) RETURN p.appNo AS k ORDER BY k LIMIT 25")
        ],
        "enterprises": [
            r["k"]
            for r in graph.read("MATCH (e:Enterprise) RETURN e.creditCode AS k ORDER BY k LIMIT 25")
        ],
        "deals": [r["k"] for r in graph.read("MATCH (t:Transaction) RETURN t.id AS k ORDER BY k")],
    }


def test_demo_loads_through_the_import(ref_graph: Graph, tmp_path: Path) -> None:
    graph = ref_graph
    shutil.rmtree(demo_folder(77, 300), ignore_errors=True)
    summary = load_demo(graph, patents=300, seed=77)
    assert summary["patents"] == 300
    assert summary["enterprises"] == Sizes.of(300).enterprises
    assert summary["evaluations"] > 100 and summary["transactions"] >= len(TransactionKind)
    first, keys = counts(graph), _keys(graph)

    # Every state of the programme is in the graph.
    states = {r["s"] for r in graph.read("MATCH (p:Patent) RETURN DISTINCT p.inventoryState AS s")}
    assert states == {"NOT_INVENTORIED", "SCREENED_IN", "SCREENED_OUT"}
    impl = graph.read("MATCH (p:Patent) UNWIND p.implStatuses AS s RETURN collect(DISTINCT s) AS s")
    assert set(impl[0]["s"]) == {s.value for s in ImplStatus}
    deals = graph.read("MATCH (t:Transaction) RETURN collect(DISTINCT t.kind) AS k")
    assert set(deals[0]["k"]) == {k.value for k in TransactionKind}
    kinds = graph.read("MATCH (e:Enterprise) UNWIND e.kinds AS k RETURN collect(DISTINCT k) AS k")
    assert set(kinds[0]["k"]) == {k.value for k in EnterpriseKind}
    provinces = graph.read(
        "MATCH (e:Enterprise)-[:LOCATED_IN]->(p:Province) RETURN count(DISTINCT p) AS n"
    )
    assert provinces[0]["n"] == 31
    assert graph.read("MATCH (p:Patent {transferable: true}) RETURN count(p) AS n")[0]["n"] > 0

    # Chinese full-text search finds a generated title.
    row = graph.read(
        "MATCH (p:Patent) RETURN p.appNo AS app, p.title AS title ORDER BY app LIMIT 1"
    )
    hits = graph.read(
        "CALL db.index.fulltext.queryNodes('patent_text', $q) YIELD node "
        "RETURN collect(node.appNo)[..50] AS apps",
        {"q": '"' + row[0]["title"] + '"'},
    )
    assert row[0]["app"] in hits[0]["apps"]

    # Loading the same set again changes nothing.
    load_demo(graph, patents=300, seed=77)
    assert counts(graph) == first

    # The same seed regenerated from scratch gives the same graph.
    wipe(graph, keep=REFERENCE_LABELS)
    shutil.rmtree(demo_folder(77, 300))
    load_demo(graph, patents=300, seed=77)
    assert counts(graph) == first
    assert _keys(graph) == keys
    assert world_of(graph).institutions  # the world is read from the graph

    # One demo person per role, their passwords in a file only the owner can read.
    people, path = create_demo_people(graph, var=tmp_path)
    roles = [p.role for p in people]
    assert roles.count(Role.PROVINCE) == 2
    assert {Role.NATIONAL, Role.MINISTRY, Role.INSTITUTION, Role.ENTERPRISE, Role.EXPERT} <= set(
        roles
    )
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    written = {
        line.split("\t")[0]: line.split("\t")[1]
        for line in path.read_text(encoding="utf-8").splitlines()
        if not line.startswith("#")
    }
    assert set(written) == {p.username for p in people}
    stored = {r["username"]: r for r in graph.read(load("accounts/list_users"))}
    for person in people:
        assert stored[person.username]["role"] == person.role.value
        assert stored[person.username]["scope"] == person.scope
        hashed = graph.read(
            "MATCH (u:UserAccount {username: $u}) RETURN u.passwordHash AS h",
            {"u": person.username},
        )[0]["h"]
        assert password_matches(written[person.username], hashed)
    _, again = create_demo_people(graph, var=tmp_path)  # a second run: new passwords
    assert again.read_text(encoding="utf-8") != "\n".join(written)
    assert graph.read("MATCH (u:UserAccount) RETURN count(u) AS n")[0]["n"] == len(people)


def test_driver_is_quiet_about_unknown_names_only(
    graph: Graph, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="neo4j.notifications"):
        graph.read("MATCH (n:NoSuchLabelHere)-[:NO_SUCH_TYPE]->(m) RETURN n.noSuchKey AS k")
    assert [r for r in caplog.records if r.name == "neo4j.notifications"] == []
    with caplog.at_level(logging.INFO, logger="neo4j.notifications"):
        graph.read("MATCH (n) RETURN id(n) AS i LIMIT 1")  # id() is deprecated: a real warning
    warnings = [r for r in caplog.records if r.name == "neo4j.notifications"]
    assert warnings and "deprecated" in warnings[0].getMessage().lower()
