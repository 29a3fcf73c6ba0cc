"""Explainable matching on the known graph: ranking, reasons with weights, scope."""

from __future__ import annotations

from typing import Any

import pytest

from graph.db import AsyncGraph, Graph
from graph.fulltext import any_words
from graph.vocab import Role
from tests.analytics_fixture import E1, E2, E3, NATIONAL, U1, P, agraph, data, principal, run

__all__ = ["agraph", "data"]

MATCH = """
query ($code: String!, $first: Int! = 20) {
  patentMatches(creditCode: $code, first: $first) {
    patent { appNo title } score
    reasons { kind weight value contribution detail }
  }
}
"""


def reasons(match: dict[str, Any]) -> dict[str, float]:
    return {r["kind"]: r["contribution"] for r in match["reasons"]}


async def test_ranking_and_reasons_for_national(agraph: AsyncGraph, data: Graph) -> None:
    out, errors = await run(agraph, NATIONAL, MATCH, {"code": E1})
    assert errors == []
    matches = out["patentMatches"]  # type: ignore[index]
    # Only transferable patents: P1 and P5 (P2 is not, P10 is open-licence only).
    assert [m["patent"]["appNo"] for m in matches] == [P[1], P[5]]
    p1, p5 = matches
    # P1: H01M shared (30), industry 38 shared (25), 8 of the need's 11 bigrams (一种 and 方法
    # are boilerplate; 25 × 0.7273),
    # E2 (same industry) rated it 2★ (10 × 0.4); Beijing vs Zhejiang: no location.
    assert reasons(p1) == {
        "SHARED_IPC": 30.0,
        "SHARED_INDUSTRY": 25.0,
        "TEXT_SIMILARITY": 18.18,
        "PRIOR_EVALUATIONS": 4.0,
    }
    assert p1["score"] == 77.18
    ipc = next(r for r in p1["reasons"] if r["kind"] == "SHARED_IPC")
    assert (ipc["weight"], ipc["value"]) == (30.0, 1.0) and "H01M" in ipc["detail"]
    # P5: only the section C is shared (0.6) and the province; "一种" is boilerplate.
    assert reasons(p5) == {"SHARED_INDUSTRY": 15.0, "SAME_PROVINCE": 10.0}
    assert p5["score"] == 25.0


async def test_enterprise_sees_no_other_enterprises_evaluations(
    agraph: AsyncGraph, data: Graph
) -> None:
    out, errors = await run(agraph, principal(Role.ENTERPRISE, E1), MATCH, {"code": E1})
    assert errors == []
    p1 = out["patentMatches"][0]  # type: ignore[index]
    assert "PRIOR_EVALUATIONS" not in reasons(p1)
    assert p1["score"] == 73.18
    # Zhejiang does not see E2's (Beijing) evaluation of a Beijing patent either.
    out, _ = await run(agraph, principal(Role.PROVINCE, "33"), MATCH, {"code": E1})
    assert out["patentMatches"][0]["score"] == 73.18  # type: ignore[index]


async def test_first_limits(agraph: AsyncGraph, data: Graph) -> None:
    out, _ = await run(agraph, NATIONAL, MATCH, {"code": E1, "first": 1})
    assert [m["patent"]["appNo"] for m in out["patentMatches"]] == [P[1]]  # type: ignore[index]


async def test_enterprise_without_needs_or_industries(agraph: AsyncGraph, data: Graph) -> None:
    # E3 only has its location: P5 is in Zhejiang.
    out, errors = await run(agraph, NATIONAL, MATCH, {"code": E3})
    assert errors == []
    assert out["patentMatches"] == []  # type: ignore[index]


@pytest.mark.parametrize(
    ("role", "scope", "code", "error"),
    [
        (Role.ENTERPRISE, E2, E1, "NOT_FOUND"),  # another enterprise: does not exist for it
        (Role.PROVINCE, "11", E1, "NOT_FOUND"),  # E1 is in Zhejiang
        (Role.INSTITUTION, U1, E1, "FORBIDDEN"),
        (Role.EXPERT, "X1", E1, "FORBIDDEN"),
        (Role.ANONYMOUS, None, E1, "FORBIDDEN"),
        (Role.NATIONAL, None, "91000000MA99999999", "NOT_FOUND"),
        (Role.NATIONAL, None, " ", "BAD_USER_INPUT"),
    ],
)
async def test_matching_errors(
    agraph: AsyncGraph, data: Graph, role: Role, scope: str | None, code: str, error: str
) -> None:
    _, errors = await run(agraph, principal(role, scope), MATCH, {"code": code})
    assert errors == [error]


def test_full_text_query_of_a_need_escapes_its_syntax() -> None:
    assert any_words('电池 AND (正极) "x"') == '电池 and \\(正极\\) \\"x\\"'
