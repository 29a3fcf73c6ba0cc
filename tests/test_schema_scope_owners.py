"""Scope of patents as they are owned, through the schema against the real Neo4j: a patent
co-owned by two institutions is seen by both, their provinces and ministries, and by no
other institution or province (lists, counts, search, look-ups, _entities, nested paths,
private fields); a unit account sees its unit's patents, its institution all of them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from graph.db import AsyncGraph, Graph
from graph.ingest.values import make_app_no
from graph.migrate import wipe
from graph.vocab import Role
from graph.writes import holders, may_touch
from hub.auth.principal import Principal
from tests import schema_support
from tests.schema_support import ok, run

agraph = schema_support.agraph

SEED = Path(__file__).with_name("schema_seed_owners.cypher")
Q1, Q2, Q3, Q4, Q5 = (make_app_no(f"20231099000{n}") for n in range(1, 6))
ALL = {Q1, Q2, Q3, Q4, Q5}
OFFER = {"intent": "LICENCE", "detail": "OPEN_LICENCE", "feeStandard": 10.0, "cities": []}

NATIONAL = Principal(Role.NATIONAL, subject="t")
A = Principal(Role.INSTITUTION, "T-A", subject="t")
B = Principal(Role.INSTITUTION, "T-B", subject="t")
B_MED = Principal(Role.INSTITUTION, "T-B", subject="t", unit="T-B/医学院")
B_MECH = Principal(Role.INSTITUTION, "T-B", subject="t", unit="T-B/机械学院")
C = Principal(Role.INSTITUTION, "T-C", subject="t")
BEIJING = Principal(Role.PROVINCE, "11", subject="t")
ZHEJIANG = Principal(Role.PROVINCE, "33", subject="t")
GUANGDONG = Principal(Role.PROVINCE, "44", subject="t")
MOE = Principal(Role.MINISTRY, "MOE", subject="t")
CAS = Principal(Role.MINISTRY, "CAS", subject="t")

VISIBLE: dict[Principal, set[str]] = {
    NATIONAL: ALL,
    A: {Q1, Q5},
    B: {Q1, Q2, Q3},
    B_MED: {Q1, Q2},
    B_MECH: {Q3},
    C: {Q4},
    BEIJING: {Q1, Q5},
    ZHEJIANG: {Q1, Q2, Q3},
    GUANGDONG: {Q4},
    MOE: {Q1, Q5},
    CAS: {Q1, Q2, Q3},
}
# Institutions each sees: its own, and the co-owners of the patents it owns or oversees.
INSTITUTIONS: dict[Principal, set[str]] = {
    NATIONAL: {"T-A", "T-B", "T-C"},
    A: {"T-A", "T-B"},
    B: {"T-A", "T-B"},
    B_MED: {"T-A", "T-B"},
    B_MECH: {"T-B"},
    C: {"T-C"},
    BEIJING: {"T-A", "T-B"},
    ZHEJIANG: {"T-A", "T-B"},
    GUANGDONG: {"T-C"},
    MOE: {"T-A", "T-B"},
    CAS: {"T-A", "T-B"},
}
PRINCIPALS = list(VISIBLE)


def ids(p: Principal) -> str:
    return f"{p.role.value}:{p.scope}:{p.unit or ''}"


@pytest.fixture(scope="module")
def owned(session_graph: Graph) -> Graph:
    wipe(session_graph)
    params: dict[str, Any] = {
        "q": [Q1, Q2, Q3, Q4, Q5],
        "offer": json.dumps(OFFER, ensure_ascii=False),
    }
    session_graph.write(SEED.read_text(encoding="utf-8"), params)
    return session_graph


@pytest.mark.parametrize("who", PRINCIPALS, ids=ids)
async def test_lists_counts_search_and_lookups(
    agraph: AsyncGraph, owned: Graph, who: Principal
) -> None:
    query = "{ patents(first: 50) { totalCount edges { node { appNo } } } }"
    conn = ok(await run(agraph, who, query))["patents"]
    assert {e["node"]["appNo"] for e in conn["edges"]} == VISIBLE[who]
    assert conn["totalCount"] == len(VISIBLE[who])
    search = '{ patents(search: "锂电池", first: 50) { totalCount edges { node { appNo } } } }'
    hits = ok(await run(agraph, who, search))["patents"]
    assert {e["node"]["appNo"] for e in hits["edges"]} == VISIBLE[who]
    one = "query($a: String!) { patent(appNo: $a) { appNo } }"
    for app_no in sorted(ALL):
        got = ok(await run(agraph, who, one, {"a": app_no}))["patent"]
        assert (got is not None) == (app_no in VISIBLE[who]), app_no


@pytest.mark.parametrize("who", PRINCIPALS, ids=ids)
async def test_institutions_and_entities(agraph: AsyncGraph, owned: Graph, who: Principal) -> None:
    query = "{ institutions(first: 50) { totalCount edges { node { id } } } }"
    conn = ok(await run(agraph, who, query))["institutions"]
    assert {e["node"]["id"] for e in conn["edges"]} == INSTITUTIONS[who]
    reps = [{"__typename": "Patent", "appNo": a} for a in sorted(ALL)]
    reps += [{"__typename": "Institution", "id": i} for i in ("T-A", "T-B", "T-C")]
    doc = """query($r: [_Any!]!) { _entities(representations: $r) {
      ... on Patent { appNo } ... on Institution { id } } }"""
    found = ok(await run(agraph, who, doc, {"r": reps}))["_entities"]
    assert {f["appNo"] for f in found[:5] if f} == VISIBLE[who]
    assert {f["id"] for f in found[5:] if f} == INSTITUTIONS[who]


@pytest.mark.parametrize("who", PRINCIPALS, ids=ids)
async def test_private_fields_for_every_owner(
    agraph: AsyncGraph, owned: Graph, who: Principal
) -> None:
    query = """query($a: String!) { patent(appNo: $a) { contact feeStandard
      intentOffers { intent { value } feeStandard } institutionIds unitIds } }"""
    got = ok(await run(agraph, who, query, {"a": Q1}))["patent"]
    if Q1 not in VISIBLE[who]:
        assert got is None
        return
    assert got["institutionIds"] == ["T-A", "T-B"] and got["unitIds"] == ["T-B/医学院"]
    assert got["contact"] == "共有联系人" and got["feeStandard"] == 10.0
    assert got["intentOffers"] == [{"intent": {"value": "LICENCE"}, "feeStandard": 10.0}]


async def test_private_fields_hidden_from_a_viewer_who_is_no_owner(
    agraph: AsyncGraph, owned: Graph
) -> None:
    await_open = "MATCH (p:Patent {appNo: $a}) SET p.openLicence = true"
    owned.write(await_open, {"a": Q1})
    try:
        query = """query($a: String!) { patent(appNo: $a) { appNo contact
          intentOffers { feeStandard } } }"""
        for who in (C, GUANGDONG, B_MECH):
            got = ok(await run(agraph, who, query, {"a": Q1}))["patent"]
            assert got == {"appNo": Q1, "contact": None, "intentOffers": []}, ids(who)
        got = ok(await run(agraph, B_MED, query, {"a": Q1}))["patent"]
        assert got["contact"] == "共有联系人"
    finally:
        owned.write("MATCH (p:Patent {appNo: $a}) SET p.openLicence = false", {"a": Q1})


async def test_nested_paths_and_evaluations(agraph: AsyncGraph, owned: Graph) -> None:
    query = """{ institution(id: "T-B") { patents(first: 10) { totalCount
      edges { node { appNo } } } } }"""
    for who, expected in ((B, {Q1, Q2, Q3}), (B_MED, {Q1, Q2}), (ZHEJIANG, {Q1, Q2, Q3})):
        conn = ok(await run(agraph, who, query))["institution"]["patents"]
        assert {e["node"]["appNo"] for e in conn["edges"]} == expected, ids(who)
        assert conn["totalCount"] == len(expected)
    evaluations = "{ evaluations(first: 10) { edges { node { id } } } }"
    for who in (A, B, B_MED, BEIJING, ZHEJIANG, MOE, CAS):
        edges = ok(await run(agraph, who, evaluations))["evaluations"]["edges"]
        assert edges == [{"node": {"id": "VQ1"}}], ids(who)
    for who in (C, B_MECH, GUANGDONG):
        assert ok(await run(agraph, who, evaluations))["evaluations"]["edges"] == [], ids(who)


async def test_filters_take_every_owner(agraph: AsyncGraph, owned: Graph) -> None:
    query = """query($f: PatentFilter) { patents(first: 50, filter: $f) {
      edges { node { appNo locarnoClass } } } }"""
    for f, expected in (
        ({"institutionId": "T-B"}, {Q1, Q2, Q3}),
        ({"provinceCode": "33"}, {Q1, Q2, Q3}),
        ({"ministryCode": "MOE"}, {Q1, Q5}),
    ):
        edges = ok(await run(agraph, NATIONAL, query, {"f": f}))["patents"]["edges"]
        assert {e["node"]["appNo"] for e in edges} == expected, f
    edges = ok(await run(agraph, B_MECH, query, {"f": None}))["patents"]["edges"]
    assert edges == [{"node": {"appNo": Q3, "locarnoClass": "13-02"}}]


@pytest.mark.parametrize("who", PRINCIPALS, ids=ids)
async def test_filtered_counts_take_every_owner_as_the_list_does(
    agraph: AsyncGraph, owned: Graph, who: Principal
) -> None:
    """A count under an owner filter sums the patents of the first owner's keys and the
    co-owned ones of the others' (two seeks): it equals the list, for every role."""
    query = """query($f: PatentFilter) { patents(first: 50, filter: $f) {
      totalCount edges { node { appNo } } } }"""
    count = """query($f: PatentFilter) { patents(filter: $f) { totalCount } }"""
    for f in (
        {"institutionId": "T-A"},
        {"institutionId": "T-B"},
        {"provinceCode": "33"},
        {"provinceCode": "11"},
        {"ministryCode": "MOE"},
        {"ministryCode": "CAS"},
        {"provinceCode": "33", "ministryCode": "MOE"},
        {"institutionId": "T-B", "provinceCode": "11", "ministryCode": "CAS"},
    ):
        listed = ok(await run(agraph, who, query, {"f": f}))["patents"]
        found = {e["node"]["appNo"] for e in listed["edges"]}
        assert found <= VISIBLE[who], (ids(who), f)
        alone = ok(await run(agraph, who, count, {"f": f}))["patents"]
        assert listed["totalCount"] == alone["totalCount"] == len(found), (ids(who), f)


async def test_a_count_takes_a_co_owned_patent_whose_first_owner_lacks_the_key(
    agraph: AsyncGraph, owned: Graph
) -> None:
    """The first owner without a province: its patent is found by a co-owner's province,
    and counted (a null key is not a false one)."""
    query = """query($f: PatentFilter) { patents(first: 50, filter: $f) {
      totalCount edges { node { appNo } } } }"""
    (kept,) = owned.read("MATCH (p:Patent {appNo: $a}) RETURN p.provinceCode AS c", {"a": Q1})
    owned.write("MATCH (p:Patent {appNo: $a}) SET p.provinceCode = null", {"a": Q1})
    try:
        for code in ("11", "33"):
            listed = ok(await run(agraph, NATIONAL, query, {"f": {"provinceCode": code}}))
            found = {e["node"]["appNo"] for e in listed["patents"]["edges"]}
            assert Q1 in found and listed["patents"]["totalCount"] == len(found), code
    finally:
        owned.write("MATCH (p:Patent {appNo: $a}) SET p.provinceCode = $c", {"a": Q1, **kept})


WRITABLE: dict[Principal, set[str]] = {B: {Q1, Q2, Q3}, B_MED: {Q1, Q2}, B_MECH: {Q3}, A: {Q1, Q5}}


@pytest.mark.parametrize("who", list(WRITABLE), ids=ids)
def test_a_unit_account_writes_only_its_units_patents(owned: Graph, who: Principal) -> None:
    """The write rules read a patent's units as the read rules do (graph.writes)."""
    rows = owned.read(
        """MATCH (p:Patent) RETURN p.appNo AS appNo, coalesce(p.unitIds, []) AS units,
           [(p)-[:OWNED_BY]->(i) | {id: i.id, province: i.provinceCode}] AS holders"""
    )
    account = who.account()
    touchable = {r["appNo"] for r in rows if may_touch(account, holders(r["holders"], r["units"]))}
    assert touchable == WRITABLE[who]


async def test_a_unit_account_may_not_inventory_another_units_open_patent(
    agraph: AsyncGraph, owned: Graph
) -> None:
    owned.write("MATCH (p:Patent {appNo: $a}) SET p.openLicence = true", {"a": Q2})
    try:
        mutation = """mutation ($a: String!) { recordInventory(input: {appNo: $a,
          implStatuses: [NOT_IMPLEMENTED], intents: [LICENCE], maturity: PILOT, rating: 2}) {
          appNo } }"""
        seen = ok(
            await run(
                agraph, B_MECH, "query($a: String!) { patent(appNo: $a) { appNo } }", {"a": Q2}
            )
        )["patent"]
        assert seen == {"appNo": Q2}  # open: the other unit may read it
        body = await run(agraph, B_MECH, mutation, {"a": Q2})
        assert [e["extensions"]["code"] for e in body["errors"]] == ["FORBIDDEN"]
        state = owned.read("MATCH (p:Patent {appNo: $a}) RETURN p.inventoryState AS s", {"a": Q2})
        assert state == [{"s": "NOT_INVENTORIED"}]
    finally:
        owned.write("MATCH (p:Patent {appNo: $a}) SET p.openLicence = false", {"a": Q2})


@pytest.mark.parametrize("who", PRINCIPALS, ids=ids)
async def test_owner_and_unit_keys_only_of_visible_owners(
    agraph: AsyncGraph, owned: Graph, who: Principal
) -> None:
    """Keys of owners are as private as the owners: every id in institutionIds and every
    unit's institution in unitIds is an institution the caller sees."""
    query = "{ patents(first: 50) { edges { node { institutionId institutionIds unitIds } } } }"
    for edge in ok(await run(agraph, who, query))["patents"]["edges"]:
        node = edge["node"]
        assert set(node["institutionIds"]) <= INSTITUTIONS[who], node
        assert {u.split("/")[0] for u in node["unitIds"]} <= INSTITUTIONS[who], node
        assert node["institutionId"] is None or node["institutionId"] in INSTITUTIONS[who]


@pytest.mark.parametrize(
    ("pushed", "owner_ids", "unit_ids"), [(Q5, ["T-A"], []), (Q2, ["T-B"], ["T-B/医学院"])]
)
async def test_an_evaluator_sees_only_the_owners_it_may_see(
    agraph: AsyncGraph, owned: Graph, pushed: str, owner_ids: list[str], unit_ids: list[str]
) -> None:
    """An enterprise that evaluated the co-owned Q1 sees Q1; of its owners it sees only
    the one whose other patent was pushed to it, and only that owner's units."""
    owned.write(
        """MATCH (q1:Patent {appNo: $q1}), (q:Patent {appNo: $pushed})
        CREATE (e:Enterprise {creditCode: 'E-Q', name: '评估企业', provinceCode: '44'})
        CREATE (e)-[:SUBMITTED]->(:Evaluation {id: 'VQ2', evaluatorKind: 'ENTERPRISE',
          date: date('2024-06-01'), score: 60.0})-[:EVALUATES]->(q1)
        CREATE (q)-[:PUSHED_TO]->(e)""",
        {"q1": Q1, "pushed": pushed},
    )
    try:
        who = Principal(Role.ENTERPRISE, "E-Q", subject="t")
        query = """query($a: String!) { patent(appNo: $a) { appNo institutionId institutionIds
          unitIds institution { id } } }"""
        got = ok(await run(agraph, who, query, {"a": Q1}))["patent"]
        first = "T-A" if "T-A" in owner_ids else None
        assert got == {
            "appNo": Q1,
            "institutionId": first,
            "institutionIds": owner_ids,
            "unitIds": unit_ids,
            "institution": {"id": first} if first else None,
        }
    finally:
        owned.write(
            "MATCH (e:Enterprise {creditCode: 'E-Q'}) OPTIONAL MATCH (e)-[:SUBMITTED]->(v) "
            "DETACH DELETE e, v"
        )
