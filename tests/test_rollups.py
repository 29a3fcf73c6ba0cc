"""Roll-ups never drift: after imports and mutations, the statistics read from the
per-institution roll-ups equal a direct count over the patents (the statements the
statistics ran before roll-ups, kept here as the reference), for every role, and the
roll-ups kept by the writes equal a full rebuild."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from graph import cypher, rollups, scope
from graph.db import AsyncGraph, Graph
from graph.ingest import samples, values
from graph.ingest.run import import_file
from graph.rollup_delta import SHARE_SLOTS
from graph.vocab import Role
from hub.auth.principal import Principal
from hub.cli import main
from hub.resolvers.scoped import oversight, params
from hub.resolvers.statistics import five_years_before
from tests.analytics_fixture import E1, E2, NATIONAL, U1, U2, U3, P, agraph, data, principal, run

__all__ = ["agraph", "data"]

EXCUSED = rollups.EXCUSED
LICENCES = rollups.LICENCE_KINDS
VALID = "p.institutionId IS NOT NULL AND coalesce(p.legalStatus, 'VALID') = 'VALID'"

# --- the direct counts (scan every visible patent) -----------------------------------------

# Each owning institution of a patent (all of a co-owned one's) as a map with the keys the
# oversight rule reads, ``o``: a co-owned patent counts for every owner the caller answers
# for (docs/graph-model.md, "Co-owned patents").
OWNERS = """
UNWIND coalesce(p.institutionIds, [p.institutionId]) AS iid
MATCH (i:Institution {id: iid})
WITH p, {institutionId: i.id, provinceCode: i.provinceCode, ministryCode: i.ministryCode} AS o
"""

DIRECT_PROGRESS = f"""
MATCH (p:Patent) WHERE {VALID} AND __SCOPE__
{OWNERS}
WHERE __OWNER_OVERSIGHT__
RETURN o.institutionId AS key, count(p) AS patents,
       count(CASE WHEN p.inventoryState IN ['SCREENED_IN', 'SCREENED_OUT'] THEN 1 END) AS inv,
       count(CASE WHEN p.inventoryState = 'SCREENED_IN' THEN 1 END) AS screened
"""

DIRECT_LIBRARY = """
MATCH (p:Patent) WHERE p.inventoryState = 'SCREENED_IN' AND __SCOPE__
CALL (p) {
  OPTIONAL MATCH (p)-[:IN_INDUSTRY]->(:Industry)-[:PART_OF*0..3]->(s:Industry {level: 1})
  RETURN collect(DISTINCT s) AS ss
}
WITH p, [s IN ss WHERE s.scheme = 'GBT4754' | s.code] AS gbt,
     [s IN ss WHERE s.scheme = 'SEI2018' | s.code] AS sei
UNWIND [['total', null], ['maturity', toString(p.maturity)], ['rating', toString(p.rating)]]
       + CASE WHEN size(gbt) = 0 THEN [['GBT4754', null]] ELSE [g IN gbt | ['GBT4754', g]] END
       + CASE WHEN size(sei) = 0 THEN [['SEI2018', null]] ELSE [s IN sei | ['SEI2018', s]] END
       AS k
RETURN k[0] AS dimension, k[1] AS key, count(*) AS patents
"""

DIRECT_DORMANT = """
MATCH (p:Patent)
WHERE p.stateFunded = true AND p.grantDate < $cutoff
  AND coalesce(p.legalStatus, 'VALID') = 'VALID'
  AND coalesce(p.implemented, false) = false
  AND none(s IN coalesce(p.implStatuses, []) WHERE s IN $excused)
  AND NOT EXISTS { (p)<-[:OF_PATENT]-(:Transaction) }
  AND __SCOPE__
CALL (p) {
  UNWIND coalesce(p.institutionIds, [p.institutionId]) AS iid
  MATCH (i:Institution {id: iid})
  RETURN collect(DISTINCT i.provinceCode) AS provinces
}
RETURN p.appNo AS appNo, provinces
ORDER BY p.grantDate, p.appNo
"""

GROUP = "CASE $by WHEN 'PROVINCE' THEN p.provinceCode ELSE coalesce(p.ministryCode, 'LOCAL') END"

OWNER_GROUP = (
    "CASE $by WHEN 'PROVINCE' THEN o.provinceCode ELSE coalesce(o.ministryCode, 'LOCAL') END"
)

DIRECT_RATES = f"""
MATCH (p:Patent) WHERE {VALID} AND __SCOPE__
{OWNERS}
WHERE __OWNER_OVERSIGHT__
WITH DISTINCT p, {OWNER_GROUP} AS key
RETURN key, count(p) AS patents,
       count(CASE WHEN p.implemented = true THEN 1 END) AS implemented,
       count(CASE WHEN 'SELF_INDUSTRIALISED' IN coalesce(p.implStatuses, [])
                    OR EXISTS {{ (p)<-[:USES]-(:ProductFiling) }} THEN 1 END) AS industrialised
"""

DIRECT_DEALS = f"""
MATCH (t:Transaction)-[:OF_PATENT]->(p:Patent)
WHERE t.quarter IN $quarters AND __TRANSACTION__ AND __SCOPE__ AND __OVERSIGHT__
WITH {GROUP} AS key, t
RETURN key, t.quarter AS quarter,
       count(DISTINCT CASE WHEN t.kind = 'TRANSFER' AND t.registered = true THEN t END) AS t,
       count(DISTINCT CASE WHEN t.kind IN $licences AND t.registered = true THEN t END) AS l,
       sum(coalesce(t.amount, 0.0)) AS amount
"""

DIRECT_PRODUCTS = f"""
MATCH (f:ProductFiling)-[:USES]->(p:Patent)
WHERE f.quarter IN $quarters AND __SCOPE__ AND __OVERSIGHT__
RETURN {GROUP} AS key, f.quarter AS quarter, count(DISTINCT f) AS f
"""

OVERSEERS = [
    principal(Role.NATIONAL),
    principal(Role.MINISTRY, "MOE"),
    principal(Role.PROVINCE, "33"),
    principal(Role.PROVINCE, "11"),
    principal(Role.INSTITUTION, U2),
]
EVERYONE = [
    *OVERSEERS,
    principal(Role.ENTERPRISE, E1),
    principal(Role.ENTERPRISE, E2),
    principal(Role.EXPERT, "X1"),
    principal(Role.ANONYMOUS),
]
QUARTERS = ["2023Q4", "2024Q1", "2024Q2", "2024Q3"]


def direct(graph: Graph, query: str, who: Principal, **args: Any) -> list[dict[str, Any]]:
    text = (
        query.replace("__SCOPE__", scope.predicate("patent", who.role))
        .replace("__TRANSACTION__", scope.predicate("transaction", who.role))
        .replace("__OWNER_OVERSIGHT__", re.sub(r"\bp\.", "o.", oversight(who.role)))
        .replace("__OVERSIGHT__", oversight(who.role))
    )
    return graph.read(text, params(who, **args))


# --- what the statistics answer (from the roll-ups) ---------------------------------------

STATS = """
query ($q: [String!]!, $by: GroupBy!) {
  inventoryProgress(asOf: "2024-07-01") { rows { key patents inventoried screenedIn } }
  conversionFigures(quarters: $q, by: $by) {
    key patents implemented industrialised
    quarters { quarter transferRegistrations licenceFilings productFilings amount }
  }
}
"""

LIBRARY = """
{ resourceLibrary { total byIndustry { key patents } bySeiField { key patents }
                    byMaturity { key patents } byRating { key patents } } }
"""

DORMANT = """
query ($asOf: Date!) { dormantStateFunded(asOf: $asOf, first: 100) {
  totalCount byProvince { key patents } edges { node { appNo } } } }
"""


async def check_overseer(agraph: AsyncGraph, graph: Graph, who: Principal, by: str) -> None:
    out, errors = await run(agraph, who, STATS, {"q": QUARTERS, "by": by})
    assert errors == [], who
    assert out is not None
    got = {
        r["key"]: (r["patents"], r["inventoried"], r["screenedIn"])
        for r in out["inventoryProgress"]["rows"]
    }
    want = {
        r["key"]: (r["patents"], r["inv"], r["screened"])
        for r in direct(graph, DIRECT_PROGRESS, who)
    }
    assert got == want, who
    rates = {
        r["key"]: (r["patents"], r["implemented"], r["industrialised"])
        for r in direct(graph, DIRECT_RATES, who, by=by)
    }
    assert {
        g["key"]: (g["patents"], g["implemented"], g["industrialised"])
        for g in out["conversionFigures"]
    } == {k or "UNKNOWN": v for k, v in rates.items()}, who
    cells: dict[tuple[str, str], list[float]] = {}
    for d in direct(graph, DIRECT_DEALS, who, by=by, quarters=QUARTERS, licences=LICENCES):
        cells[(d["key"], d["quarter"])] = [d["t"], d["l"], 0, d["amount"]]
    for f in direct(graph, DIRECT_PRODUCTS, who, by=by, quarters=QUARTERS):
        cells.setdefault((f["key"], f["quarter"]), [0, 0, 0, 0.0])[2] = f["f"]
    for g in out["conversionFigures"]:
        for q in g["quarters"]:
            want_q = cells.get((g["key"], q["quarter"]), [0, 0, 0, 0.0])
            got_q = [
                q["transferRegistrations"],
                q["licenceFilings"],
                q["productFilings"],
                q["amount"],
            ]
            assert got_q == pytest.approx(want_q), (who, by, g["key"], q["quarter"])


async def check_reader(agraph: AsyncGraph, graph: Graph, who: Principal) -> None:
    out, errors = await run(agraph, who, LIBRARY)
    assert errors == [], who
    lib = out["resourceLibrary"]  # type: ignore[index]
    want: dict[tuple[str, str | None], int] = {
        (r["dimension"], r["key"]): r["patents"] for r in direct(graph, DIRECT_LIBRARY, who)
    }
    got = {("total", None): lib["total"]} if lib["total"] else {}
    for dim, field in (
        ("GBT4754", "byIndustry"),
        ("SEI2018", "bySeiField"),
        ("maturity", "byMaturity"),
        ("rating", "byRating"),
    ):
        got.update({(dim, b["key"]): b["patents"] for b in lib[field]})
    assert got == want, who
    # Cutoffs in a whole year, and in the month of a grant (2018-05) or after it.
    for as_of in ("2024-07-01", "2023-03-01", "2025-01-15", "2023-05-20", "2023-06-15"):
        cutoff = five_years_before(date.fromisoformat(as_of))
        rows = direct(graph, DIRECT_DORMANT, who, cutoff=cutoff, excused=EXCUSED)
        out, errors = await run(agraph, who, DORMANT, {"asOf": as_of})
        assert errors == [], who
        d = out["dormantStateFunded"]  # type: ignore[index]
        assert d["totalCount"] == len(rows), (who, as_of)
        assert [e["node"]["appNo"] for e in d["edges"]] == [r["appNo"] for r in rows]
        by_province: dict[str, int] = {}
        for r in rows:
            for province in r["provinces"]:
                by_province[province] = by_province.get(province, 0) + 1
        assert {b["key"]: b["patents"] for b in d["byProvince"]} == by_province


def stored(graph: Graph) -> dict[str, dict[str, Any]]:
    rows = graph.read("MATCH (r:InstitutionRollup) RETURN properties(r) AS r")
    return {r["r"]["institutionId"]: r["r"] for r in rows}


def assert_no_drift(graph: Graph) -> None:
    """The roll-ups the writes kept equal a full recount (``db rollups --check``, and a
    rebuild that changes nothing)."""
    assert [str(d) for d in rollups.check(graph)] == []
    assert_linked(graph)
    kept = stored(graph)
    flags = graph.read("MATCH (p:Patent) RETURN p.appNo AS a, p.dormant AS d ORDER BY a")
    rollups.rebuild(graph)
    assert stored(graph) == kept
    assert graph.read("MATCH (p:Patent) RETURN p.appNo AS a, p.dormant AS d ORDER BY a") == flags


LINKS = """
MATCH (r:InstitutionRollup)
RETURN r.institutionId AS id, [(r)-[:OF_INSTITUTION]->(i) | i.id] AS linked ORDER BY id
"""


def assert_linked(graph: Graph) -> None:
    """Every roll-up points at its own institution, once (the statistics expand to it)."""
    rows = graph.read(LINKS)
    assert rows and all(r["linked"] == [r["id"]] for r in rows), rows


async def check_all(agraph: AsyncGraph, graph: Graph) -> None:
    for who in OVERSEERS:
        for by in ("PROVINCE", "MINISTRY"):
            await check_overseer(agraph, graph, who, by)
    for who in EVERYONE:
        await check_reader(agraph, graph, who)


# --- after mutations ------------------------------------------------------------------------

INVENTORY = """
mutation ($input: InventoryInput!) { recordInventory(input: $input) { appNo } }
"""
REGISTER = "mutation ($input: TransactionInput!) { registerTransaction(input: $input) { id } }"
DECLARE = "mutation ($a: String!) { declareOpenLicence(appNo: $a, fee: 2.0) { appNo } }"
EVALUATE = "mutation ($input: EvaluationInput!) { submitEvaluation(input: $input) { id } }"


async def test_statistics_equal_direct_counts_after_mutations(
    agraph: AsyncGraph, data: Graph
) -> None:
    await check_all(agraph, data)
    u2 = principal(Role.INSTITUTION, U2)
    steps: list[tuple[Principal, str, dict[str, Any]]] = [
        (
            u2,
            INVENTORY,
            {
                "input": {
                    "appNo": P[6],
                    "implStatuses": ["NOT_IMPLEMENTED"],
                    "intents": ["LICENCE"],
                    "intentDetails": ["OPEN_LICENCE"],
                    "maturity": "SAMPLE",
                    "rating": 2,
                }
            },
        ),
        (
            principal(Role.INSTITUTION, U1),
            INVENTORY,
            {"input": {"appNo": P[4], "implStatuses": ["UNSUITABLE"]}},
        ),
        (
            principal(Role.ENTERPRISE, E1),
            EVALUATE,
            {"input": {"appNo": P[6], "prospect": 3, "score": 60.0, "willingness": "STRONG"}},
        ),
        (
            NATIONAL,
            REGISTER,
            {
                "input": {
                    "appNo": P[7],
                    "kind": "TRANSFER",
                    "buyerCreditCode": E2,
                    "date": "2024-08-01",
                    "registered": True,
                    "paymentMode": "LUMP_SUM",
                    "amount": 30.0,
                }
            },
        ),
        (u2, DECLARE, {"a": P[5]}),
    ]
    for who, mutation, variables in steps:
        _, errors = await run(agraph, who, mutation, variables)
        assert errors == [], (mutation, errors)
        assert [str(d) for d in rollups.check(data)] == [], mutation  # the delta kept them
        await check_all(agraph, data)
    assert_no_drift(data)
    # The figures moved: U2 has 2 of 4 inventoried, P7 is sold (no longer dormant), P4 is
    # excused; P6 stays dormant (NOT_IMPLEMENTED is no reason); U3's P9 was licensed (T4).
    figures = stored(data)
    assert (figures[U2]["inventoried"], figures[U2]["transferable"]) == (2, 2)
    assert figures[U2]["transferableEvaluated"] == 1
    assert (figures[U1]["dormant"], figures[U2]["dormant"], figures[U3]["dormant"]) == (0, 1, 0)


async def test_data_written_around_the_hub_needs_a_rebuild(agraph: AsyncGraph, data: Graph) -> None:
    data.write("MATCH (p:Patent {appNo: $a}) SET p.inventoryState = 'SCREENED_IN'", {"a": P[7]})
    assert stored(data)[U2]["screenedIn"] == 1
    drift = rollups.check(data)  # found, and left as it is (the check rolls back)
    assert [(d.what, d.key) for d in drift] == [("rollup", U2)]
    assert "screenedIn" in drift[0].fields and stored(data)[U2]["screenedIn"] == 1
    assert main(["db", "rollups", "--check"]) == 1
    assert rollups.rebuild(data) == 3
    assert rollups.check(data) == [] and main(["db", "rollups", "--check"]) == 0
    assert stored(data)[U2]["screenedIn"] == 2
    await check_all(agraph, data)


async def test_roll_ups_of_an_older_shape_are_recounted_by_db_migrate(
    agraph: AsyncGraph, data: Graph
) -> None:
    # U1's roll-up as written before the counts by grant month: without them the dormant
    # list would miss P4 (granted 2018-05-01) for a cutoff in June 2018.
    data.write(
        "MATCH (r:InstitutionRollup {institutionId: $i}) "
        "REMOVE r.dormantMonthsO, r.dormantMonthsC, r.dormantMonthsP",
        {"i": U1},
    )
    assert [(d.key, d.fields) for d in rollups.check(data)] == [
        (U1, ("dormantMonthsC", "dormantMonthsO", "dormantMonthsP"))
    ]
    assert rollups.upgrade(data) == 1
    assert rollups.check(data) == [] and rollups.upgrade(data) == 0
    data.write("MATCH (r:InstitutionRollup {institutionId: $i}) REMOVE r.dormantMonthsO", {"i": U1})
    assert main(["db", "migrate"]) == 0
    assert rollups.check(data) == []
    out, _ = await run(agraph, NATIONAL, DORMANT, {"asOf": "2023-06-15"})
    assert out["dormantStateFunded"]["totalCount"] == 2  # type: ignore[index]  # P4, P6


PROGRESS = """
query { inventoryProgress(asOf: "2024-12-31") { total { patents inventoried }
        rows { key patents inventoried required } } }
"""


async def test_roll_ups_written_before_their_link_are_linked_by_db_migrate(
    agraph: AsyncGraph, data: Graph
) -> None:
    before, _ = await run(agraph, NATIONAL, PROGRESS, {})
    assert before["inventoryProgress"]["rows"]  # type: ignore[index]
    data.write("MATCH (:InstitutionRollup)-[l:OF_INSTITUTION]->() DELETE l")
    unlinked, _ = await run(agraph, NATIONAL, PROGRESS, {})
    assert unlinked["inventoryProgress"]["rows"] == []  # type: ignore[index]
    assert main(["db", "migrate"]) == 0
    assert_linked(data)
    after, _ = await run(agraph, NATIONAL, PROGRESS, {})
    assert after == before
    assert rollups.check(data) == []


async def test_roll_ups_without_industry_counts_are_recounted(
    agraph: AsyncGraph, data: Graph
) -> None:
    # Written before the network's counts by level-1 industry: the network would lose U1.
    data.write(
        "MATCH (r:InstitutionRollup {institutionId: $i}) "
        "REMOVE r.industryIds, r.industryO, r.industryC, r.industryP",
        {"i": U1},
    )
    network = """query { institutionIndustryNetwork(industryId: "GBT4754:C") {
      edges { source weight } } }"""
    out, _ = await run(agraph, NATIONAL, network)
    assert U1 not in {e["source"] for e in out["institutionIndustryNetwork"]["edges"]}  # type: ignore[index]
    assert rollups.upgrade(data) == 1
    assert rollups.check(data) == [] and rollups.upgrade(data) == 0
    out, _ = await run(agraph, NATIONAL, network)
    edges = {e["source"]: e["weight"] for e in out["institutionIndustryNetwork"]["edges"]}  # type: ignore[index]
    assert edges[U1] == 2  # P1 and P4 (38 → C)


def test_roll_ups_with_keyed_shares_are_recounted_into_fixed_positions(data: Graph) -> None:
    # Written before the shares had fixed positions and before the network's shares: the
    # statistics would read no shares of it.
    data.write(
        "MATCH (r:InstitutionRollup {institutionId: $i}) "
        "SET r.shareKeys = ['I|patents'], r.shareCounts = [1] "
        "REMOVE r.shares, r.shareIndustryKeys, r.shareIndustryCounts",
        {"i": U2},
    )
    assert rollups.upgrade(data) == 1
    assert rollups.check(data) == [] and rollups.upgrade(data) == 0
    (r,) = data.read(
        "MATCH (r:InstitutionRollup {institutionId: $i}) RETURN r {.*} AS r", {"i": U2}
    )
    assert "shareKeys" not in r["r"] and "shareCounts" not in r["r"]
    assert len(r["r"]["shares"]) == len(SHARE_SLOTS) and "shareIndustryKeys" in r["r"]


# --- after imports (the ingest writer refreshes in its transaction) -------------------------


async def test_statistics_equal_direct_counts_after_imports(
    agraph: AsyncGraph, ref_graph: Graph, tmp_path: Path
) -> None:
    for kind in ("enterprises", "experts", "patents", "inventory", "evaluations", "transactions"):
        header, rows = samples.SAMPLES[kind]
        path = samples.write_csv(tmp_path / f"{kind}.csv", header, rows)
        result = import_file(ref_graph, kind, path, progress=False)
        assert result.problems == [], kind
        await check_all(agraph, ref_graph)
    figures = stored(ref_graph)
    assert sum(f["owned"] for f in figures.values()) == len(samples.PATENTS)
    assert sum(f["inventoried"] for f in figures.values()) > 0
    assert_no_drift(ref_graph)


def test_a_patent_moved_to_another_owner_refreshes_both_owners(
    ref_graph: Graph, tmp_path: Path
) -> None:
    header, rows = samples.SAMPLES["patents"]
    for kind in ("enterprises", "patents"):
        h, r = samples.SAMPLES[kind]
        path = samples.write_csv(tmp_path / f"{kind}.csv", h, r)
        assert import_file(ref_graph, kind, path, progress=False).problems == []
    first = rows[0]
    other = next(
        r["专利权人"]
        for r in rows
        if r["专利权人"] and "；" not in r["专利权人"] and r["专利权人"] != first["专利权人"]
    )
    old = ref_graph.read(
        "MATCH (p:Patent {appNo: $a}) RETURN p.institutionId AS i",
        {"a": values.app_no(first["申请号"])},
    )[0]["i"]
    owned_before = stored(ref_graph)[old]["owned"]
    moved = samples.write_csv(tmp_path / "moved.csv", header, [dict(first, 专利权人=other)])
    assert import_file(ref_graph, "patents", moved, progress=False).problems == []
    assert stored(ref_graph)[old]["owned"] == owned_before - 1  # the old owner, same transaction
    assert_no_drift(ref_graph)


def _import(graph: Graph, tmp_path: Path, kind: str, rows: list[dict[str, Any]], name: str) -> None:
    header = samples.SAMPLES[kind][0]
    path = samples.write_csv(tmp_path / f"{name}.csv", header, rows)
    result = import_file(graph, kind, path, progress=False)
    assert result.problems == [], (name, result.problems[:3])


def test_roll_ups_kept_by_deltas_equal_a_full_recount_after_every_kind_of_write(
    ref_graph: Graph, tmp_path: Path
) -> None:
    """Adds, inventories, evaluations, deals, a patent with deals moved to another owner,
    co-owners added and reordered, re-inventories and links dropped: after each write the
    roll-ups the deltas kept equal a full recount (``db rollups --check``)."""
    writes: list[tuple[str, str, list[dict[str, Any]]]] = [
        (kind, kind, samples.SAMPLES[kind][1])
        for kind in ("enterprises", "experts", "patents", "inventory", "evaluations")
    ]
    writes.append(("transactions", "transactions", samples.SAMPLES["transactions"][1]))
    pats = samples.SAMPLES["patents"][1]
    other = "浙江大学"
    moved = dict(pats[0], 专利权人=other)  # it has both deals of the samples
    writes.append(("patents", "moved", [moved]))
    writes.append(("patents", "co-owner", [dict(pats[3], 专利权人=f"{other}；浙江工业大学")]))
    writes.append(("patents", "reordered", [dict(pats[1], 专利权人=f"{other}；浙江工业大学")]))
    inv = [dict(r) for r in samples.SAMPLES["inventory"][1]]
    for r in inv:
        if r.get("一级实施状态") == "尚未实施":
            r["一级实施状态"], r["二级状态描述"] = "已自行实施", ""
    writes.append(("inventory", "re-inventory", inv))
    fewer = dict(pats[0], 专利权人="浙江工业大学", IPC分类号=pats[0]["IPC主分类号"])
    writes.append(("patents", "moved back, links dropped", [fewer]))
    before = stored(ref_graph)
    for kind, name, rows in writes:
        _import(ref_graph, tmp_path, kind, rows, name.replace(" ", "-").replace(",", ""))
        assert [str(d) for d in rollups.check(ref_graph)] == [], name
    after = stored(ref_graph)
    assert after != before and sum(f["owned"] for f in after.values()) == len(pats)
    assert any(f["quarters"] for f in after.values())  # the deals are counted
    assert main(["db", "rollups", "--check"]) == 0
    assert_no_drift(ref_graph)


def test_created_patents_roll_up_parts_and_dormant_flags_come_from_their_rows(
    ref_graph: Graph, tmp_path: Path
) -> None:
    """A first import reads none of its patents back for the roll-ups: the parts and
    dormant flags it derives from the rows equal what ``rollups/patent_parts`` and
    ``rollups/dormant_flags`` compute on the written graph."""
    pats = samples.SAMPLES["patents"][1]
    funded = [
        dict(r, 申请号=values.make_app_no(f"20199{n:07d}"), 是否财政资助="是")
        for n, r in enumerate(pats)
    ]
    _import(ref_graph, tmp_path, "patents", pats + funded, "created")
    found = ref_graph.read("MATCH (p:Patent) RETURN properties(p) AS p ORDER BY p.appNo")
    flags = {r["p"]["appNo"]: r["p"]["dormant"] for r in found}
    assert True in flags.values() and False in flags.values()  # both kinds are created
    linked = ref_graph.read(
        "MATCH (p:Patent)-[:IN_INDUSTRY]->(i:Industry) RETURN p.appNo AS a, collect(i.id) AS ids"
    )
    industries = {r["a"]: r["ids"] for r in linked}
    every = sorted({i for ids in industries.values() for i in ids})
    found_levels = ref_graph.read(cypher.load("rollups/levels_of"), {"ids": every})
    levels = {r["id"]: r["levels"] for r in found_levels}
    assert levels and all(levels.values())  # the sample rows are classified
    derived: dict[str, Any] = {}
    alone = []
    for r in found:
        reached = {s for i in industries.get(r["p"]["appNo"], []) for s in levels.get(i, [])}
        parts = rollups.created_parts(r["p"], reached)
        # a co-owned patent's parts are read back: its later owners' shares need their keys
        assert (parts is None) == (r["p"].get("coOwned") is True)
        if parts is not None:
            alone.append(r["p"]["appNo"])
            derived.setdefault(r["p"]["institutionId"], Counter()).update(parts)
    assert alone and len(alone) < len(found)  # both kinds are created
    query = cypher.load("rollups/patent_parts")
    read: dict[str, Any] = {}
    for row in ref_graph.read(query, rollups.parts_args(alone, [])):
        read.setdefault(row["id"], Counter())[row["k"]] += row["n"]
    assert derived == read
    assert_no_drift(ref_graph)  # the recount sets every dormant flag as the import did
