"""Statistics of co-owned patents against the real Neo4j: a patent owned by several
institutions counts for each owner, once per distinct province and ministry among its
owners and once nationally, for every role that sees it and for no other institution; a
second owner inventories its share; the roll-ups agree with a recount after an owner is
added or removed (docs/graph-model.md, "Co-owned patents")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from graph import rollups
from graph.db import AsyncGraph, Graph
from graph.ingest import samples
from graph.ingest.run import import_file
from graph.vocab import Role
from hub.auth.principal import Principal
from tests import schema_support
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
        "RETURN r.institutionId AS id, r.owned AS n ORDER BY id",
        {"ids": [ZJU, ZJUT]},
    )
    assert stored == [{"id": ZJU, "n": 2}]  # X1 and X2 credited to their first owner
    # an institution that is only a later owner has no roll-up and still its progress row
    assert (await figures(agraph, INST[ZJUT]))["progress INSTITUTION"] == {ZJUT: (1, 0, 0)}
