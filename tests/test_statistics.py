"""Statistics on the known small graph: exact figures, and scope for every role."""

from __future__ import annotations

from typing import Any

import pytest

from graph.db import AsyncGraph, Graph
from graph.vocab import Role
from tests.analytics_fixture import E1, NATIONAL, U1, U2, U3, P, agraph, data, principal, run

__all__ = ["agraph", "data"]

PROGRESS = """
query ($asOf: Date!, $by: GroupBy!, $behind: Boolean! = false) {
  inventoryProgress(asOf: $asOf, by: $by, behindOnly: $behind) {
    total { patents inventoried screenedIn required missing institutions institutionsBehind }
    rows { key name institutions patents inventoried screenedIn percent targetPercent
           required missing behind institutionsBehind deadline }
  }
}
"""


def _rows(data_: dict[str, Any] | None) -> dict[str, dict[str, Any]]:
    assert data_ is not None
    return {r["key"]: r for r in data_["inventoryProgress"]["rows"]}


async def test_progress_by_institution_at_the_june_deadline(
    agraph: AsyncGraph, data: Graph
) -> None:
    out, errors = await run(agraph, NATIONAL, PROGRESS, {"asOf": "2024-07-01", "by": "INSTITUTION"})
    assert errors == []
    rows = _rows(out)
    # U1 is a pilot/demonstration university: 100 % by 2024-06-30 (3 of 4 inventoried).
    assert (rows[U1]["patents"], rows[U1]["inventoried"], rows[U1]["screenedIn"]) == (4, 3, 2)
    assert rows[U1]["percent"] == 75.0
    assert rows[U1]["targetPercent"] == 100.0
    assert (rows[U1]["required"], rows[U1]["missing"], rows[U1]["behind"]) == (4, 1, True)
    assert rows[U1]["deadline"] == "2024-06-30"
    # U2, U3: others, 30 % (rounded up): 2 of 4 and 1 of 2 required.
    assert (rows[U2]["patents"], rows[U2]["inventoried"], rows[U2]["required"]) == (4, 1, 2)
    assert rows[U2]["missing"] == 1
    assert (rows[U3]["patents"], rows[U3]["inventoried"], rows[U3]["required"]) == (2, 0, 1)
    total = out["inventoryProgress"]["total"]  # type: ignore[index]
    assert total == {
        "patents": 10,
        "inventoried": 4,
        "screenedIn": 3,
        "required": 7,
        "missing": 3,
        "institutions": 3,
        "institutionsBehind": 3,
    }


async def test_progress_targets_follow_as_of(agraph: AsyncGraph, data: Graph) -> None:
    before, _ = await run(agraph, NATIONAL, PROGRESS, {"asOf": "2024-01-01", "by": "INSTITUTION"})
    assert all(r["missing"] == 0 and r["deadline"] is None for r in _rows(before).values())
    after, _ = await run(agraph, NATIONAL, PROGRESS, {"asOf": "2025-01-01", "by": "INSTITUTION"})
    rows = _rows(after)
    assert {k: r["missing"] for k, r in rows.items()} == {U1: 1, U2: 3, U3: 2}
    assert {r["deadline"] for r in rows.values()} == {"2024-12-31"}


async def test_progress_by_province_and_ministry(agraph: AsyncGraph, data: Graph) -> None:
    out, _ = await run(agraph, NATIONAL, PROGRESS, {"asOf": "2024-07-01", "by": "PROVINCE"})
    rows = _rows(out)
    assert (
        rows["11"]["name"],
        rows["11"]["patents"],
        rows["11"]["required"],
        rows["11"]["missing"],
    ) == (
        "北京市",
        4,
        4,
        1,
    )
    assert (rows["33"]["patents"], rows["33"]["inventoried"], rows["33"]["required"]) == (6, 1, 3)
    assert (rows["33"]["missing"], rows["33"]["institutionsBehind"]) == (2, 2)
    assert rows["33"]["targetPercent"] == 50.0
    out, _ = await run(agraph, NATIONAL, PROGRESS, {"asOf": "2024-07-01", "by": "MINISTRY"})
    rows = _rows(out)
    assert (rows["MOE"]["name"], rows["MOE"]["patents"], rows["MOE"]["missing"]) == ("教育部", 6, 2)
    assert (rows["LOCAL"]["patents"], rows["LOCAL"]["missing"]) == (4, 1)


@pytest.mark.parametrize(
    ("role", "scope", "institutions"),
    [
        (Role.NATIONAL, None, {U1, U2, U3}),
        (Role.MINISTRY, "MOE", {U1, U3}),
        (Role.PROVINCE, "33", {U2, U3}),  # P1 of U1 is transferable, yet not counted
        (Role.PROVINCE, "11", {U1}),
        (Role.INSTITUTION, U2, {U2}),
        (Role.INSTITUTION, U3, {U3}),
    ],
)
async def test_progress_counts_only_institutions_in_scope(
    agraph: AsyncGraph, data: Graph, role: Role, scope: str | None, institutions: set[str]
) -> None:
    out, errors = await run(
        agraph, principal(role, scope), PROGRESS, {"asOf": "2024-07-01", "by": "INSTITUTION"}
    )
    assert errors == []
    assert set(_rows(out)) == institutions
    expected = {U1: 4, U2: 4, U3: 2}
    assert out["inventoryProgress"]["total"]["patents"] == sum(  # type: ignore[index]
        expected[i] for i in institutions
    )


@pytest.mark.parametrize("role", [Role.ENTERPRISE, Role.EXPERT, Role.ANONYMOUS])
async def test_progress_is_forbidden_to_roles_without_institutions(
    agraph: AsyncGraph, data: Graph, role: Role
) -> None:
    scope = {Role.ENTERPRISE: E1, Role.EXPERT: "X1"}.get(role)
    _, errors = await run(
        agraph, principal(role, scope), PROGRESS, {"asOf": "2024-07-01", "by": "PROVINCE"}
    )
    assert errors == ["FORBIDDEN"]


async def test_behind_only(agraph: AsyncGraph, data: Graph) -> None:
    out, _ = await run(
        agraph, NATIONAL, PROGRESS, {"asOf": "2024-07-01", "by": "INSTITUTION", "behind": True}
    )
    assert set(_rows(out)) == {U1, U2, U3}
    out, _ = await run(
        agraph, NATIONAL, PROGRESS, {"asOf": "2024-03-01", "by": "INSTITUTION", "behind": True}
    )
    assert _rows(out) == {}


MILESTONES = """
query ($asOf: Date!) { milestones(asOf: $asOf) { key due concerned met missing achieved } }
"""


async def test_milestones(agraph: AsyncGraph, data: Graph) -> None:
    out, errors = await run(agraph, NATIONAL, MILESTONES, {"asOf": "2024-07-01"})
    assert errors == []
    m = {r["key"]: r for r in out["milestones"]}  # type: ignore[index]
    assert m["DEMONSTRATION_RESULTS"] == {
        "key": "DEMONSTRATION_RESULTS",
        "due": True,
        "concerned": 1,
        "met": 1,
        "missing": 0,
        "achieved": True,
    }
    assert (
        m["PILOT_DEMONSTRATION_FULL"]["concerned"],
        m["PILOT_DEMONSTRATION_FULL"]["missing"],
    ) == (1, 1)
    assert (
        m["OTHERS_THIRTY"]["concerned"],
        m["OTHERS_THIRTY"]["met"],
        m["OTHERS_THIRTY"]["missing"],
    ) == (2, 0, 2)
    assert (m["ALL_FULL"]["due"], m["ALL_FULL"]["missing"]) == (False, 6)
    # Experts X1 (Beijing) and X2 (Zhejiang): both provinces staffed.
    assert (m["EXPERT_LIBRARY"]["concerned"], m["EXPERT_LIBRARY"]["met"]) == (2, 2)
    assert m["EXPERT_LIBRARY"]["achieved"] is True
    # Transferable P1 (evaluated by enterprises) and P5 (not): 1 of 2, 90 % needs 2.
    e = m["ENTERPRISE_EVALUATION"]
    assert (e["concerned"], e["met"], e["missing"], e["achieved"]) == (2, 1, 1, False)


async def test_milestones_in_a_province(agraph: AsyncGraph, data: Graph) -> None:
    out, _ = await run(agraph, principal(Role.PROVINCE, "33"), MILESTONES, {"asOf": "2024-07-01"})
    m = {r["key"]: r for r in out["milestones"]}  # type: ignore[index]
    assert m["DEMONSTRATION_RESULTS"]["concerned"] == 0
    assert (m["OTHERS_THIRTY"]["concerned"], m["OTHERS_THIRTY"]["missing"]) == (2, 2)
    # Only P5 is a Zhejiang transferable patent: nobody has evaluated it.
    assert (m["ENTERPRISE_EVALUATION"]["concerned"], m["ENTERPRISE_EVALUATION"]["met"]) == (1, 0)


CONVERSION = """
query ($q: [String!]!, $by: GroupBy!) {
  conversionFigures(quarters: $q, by: $by) {
    key name patents implemented implementationRate industrialised industrialisationRate
    quarters { quarter transferRegistrations licenceFilings productFilings amount }
  }
}
"""


async def test_conversion_by_province(agraph: AsyncGraph, data: Graph) -> None:
    out, errors = await run(
        agraph, NATIONAL, CONVERSION, {"q": ["2024Q1", "2024Q2"], "by": "PROVINCE"}
    )
    assert errors == []
    rows = {r["key"]: r for r in out["conversionFigures"]}  # type: ignore[index]
    bj = rows["11"]
    assert (bj["patents"], bj["implemented"], bj["implementationRate"]) == (4, 1, 25.0)
    assert (bj["industrialised"], bj["industrialisationRate"]) == (1, 25.0)
    assert bj["quarters"] == [
        {
            "quarter": "2024Q1",
            "transferRegistrations": 1,
            "licenceFilings": 0,
            "productFilings": 1,
            "amount": 50.0,
        },
        {
            "quarter": "2024Q2",
            "transferRegistrations": 0,
            "licenceFilings": 0,
            "productFilings": 0,
            "amount": 0.0,
        },
    ]
    zj = rows["33"]
    assert (zj["patents"], zj["implemented"], zj["implementationRate"]) == (6, 2, 33.33)
    assert zj["industrialised"] == 2
    # T2 filed, T3 not filed (still counted in the amount); T4 is 2023Q4.
    assert zj["quarters"][1] == {
        "quarter": "2024Q2",
        "transferRegistrations": 0,
        "licenceFilings": 1,
        "productFilings": 1,
        "amount": 15.0,
    }
    assert zj["quarters"][0]["licenceFilings"] == 0


async def test_conversion_by_ministry_and_scope(agraph: AsyncGraph, data: Graph) -> None:
    out, _ = await run(agraph, NATIONAL, CONVERSION, {"q": ["2023Q4"], "by": "MINISTRY"})
    rows = {r["key"]: r for r in out["conversionFigures"]}  # type: ignore[index]
    assert rows["MOE"]["quarters"][0]["licenceFilings"] == 1  # T4 on P9 of U3
    assert rows["LOCAL"]["quarters"][0]["licenceFilings"] == 0
    # Zhejiang sees T1 (its enterprise bought it) but P1 is a Beijing patent: not counted.
    out, _ = await run(
        agraph, principal(Role.PROVINCE, "33"), CONVERSION, {"q": ["2024Q1"], "by": "PROVINCE"}
    )
    assert [r["key"] for r in out["conversionFigures"]] == ["33"]  # type: ignore[index]
    assert out["conversionFigures"][0]["quarters"][0]["transferRegistrations"] == 0  # type: ignore[index]
    out, errors = await run(
        agraph, principal(Role.ENTERPRISE, E1), CONVERSION, {"q": ["2024Q1"], "by": "PROVINCE"}
    )
    assert errors == ["FORBIDDEN"]
    out, errors = await run(agraph, NATIONAL, CONVERSION, {"q": ["2024-1"], "by": "PROVINCE"})
    assert errors == ["BAD_USER_INPUT"]


LIBRARY = """
{ resourceLibrary { total byIndustry { key name patents } bySeiField { key patents }
                    byMaturity { key name patents } byRating { key name patents } } }
"""


async def test_resource_library(agraph: AsyncGraph, data: Graph) -> None:
    out, errors = await run(agraph, NATIONAL, LIBRARY)
    assert errors == []
    lib = out["resourceLibrary"]  # type: ignore[index]
    assert lib["total"] == 3
    assert [(b["key"], b["patents"]) for b in lib["byIndustry"]] == [("C", 2), ("I", 1)]
    assert sorted((b["key"] or "-", b["patents"]) for b in lib["bySeiField"]) == [
        ("-", 2),
        ("1", 1),
    ]
    assert [(b["key"], b["name"], b["patents"]) for b in lib["byMaturity"]] == [
        ("SAMPLE", "已有样品（样品、实验阶段）", 1),
        ("PILOT", "通过小试（试生产、应用开发阶段）", 2),
    ]
    assert [(b["key"], b["patents"]) for b in lib["byRating"]] == [("4", 2), ("2", 1)]


@pytest.mark.parametrize(
    ("role", "scope", "total"),
    [
        (Role.ENTERPRISE, E1, 2),  # the transferable catalogue: P1, P5
        (Role.INSTITUTION, U2, 1),  # its own P5
        (Role.MINISTRY, "MOE", 2),  # P1, P2
        (Role.PROVINCE, "11", 3),  # P1, P2 + transferable P5
        (Role.ANONYMOUS, None, 0),  # only the open-licence P10, not screened in
    ],
)
async def test_resource_library_scope(
    agraph: AsyncGraph, data: Graph, role: Role, scope: str | None, total: int
) -> None:
    out, _ = await run(agraph, principal(role, scope), LIBRARY)
    lib = out["resourceLibrary"]  # type: ignore[index]
    assert lib["total"] == total
    assert sum(b["patents"] for b in lib["byMaturity"]) == total


DORMANT = """
query ($asOf: Date!, $first: Int! = 20, $after: String) {
  dormantStateFunded(asOf: $asOf, first: $first, after: $after) {
    grantedBefore totalCount byProvince { key patents }
    edges { cursor node { appNo grantDate institution { name } } } hasNextPage endCursor
  }
}
"""


async def test_dormant_list_and_paging(agraph: AsyncGraph, data: Graph) -> None:
    # P4, P6 qualify; P3 has a recorded reason (dispute), P7 is too recent, P8 is
    # implemented, P9 is licensed (T4), P10 is not state-funded, P11 has expired.
    out, errors = await run(agraph, NATIONAL, DORMANT, {"asOf": "2024-07-01", "first": 1})
    assert errors == []
    d = out["dormantStateFunded"]  # type: ignore[index]
    assert d["grantedBefore"] == "2019-07-01"
    assert d["totalCount"] == 2
    assert {b["key"]: b["patents"] for b in d["byProvince"]} == {"11": 1, "33": 1}
    assert [e["node"]["appNo"] for e in d["edges"]] == [P[6]]
    assert d["edges"][0]["node"]["institution"]["name"] == "浙江乙大学"
    assert d["hasNextPage"] is True
    out, _ = await run(
        agraph, NATIONAL, DORMANT, {"asOf": "2024-07-01", "first": 1, "after": d["endCursor"]}
    )
    d = out["dormantStateFunded"]  # type: ignore[index]
    assert [e["node"]["appNo"] for e in d["edges"]] == [P[4]]
    assert d["hasNextPage"] is False
    # Earlier, P4 (granted 2018-05-01) is not five years old yet.
    out, _ = await run(agraph, NATIONAL, DORMANT, {"asOf": "2023-03-01"})
    assert [e["node"]["appNo"] for e in out["dormantStateFunded"]["edges"]] == [P[6]]  # type: ignore[index]


@pytest.mark.parametrize(
    ("role", "scope", "expected"),
    [
        (Role.PROVINCE, "33", {6}),
        (Role.PROVINCE, "11", {4}),
        (Role.MINISTRY, "MOE", {4}),
        (Role.INSTITUTION, U2, {6}),
        (Role.ENTERPRISE, E1, set()),
        (Role.ANONYMOUS, None, set()),
    ],
)
async def test_dormant_scope(
    agraph: AsyncGraph, data: Graph, role: Role, scope: str | None, expected: set[int]
) -> None:
    out, _ = await run(agraph, principal(role, scope), DORMANT, {"asOf": "2024-07-01"})
    d = out["dormantStateFunded"]  # type: ignore[index]
    assert {e["node"]["appNo"] for e in d["edges"]} == {P[n] for n in expected}
    assert d["totalCount"] == len(expected)


@pytest.mark.parametrize(
    ("as_of", "p4"),
    [
        ("2023-05-01", False),  # cutoff 2018-05-01, the day P4 was granted: not before it
        ("2023-05-20", True),  # counted from the patents granted in the cutoff's month
        ("2023-06-15", True),  # from the roll-up's counts by month of the cutoff's year
        ("2024-01-02", True),  # from its counts by year
    ],
)
async def test_dormant_cutoff_within_a_year(
    agraph: AsyncGraph, data: Graph, as_of: str, p4: bool
) -> None:
    # The counts come from roll-ups by year and month and from the patents of the cutoff's
    # month; the page from the patents: they agree at each boundary, for every overseer.
    for who in (
        NATIONAL,
        principal(Role.PROVINCE, "11"),
        principal(Role.PROVINCE, "33"),
        principal(Role.MINISTRY, "MOE"),
        principal(Role.INSTITUTION, U1),
    ):
        out, errors = await run(agraph, who, DORMANT, {"asOf": as_of})
        assert errors == []
        d = out["dormantStateFunded"]  # type: ignore[index]
        listed = {e["node"]["appNo"] for e in d["edges"]}
        assert d["totalCount"] == len(listed) == sum(b["patents"] for b in d["byProvince"])
        if who is NATIONAL:
            assert (P[4] in listed) is p4


async def test_dormant_bad_cursor(agraph: AsyncGraph, data: Graph) -> None:
    _, errors = await run(agraph, NATIONAL, DORMANT, {"asOf": "2024-07-01", "after": "nonsense!"})
    assert errors == ["BAD_USER_INPUT"]
    _, errors = await run(agraph, NATIONAL, DORMANT, {"asOf": "2024-07-01", "first": 0})
    assert errors == ["BAD_USER_INPUT"]


CONSENSUS = """
query ($appNo: String!) {
  evaluationConsensus(appNo: $appNo) {
    appNo count enterpriseCount expertCount agreement
    prospect { count mean stdDev min max } score { mean }
    enterpriseProspect { mean } expertProspect { mean }
    willingness { key count }
  }
}
"""


async def test_consensus(agraph: AsyncGraph, data: Graph) -> None:
    out, errors = await run(agraph, NATIONAL, CONSENSUS, {"appNo": P[1]})
    assert errors == []
    c = out["evaluationConsensus"]  # type: ignore[index]
    assert (c["count"], c["enterpriseCount"], c["expertCount"]) == (3, 2, 1)
    assert c["prospect"] == {"count": 3, "mean": 3.6667, "stdDev": 1.2472, "min": 2.0, "max": 5.0}
    assert c["score"]["mean"] == 70.0
    assert (c["enterpriseProspect"]["mean"], c["expertProspect"]["mean"]) == (3.0, 5.0)
    assert c["agreement"] == 0.3764
    assert c["willingness"] == [{"key": "STRONG", "count": 2}, {"key": "WEAK", "count": 1}]


@pytest.mark.parametrize(
    ("role", "scope", "count"),
    [
        (Role.PROVINCE, "11", 3),  # P1 is a Beijing patent: all its evaluations
        (Role.PROVINCE, "33", 1),  # only V1, by a Zhejiang enterprise
        (Role.ENTERPRISE, E1, 1),  # its own
        (Role.EXPERT, "X1", 1),  # its own
        (Role.INSTITUTION, U1, 3),
    ],
)
async def test_consensus_counts_only_visible_evaluations(
    agraph: AsyncGraph, data: Graph, role: Role, scope: str | None, count: int
) -> None:
    out, errors = await run(agraph, principal(role, scope), CONSENSUS, {"appNo": P[1]})
    assert errors == []
    c = out["evaluationConsensus"]  # type: ignore[index]
    assert c["count"] == count
    assert c["agreement"] is None if count < 2 else c["agreement"] is not None


async def test_consensus_not_found(agraph: AsyncGraph, data: Graph) -> None:
    _, errors = await run(agraph, principal(Role.INSTITUTION, U2), CONSENSUS, {"appNo": P[1]})
    assert errors == ["NOT_FOUND"]
    _, errors = await run(agraph, NATIONAL, CONSENSUS, {"appNo": "nonsense"})
    assert errors == ["BAD_USER_INPUT"]
