"""Statistics of co-owned patents against the real Neo4j: a patent owned by several
institutions counts for each owner, once per distinct province and ministry among its
owners and once nationally, for every role that sees it and for no other institution; a
second owner inventories its share; the roll-ups agree with a recount after an owner is
added or removed (docs/graph-model.md, "Co-owned patents")."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from graph import rollups
from graph.db import AsyncGraph, Graph
from graph.demo import generate, import_files, world_of, write_demo
from graph.ingest import samples
from graph.ingest.run import import_file
from graph.milestones import MILESTONES, MilestoneKind, in_cohort, inventory_target, required
from graph.rollup_delta import SHARE_SLOTS
from graph.vocab import Role
from hub.auth.principal import Principal
from tests import network_walk, schema_support
from tests.schema_support import ok, run

agraph = schema_support.agraph

ZJU, ZJUT, NBU, IOP = "4133010335", "4133010337", "4133011646", "RI-0001"
NAMES = {ZJU: "浙江大学", ZJUT: "浙江工业大学", NBU: "宁波大学", IOP: "中国科学院物理研究所"}
# X1: Zhejiang/MOE and Beijing/CAS (two provinces, two ministries); X2: two Zhejiang
# owners (one province; MOE and locally run); Y: the unrelated 宁波大学 alone.
X1, X2, Y = (samples.make_app_no(f"20243100000{n}") for n in (1, 2, 3))
AS_OF = "2024-07-01"  # the 5-year cut-off is 2019-07-01: patents granted in 2018 count

PROGRESS = """query ($by: GroupBy!) { inventoryProgress(asOf: "2024-07-01", by: $by) {
  total { patents inventoried screenedIn } rows { key patents inventoried screenedIn } } }"""
RATES = """query ($by: GroupBy!) { conversionFigures(quarters: ["2024Q2"], by: $by) {
  key patents implemented } }"""
OTHERS = """{ resourceLibrary { total byMaturity { key patents } }
  dormantStateFunded(asOf: "2024-07-01", first: 50) {
    totalCount byProvince { key patents } edges { node { appNo } } }
  milestones(asOf: "2024-07-01") { key concerned } }"""


def who(role: Role, scope: str | None = None) -> Principal:
    return Principal(role, scope, subject="t")


NATIONAL = who(Role.NATIONAL)
ZHEJIANG, BEIJING = who(Role.PROVINCE, "33"), who(Role.PROVINCE, "11")
MOE, CAS = who(Role.MINISTRY, "MOE"), who(Role.MINISTRY, "CAS")
INST = {i: who(Role.INSTITUTION, i) for i in (ZJU, ZJUT, NBU, IOP)}


def patent(app_no: str, owners: list[str], granted: str = "2018-06-18") -> dict[str, Any]:
    return dict(
        samples.PATENTS[0],
        申请号=app_no,
        专利权人="；".join(NAMES[o] for o in owners),
        申请日="2016-01-05",
        授权日=granted,
        是否财政资助="是",
    )


def load(graph: Graph, tmp: Path, rows: list[dict[str, Any]]) -> None:
    path = samples.write_csv(tmp / "p.csv", samples.PATENT_HEADER, rows)
    result = import_file(graph, "patents", path, progress=False)
    assert result.problems == [], result.problems


def setup(graph: Graph, tmp: Path) -> None:
    load(graph, tmp, [patent(X1, [ZJU, IOP]), patent(X2, [ZJUT, ZJU]), patent(Y, [NBU])])
    # The second owner of X1 inventories it: screened in, in the catalogue, not implemented.
    row = dict(
        samples.INVENTORY[0],
        申请号=X1,
        所属学院="",
        一级实施状态="尚未实施",
        二级状态描述="",
        **{"金额（万元）/评价结果/产品名称": ""},
    )
    path = samples.fill_template(tmp / "inv.xlsx", [row])
    result = import_file(graph, "inventory", path, institution=IOP, progress=False)
    assert result.problems == [], [str(p) for p in result.problems]
    assert result.written, "the second owner's inventory was written"


async def figures(agraph: AsyncGraph, p: Principal) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for by in ("INSTITUTION", "PROVINCE", "MINISTRY"):
        got = ok(await run(agraph, p, PROGRESS, {"by": by}))["inventoryProgress"]
        out[f"progress {by}"] = {
            r["key"]: (r["patents"], r["inventoried"], r["screenedIn"]) for r in got["rows"]
        }
        t = got["total"]
        out["progress total"] = (t["patents"], t["inventoried"], t["screenedIn"])
    for by in ("PROVINCE", "MINISTRY"):
        rates = ok(await run(agraph, p, RATES, {"by": by}))["conversionFigures"]
        out[f"rates {by}"] = {r["key"]: (r["patents"], r["implemented"]) for r in rates}
    rest = ok(await run(agraph, p, OTHERS))
    out["library"] = rest["resourceLibrary"]["total"]
    out["library maturity"] = {
        b["key"]: b["patents"] for b in rest["resourceLibrary"]["byMaturity"] if b["patents"]
    }
    d = rest["dormantStateFunded"]
    out["dormant"] = (d["totalCount"], {b["key"]: b["patents"] for b in d["byProvince"]})
    out["dormant list"] = sorted(e["node"]["appNo"] for e in d["edges"])
    m = {r["key"]: r["concerned"] for r in rest["milestones"]}
    out["evaluation concerned"] = m["ENTERPRISE_EVALUATION"]
    return out


# (patents, inventoried, screened in) per institution / province / ministry and in total,
# base-library patents and implemented per group, library total, dormant (total, by
# province), the transferable catalogue a milestone counts.
EXPECTED: dict[Principal, dict[str, Any]] = {
    NATIONAL: {
        "progress INSTITUTION": {ZJU: (2, 1, 1), IOP: (1, 1, 1), ZJUT: (1, 0, 0), NBU: (1, 0, 0)},
        "progress PROVINCE": {"33": (3, 1, 1), "11": (1, 1, 1)},
        "progress MINISTRY": {"MOE": (2, 1, 1), "CAS": (1, 1, 1), "LOCAL": (2, 0, 0)},
        "progress total": (3, 1, 1),
        "rates PROVINCE": {"33": (3, 0), "11": (1, 0)},
        "rates MINISTRY": {"MOE": (2, 0), "CAS": (1, 0), "LOCAL": (2, 0)},
        "library": 1,
        "dormant": (3, {"33": 3, "11": 1}),
        "dormant list": sorted([X1, X2, Y]),
        "evaluation concerned": 1,
    },
    ZHEJIANG: {
        "progress INSTITUTION": {ZJU: (2, 1, 1), ZJUT: (1, 0, 0), NBU: (1, 0, 0)},
        "progress PROVINCE": {"33": (3, 1, 1)},
        "progress MINISTRY": {"MOE": (2, 1, 1), "LOCAL": (2, 0, 0)},
        "progress total": (3, 1, 1),
        "rates PROVINCE": {"33": (3, 0)},
        "rates MINISTRY": {"MOE": (2, 0), "LOCAL": (2, 0)},
        "library": 1,
        "dormant": (3, {"33": 3, "11": 1}),
        "dormant list": sorted([X1, X2, Y]),
        "evaluation concerned": 1,
    },
    BEIJING: {
        "progress INSTITUTION": {IOP: (1, 1, 1)},
        "progress PROVINCE": {"11": (1, 1, 1)},
        "progress MINISTRY": {"CAS": (1, 1, 1)},
        "progress total": (1, 1, 1),
        "rates PROVINCE": {"11": (1, 0)},
        "rates MINISTRY": {"CAS": (1, 0)},
        "library": 1,
        "dormant": (1, {"33": 1, "11": 1}),
        "dormant list": [X1],
        "evaluation concerned": 1,
    },
    MOE: {
        "progress INSTITUTION": {ZJU: (2, 1, 1)},
        "progress PROVINCE": {"33": (2, 1, 1)},
        "progress MINISTRY": {"MOE": (2, 1, 1)},
        "progress total": (2, 1, 1),
        "rates PROVINCE": {"33": (2, 0)},
        "rates MINISTRY": {"MOE": (2, 0)},
        "library": 1,
        "dormant": (2, {"33": 2, "11": 1}),
        "dormant list": sorted([X1, X2]),
        "evaluation concerned": 1,
    },
    CAS: {
        "progress INSTITUTION": {IOP: (1, 1, 1)},
        "progress PROVINCE": {"11": (1, 1, 1)},
        "progress MINISTRY": {"CAS": (1, 1, 1)},
        "progress total": (1, 1, 1),
        "rates PROVINCE": {"11": (1, 0)},
        "rates MINISTRY": {"CAS": (1, 0)},
        "library": 1,
        "dormant": (1, {"33": 1, "11": 1}),
        "dormant list": [X1],
        "evaluation concerned": 1,
    },
    INST[ZJU]: {
        "progress INSTITUTION": {ZJU: (2, 1, 1)},
        "progress PROVINCE": {"33": (2, 1, 1)},
        "progress MINISTRY": {"MOE": (2, 1, 1)},
        "progress total": (2, 1, 1),
        "rates PROVINCE": {"33": (2, 0)},
        "rates MINISTRY": {"MOE": (2, 0)},
        "library": 1,
        "dormant": (2, {"33": 2, "11": 1}),
        "dormant list": sorted([X1, X2]),
        "evaluation concerned": 1,
    },
    INST[IOP]: {
        "progress INSTITUTION": {IOP: (1, 1, 1)},
        "progress PROVINCE": {"11": (1, 1, 1)},
        "progress MINISTRY": {"CAS": (1, 1, 1)},
        "progress total": (1, 1, 1),
        "rates PROVINCE": {"11": (1, 0)},
        "rates MINISTRY": {"CAS": (1, 0)},
        "library": 1,
        "dormant": (1, {"33": 1, "11": 1}),
        "dormant list": [X1],
        "evaluation concerned": 1,
    },
    INST[ZJUT]: {
        "progress INSTITUTION": {ZJUT: (1, 0, 0)},
        "progress PROVINCE": {"33": (1, 0, 0)},
        "progress MINISTRY": {"LOCAL": (1, 0, 0)},
        "progress total": (1, 0, 0),
        "rates PROVINCE": {"33": (1, 0)},
        "rates MINISTRY": {"LOCAL": (1, 0)},
        "library": 0,
        "dormant": (1, {"33": 1}),
        "dormant list": [X2],
        "evaluation concerned": 0,
    },
    # the unrelated institution: its own patent only, nothing of X1 or X2
    INST[NBU]: {
        "progress INSTITUTION": {NBU: (1, 0, 0)},
        "progress PROVINCE": {"33": (1, 0, 0)},
        "progress MINISTRY": {"LOCAL": (1, 0, 0)},
        "progress total": (1, 0, 0),
        "rates PROVINCE": {"33": (1, 0)},
        "rates MINISTRY": {"LOCAL": (1, 0)},
        "library": 0,
        "dormant": (1, {"33": 1}),
        "dormant list": [Y],
        "evaluation concerned": 0,
    },
}


async def test_co_owned_patents_count_for_each_owner_in_every_statistic(
    agraph: AsyncGraph, ref_graph: Graph, tmp_path: Path
) -> None:
    setup(ref_graph, tmp_path)
    assert rollups.check(ref_graph) == []
    got = {p: await figures(agraph, p) for p in EXPECTED}
    for p, expected in EXPECTED.items():
        shown = {k: got[p][k] for k in expected}
        assert shown == expected, (p, shown)
    # the library by maturity counts X1 once wherever it is seen
    assert got[NATIONAL]["library maturity"] == {"TRIAL_PRODUCTION": 1}
    assert got[CAS]["library maturity"] == {"TRIAL_PRODUCTION": 1}
    assert got[INST[NBU]]["library maturity"] == {}


async def test_adding_and_removing_an_owner_keeps_rollups_and_figures(
    agraph: AsyncGraph, ref_graph: Graph, tmp_path: Path
) -> None:
    setup(ref_graph, tmp_path)
    # X2 loses its second owner: 浙江大学 keeps X1 only
    load(ref_graph, tmp_path, [patent(X2, [ZJUT])])
    assert rollups.check(ref_graph) == []
    national = await figures(agraph, NATIONAL)
    assert national["progress INSTITUTION"][ZJU] == (1, 1, 1)
    assert national["progress MINISTRY"] == {"MOE": (1, 1, 1), "CAS": (1, 1, 1), "LOCAL": (2, 0, 0)}
    assert (await figures(agraph, INST[ZJU]))["dormant list"] == [X1]
    # X2 gains 浙江大学 again, now as its first owner (the roll-up credit moves to it)
    load(ref_graph, tmp_path, [patent(X2, [ZJU, ZJUT])])
    assert rollups.check(ref_graph) == []
    national = await figures(agraph, NATIONAL)
    assert national["progress INSTITUTION"][ZJU] == (2, 1, 1)
    assert national["progress INSTITUTION"][ZJUT] == (1, 0, 0)
    assert national["progress PROVINCE"] == {"33": (3, 1, 1), "11": (1, 1, 1)}
    assert national["progress total"] == (3, 1, 1)
    assert national["dormant"] == (3, {"33": 3, "11": 1})
    stored = ref_graph.read(
        "MATCH (r:InstitutionRollup) WHERE r.institutionId IN $ids "
        "RETURN r.institutionId AS id, r.owned AS n, r.shares AS shares ORDER BY id",
        {"ids": [ZJU, ZJUT]},
    )
    # X1 and X2 credited in full to their first owner; 浙江工业大学 holds only its shares of
    # X2 as a later owner: every owner's, not its province's (浙江大学 is in it), its
    # ministry's (locally run, 浙江大学 is not) and so of both
    assert [(r["id"], r["n"]) for r in stored] == [(ZJU, 2), (ZJUT, 0)]
    held = zip(SHARE_SLOTS, stored[1]["shares"], strict=True)
    assert {slot.split("|")[1] for slot, n in held if n} == {"I", "M", "X"}
    # and its progress row comes from those shares
    assert (await figures(agraph, INST[ZJUT]))["progress INSTITUTION"] == {ZJUT: (1, 0, 0)}


# The same figures walked from the patents and their OWNED_BY relationships: a patent counts
# once in each group of the owners the caller answers for.
WALK = """
MATCH (p:Patent)-[:OWNED_BY]->(i:Institution)
WHERE CASE $role WHEN 'NATIONAL' THEN true
                 WHEN 'PROVINCE' THEN i.provinceCode = $scope
                 WHEN 'MINISTRY' THEN i.ministryCode = $scope
                 ELSE i.id = $scope END
WITH p, CASE $by WHEN 'INSTITUTION' THEN i.id
                 WHEN 'PROVINCE' THEN coalesce(i.provinceCode, 'UNKNOWN')
                 WHEN 'MINISTRY' THEN coalesce(i.ministryCode, 'LOCAL')
                 ELSE 'TOTAL' END AS key
WITH DISTINCT key, p
WITH key, p, coalesce(p.legalStatus, 'VALID') = 'VALID' AS valid
RETURN key,
       sum(CASE WHEN valid THEN 1 ELSE 0 END) AS patents,
       sum(CASE WHEN valid AND p.inventoryState IN ['SCREENED_IN', 'SCREENED_OUT']
                THEN 1 ELSE 0 END) AS inventoried,
       sum(CASE WHEN valid AND p.inventoryState = 'SCREENED_IN' THEN 1 ELSE 0 END)
         AS screenedIn,
       sum(CASE WHEN valid AND p.implemented = true THEN 1 ELSE 0 END) AS implemented,
       sum(CASE WHEN p.transferable = true THEN 1 ELSE 0 END) AS transferable,
       sum(CASE WHEN p.transferable = true
                     AND EXISTS { (:Evaluation {evaluatorKind: 'ENTERPRISE'})-[:EVALUATES]->(p) }
                THEN 1 ELSE 0 END) AS evaluated
"""
WALK_OWNER_PROVINCES = """
UNWIND $appNos AS a
MATCH (:Patent {appNo: a})-[:OWNED_BY]->(i:Institution)
WITH DISTINCT a, coalesce(i.provinceCode, 'UNKNOWN') AS key
RETURN key, count(*) AS patents
"""
STATS = """query ($by: GroupBy!, $conv: GroupBy!) {
  inventoryProgress(asOf: "2024-07-01", by: $by) {
    total { patents inventoried screenedIn required missing institutionsBehind }
    rows { key patents inventoried screenedIn required missing deadline } }
  conversionFigures(quarters: ["2024Q2"], by: $conv) { key patents implemented }
  milestones(asOf: "2024-07-01") { key concerned met missing }
  resourceLibrary { total } }"""
DORMANT = """query ($asOf: Date!, $after: String) {
  dormantStateFunded(asOf: $asOf, first: 100, after: $after) {
    totalCount byProvince { key patents } edges { node { appNo } }
    hasNextPage endCursor } }"""
SCREENED_IN = "{ patents(filter: {inventoryState: SCREENED_IN}) { totalCount } }"


def walked(graph: Graph, p: Principal, by: str) -> dict[str, tuple[int, ...]]:
    rows = graph.read(WALK, {"role": p.role.value, "scope": p.scope, "by": by})
    fields = ("patents", "inventoried", "screenedIn", "implemented", "transferable", "evaluated")
    return {r["key"]: tuple(r[f] for f in fields) for r in rows}


async def dormant(agraph: AsyncGraph, p: Principal, as_of: str) -> tuple[int, dict, list[str]]:
    listed: list[str] = []
    after = None
    while True:
        d = ok(await run(agraph, p, DORMANT, {"asOf": as_of, "after": after}))
        d = d["dormantStateFunded"]
        listed += [e["node"]["appNo"] for e in d["edges"]]
        if not d["hasNextPage"]:
            break
        after = d["endCursor"]
    by = {b["key"] or "UNKNOWN": b["patents"] for b in d["byProvince"]}
    return d["totalCount"], by, listed


def targets_of_the_walk(
    ref_graph: Graph, progress: dict[str, Any], milestones: list[dict[str, Any]], walk: Any
) -> None:
    """Targets by 2024-07-01 of the walk's institution rows, as graph.milestones sets
    them: each row's required and missing, the total's, and the inventory milestones."""
    cohort = {
        r["id"]: (r["pilot"], r["demonstration"])
        for r in ref_graph.read(
            "MATCH (i:Institution) RETURN i.id AS id, coalesce(i.pilot, false) AS pilot, "
            "coalesce(i.demonstration, false) AS demonstration"
        )
    }
    day = date(2024, 7, 1)
    expected = {}
    for key, (patents, inventoried, *_) in walk.items():
        if not patents:
            continue
        share, milestone = inventory_target(day, *cohort[key])
        need = required(patents, share)
        expected[key] = (need, max(0, need - inventoried), milestone and milestone.deadline)
    got = {
        r["key"]: (r["required"], r["missing"], r["deadline"] and date.fromisoformat(r["deadline"]))
        for r in progress["rows"]
    }
    assert got == expected
    t = progress["total"]
    assert (t["required"], t["missing"], t["institutionsBehind"]) == (
        sum(e[0] for e in expected.values()),
        sum(e[1] for e in expected.values()),
        sum(1 for e in expected.values() if e[1]),
    )
    by_key = {r["key"]: r for r in milestones}
    for m in MILESTONES:
        if m.kind not in (MilestoneKind.INVENTORY_SHARE, MilestoneKind.RESULTS_SHOWN):
            continue
        concerned = [k for k in expected if in_cohort(m.cohort, *cohort[k])]
        if m.kind is MilestoneKind.RESULTS_SHOWN:
            shorts = [0 if walk[k][2] else 1 for k in concerned]
        else:
            shorts = [max(0, required(walk[k][0], m.target) - walk[k][1]) for k in concerned]
        missing = sum(shorts) if m.kind is MilestoneKind.INVENTORY_SHARE else 0
        figures = by_key[m.key]
        assert (figures["concerned"], figures["met"], figures["missing"]) == (
            len(concerned),
            shorts.count(0),
            missing,
        ), m.key


async def test_statistics_of_a_co_owned_demo_set_equal_a_walk_over_its_patents(
    agraph: AsyncGraph, ref_graph: Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A demo set with a fifth of its patents co-owned: every statistic of every role that
    answers for owners equals the walk over the patents' owners, and so does the
    institution–industry network; the dormant counts equal their list, also for a cut-off
    in the middle of a month."""
    monkeypatch.setattr(generate, "CO_OWNED", 0.2)
    folder = tmp_path / "demo"
    import_files(ref_graph, folder, write_demo(world_of(ref_graph), 400, 31, folder))
    assert rollups.check(ref_graph) == []
    later = ref_graph.read(
        "MATCH (p:Patent {coOwned: true}) UNWIND p.institutionIds[1..] AS id "
        "MATCH (i:Institution {id: id}) "
        "RETURN i.id AS id, i.provinceCode AS province, i.ministryCode AS ministry, "
        "p.institutionIds[0] AS first ORDER BY p.appNo, id"
    )
    assert len(later) > 40  # co-owned patents with later owners of many institutions
    callers = [NATIONAL]
    callers += [who(Role.PROVINCE, r["province"]) for r in later[:3]]
    callers += [who(Role.MINISTRY, r["ministry"]) for r in later[:6] if r["ministry"]][:2]
    callers += [who(Role.INSTITUTION, r[k]) for r in later[:2] for k in ("id", "first")]
    only_later = ref_graph.read(
        "MATCH (r:InstitutionRollup) WHERE r.owned = 0 RETURN r.institutionId AS id LIMIT 1"
    )
    callers += [who(Role.INSTITUTION, r["id"]) for r in only_later]
    # a co-owned dormant candidate outside the catalogue (its later owner's institution sees
    # it through that owner only), and cut-offs 3 days and 2 months after its grant day
    funded = ref_graph.read(
        "MATCH (p:Patent {coOwned: true, dormant: true}) "
        "WHERE p.grantDate.day <= 25 AND p.grantDate.month <= 10 "
        "AND p.transferable = false AND coalesce(p.openLicence, false) = false "
        "RETURN p.grantDate AS day, p.institutionIds[1] AS later ORDER BY p.appNo LIMIT 1"
    )
    assert funded, "a co-owned dormant candidate"
    callers.append(who(Role.INSTITUTION, funded[0]["later"]))
    g = funded[0]["day"].to_native()
    cutoffs = [g.replace(day=g.day + 3), g.replace(month=g.month + 2)]
    as_ofs = ["2024-07-01"] + [c.replace(year=c.year + 5).isoformat() for c in cutoffs]
    for p in dict.fromkeys(callers):
        for by, conv in (("INSTITUTION", "PROVINCE"), ("PROVINCE", "MINISTRY")):
            got = ok(await run(agraph, p, STATS, {"by": by, "conv": conv}))
            walk = walked(ref_graph, p, by)
            progress = got["inventoryProgress"]
            rows = {
                r["key"]: (r["patents"], r["inventoried"], r["screenedIn"])
                for r in progress["rows"]
            }
            assert rows == {k: v[:3] for k, v in walk.items() if v[0]}, (p, by)
            total = walked(ref_graph, p, "TOTAL").get("TOTAL", (0,) * 6)
            t = progress["total"]
            assert (t["patents"], t["inventoried"], t["screenedIn"]) == total[:3], p
            rates = {r["key"]: (r["patents"], r["implemented"]) for r in got["conversionFigures"]}
            conv_walk = walked(ref_graph, p, conv)
            assert rates == {k: (v[0], v[3]) for k, v in conv_walk.items() if v[0]}, (p, conv)
            m = {r["key"]: (r["concerned"], r["met"]) for r in got["milestones"]}
            assert m["ENTERPRISE_EVALUATION"] == total[4:], p
            if by == "INSTITUTION":
                targets_of_the_walk(ref_graph, progress, got["milestones"], walk)
        library = got["resourceLibrary"]["total"]
        seen = ok(await run(agraph, p, SCREENED_IN))["patents"]["totalCount"]
        assert library == seen, p
        for centre in ({"ind": "GBT4754:C"}, {"ind": "SEI2018:1"}):
            net = ok(await run(agraph, p, network_walk.NETWORK, {**centre, "depth": 2}))
            edges = net["institutionIndustryNetwork"]["edges"]
            drawn = {(e["source"], e["target"], e["weight"]) for e in edges}
            assert drawn == network_walk.expected(ref_graph, p, centre, 2), (p, centre)
        for as_of in as_ofs:
            count, by_province, listed = await dormant(agraph, p, as_of)
            assert count == len(listed), (p, as_of)
            owners = ref_graph.read(WALK_OWNER_PROVINCES, {"appNos": listed})
            assert by_province == {r["key"]: r["patents"] for r in owners}, (p, as_of)
