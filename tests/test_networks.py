"""Institution–industry and co-inventor networks: exact shapes, built from in-scope
patents only."""

from __future__ import annotations

from typing import Any

import pytest

from graph.db import AsyncGraph, Graph
from graph.vocab import Role
from tests.analytics_fixture import (
    INV_A,
    INV_B,
    INV_C,
    INV_D,
    NATIONAL,
    U1,
    U2,
    U3,
    agraph,
    data,
    principal,
    run,
)

__all__ = ["agraph", "data"]

INST_IND = """
query ($inst: String, $ind: String, $depth: Int! = 1, $limit: Int! = 200) {
  institutionIndustryNetwork(institutionId: $inst, industryId: $ind, depth: $depth, limit: $limit) {
    nodes { id label kind weight centre } edges { source target weight kind } truncated
  }
}
"""

COINV = """
query ($inv: String, $inst: String, $depth: Int! = 1) {
  coInventorNetwork(inventorId: $inv, institutionId: $inst, depth: $depth) {
    nodes { id label kind weight centre } edges { source target weight kind } truncated
  }
}
"""


def edges(out: dict[str, Any] | None, field: str) -> set[tuple[str, str, int]]:
    assert out is not None
    return {(e["source"], e["target"], e["weight"]) for e in out[field]["edges"]}


async def test_institution_centre_depth_1_and_2(agraph: AsyncGraph, data: Graph) -> None:
    out, errors = await run(agraph, NATIONAL, INST_IND, {"inst": U1})
    assert errors == []
    # U1: P1 (38 → C) and P4 (C) in manufacturing, P2 in I.
    assert edges(out, "institutionIndustryNetwork") == {
        (U1, "GBT4754:C", 2),
        (U1, "GBT4754:I", 1),
    }
    nodes = {n["id"]: n for n in out["institutionIndustryNetwork"]["nodes"]}  # type: ignore[index]
    assert nodes[U1] == {
        "id": U1,
        "label": "北京甲大学",
        "kind": "INSTITUTION",
        "weight": 3,
        "centre": True,
    }
    assert nodes["GBT4754:C"]["kind"] == "INDUSTRY"
    out, _ = await run(agraph, NATIONAL, INST_IND, {"inst": U1, "depth": 2})
    assert edges(out, "institutionIndustryNetwork") == {
        (U1, "GBT4754:C", 2),
        (U1, "GBT4754:I", 1),
        (U2, "GBT4754:C", 1),  # P5
        (U3, "GBT4754:C", 1),  # P10 (38 → C)
    }


async def test_industry_centre_and_scope(agraph: AsyncGraph, data: Graph) -> None:
    out, _ = await run(agraph, NATIONAL, INST_IND, {"ind": "GBT4754:38"})
    # A level-2 centre is drawn as its section.
    assert edges(out, "institutionIndustryNetwork") == {
        (U1, "GBT4754:C", 2),
        (U2, "GBT4754:C", 1),
        (U3, "GBT4754:C", 1),
    }
    out, _ = await run(agraph, principal(Role.MINISTRY, "MOE"), INST_IND, {"ind": "GBT4754:C"})
    # U2 is locally run: MOE does not see its patents, so it is not in the picture.
    assert edges(out, "institutionIndustryNetwork") == {
        (U1, "GBT4754:C", 2),
        (U3, "GBT4754:C", 1),
    }


async def test_out_of_scope_patents_make_no_edges(agraph: AsyncGraph, data: Graph) -> None:
    u2 = principal(Role.INSTITUTION, U2)
    _, errors = await run(agraph, u2, INST_IND, {"inst": U1})
    assert errors == ["NOT_FOUND"]
    # U3 is visible to U2 through its open-licence P10 only; P9 does not count.
    out, errors = await run(agraph, u2, INST_IND, {"inst": U3})
    assert errors == []
    assert edges(out, "institutionIndustryNetwork") == {(U3, "GBT4754:C", 1)}
    anon = principal(Role.ANONYMOUS)
    out, _ = await run(agraph, anon, INST_IND, {"ind": "GBT4754:C", "depth": 2})
    assert edges(out, "institutionIndustryNetwork") == {(U3, "GBT4754:C", 1)}


async def test_bad_arguments(agraph: AsyncGraph, data: Graph) -> None:
    for variables in (
        {},
        {"inst": U1, "ind": "GBT4754:C"},
        {"inst": U1, "depth": 3},
        {"inst": U1, "limit": 0},
    ):
        _, errors = await run(agraph, NATIONAL, INST_IND, variables)
        assert errors == ["BAD_USER_INPUT"], variables
    _, errors = await run(agraph, NATIONAL, INST_IND, {"ind": "GBT4754:Z"})
    assert errors == ["NOT_FOUND"]


async def test_limit_truncates(agraph: AsyncGraph, data: Graph) -> None:
    out, _ = await run(agraph, NATIONAL, INST_IND, {"inst": U1, "limit": 1})
    assert edges(out, "institutionIndustryNetwork") == {(U1, "GBT4754:C", 2)}
    assert out["institutionIndustryNetwork"]["truncated"] is True  # type: ignore[index]


async def test_co_inventors(agraph: AsyncGraph, data: Graph) -> None:
    out, errors = await run(agraph, NATIONAL, COINV, {"inv": INV_A})
    assert errors == []
    assert edges(out, "coInventorNetwork") == {(INV_A, INV_B, 2)}
    out, _ = await run(agraph, NATIONAL, COINV, {"inv": INV_A, "depth": 2})
    assert edges(out, "coInventorNetwork") == {(INV_A, INV_B, 2), (INV_B, INV_C, 1)}
    nodes = {n["id"]: n for n in out["coInventorNetwork"]["nodes"]}  # type: ignore[index]
    assert (nodes[INV_B]["weight"], nodes[INV_B]["label"]) == (3, "李四")
    assert nodes[INV_A]["centre"] is True
    out, _ = await run(agraph, NATIONAL, COINV, {"inst": U1})
    # U1's inventors, their co-inventions anywhere (P10 with 赵六 of U3).
    assert edges(out, "coInventorNetwork") == {
        (INV_A, INV_B, 2),
        (INV_B, INV_C, 1),
        (INV_C, INV_D, 1),
    }


@pytest.mark.parametrize(
    ("role", "scope", "expected"),
    [
        (Role.INSTITUTION, U2, {(INV_C, INV_D, 1)}),  # only the open-licence P10
        (Role.MINISTRY, "MOE", {(INV_B, INV_C, 1), (INV_C, INV_D, 1)}),
        (Role.ANONYMOUS, None, {(INV_C, INV_D, 1)}),
    ],
)
async def test_co_inventor_scope(
    agraph: AsyncGraph, data: Graph, role: Role, scope: str | None, expected: set[Any]
) -> None:
    out, errors = await run(agraph, principal(role, scope), COINV, {"inv": INV_C})
    assert errors == []
    assert edges(out, "coInventorNetwork") == expected


async def test_co_inventor_not_found(agraph: AsyncGraph, data: Graph) -> None:
    _, errors = await run(agraph, principal(Role.INSTITUTION, U2), COINV, {"inv": INV_A})
    assert errors == ["NOT_FOUND"]
    _, errors = await run(agraph, NATIONAL, COINV, {"inv": "nobody"})
    assert errors == ["NOT_FOUND"]
