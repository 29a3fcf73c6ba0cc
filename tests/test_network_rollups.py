"""The institution–industry network reads per-institution industry counts from the
roll-ups; for every role its edges must be exactly those of walking every in-scope patent
(the scope rule of graph/cypher/scope/patent.cypher), co-owned patents, unit accounts and
patents seen through an enterprise's or expert's own relationships included."""

from __future__ import annotations

from typing import Any

import pytest

from graph import rollups
from graph.db import AsyncGraph, Graph
from graph.vocab import Role
from hub.auth.principal import Principal
from tests.analytics_fixture import (
    E1,
    E2,
    E3,
    NATIONAL,
    U1,
    U2,
    U3,
    P,
    agraph,
    load,
    principal,
    run,
)
from tests.network_walk import NETWORK, Edges, expected

__all__ = ["agraph"]

# Co-owned patents (one seen through its second owner), a unit's patent, a patent pushed
# to an enterprise that sees nothing else of its owner, one in the transferable catalogue.
CHANGES = """
MATCH (p4:Patent {appNo: $p4}), (p5:Patent {appNo: $p5}), (p2:Patent {appNo: $p2}),
      (p9:Patent {appNo: $p9}), (p3:Patent {appNo: $p3})
MATCH (e3:Enterprise {creditCode: $e3}), (ii:Industry {id: 'GBT4754:I'}),
      (s1:Industry {id: 'SEI2018:1.1'}), (u2:Institution {id: $u2}), (u3:Institution {id: $u3})
SET p4.coOwned = true, p4.institutionIds = [$u1, $u2], p4.provinceCodes = ['11', '33'],
    p4.ministryCodes = ['MOE']
SET p5.coOwned = true, p5.institutionIds = [$u2, $u3], p5.provinceCodes = ['33'],
    p5.ministryCodes = ['MOE']
CREATE (p4)-[:OWNED_BY {order: 2}]->(u2), (p5)-[:OWNED_BY {order: 2}]->(u3)
SET p2.unitIds = [$u1 + '/医学院']
SET p3.transferable = true
CREATE (p9)-[:IN_INDUSTRY {source: 'DECLARED'}]->(ii)
CREATE (p9)-[:IN_INDUSTRY {source: 'DECLARED'}]->(s1)
CREATE (p9)-[:PUSHED_TO]->(e3)
"""

PRINCIPALS = [
    NATIONAL,
    principal(Role.MINISTRY, "MOE"),
    principal(Role.MINISTRY, "CAS"),
    principal(Role.PROVINCE, "11"),
    principal(Role.PROVINCE, "33"),
    principal(Role.INSTITUTION, U1),
    principal(Role.INSTITUTION, U2),
    principal(Role.INSTITUTION, U3),
    Principal(Role.INSTITUTION, U1, subject="t", unit=f"{U1}/医学院"),
    Principal(Role.INSTITUTION, U1, subject="t", unit=f"{U1}/机械学院"),
    principal(Role.ENTERPRISE, E1),
    principal(Role.ENTERPRISE, E2),
    principal(Role.ENTERPRISE, E3),
    principal(Role.EXPERT, "X1"),
    principal(Role.ANONYMOUS),
]
CENTRES: list[dict[str, Any]] = [
    *({"inst": i} for i in (U1, U2, U3)),
    *({"ind": i} for i in ("GBT4754:C", "GBT4754:38", "GBT4754:I", "SEI2018:1")),
]


@pytest.fixture(scope="module")
def changed(session_graph: Graph) -> Graph:
    load(session_graph)
    session_graph.write(
        CHANGES,
        {"p2": P[2], "p3": P[3], "p4": P[4], "p5": P[5], "p9": P[9], "e3": E3}
        | {"u1": U1, "u2": U2, "u3": U3},
    )
    rollups.rebuild(session_graph)
    return session_graph


async def test_network_weights_equal_the_walk_of_in_scope_patents(
    agraph: AsyncGraph, changed: Graph
) -> None:
    compared = drawn = 0
    for who in PRINCIPALS:
        for centre in CENTRES:
            for depth in (1, 2):
                out, errors = await run(agraph, who, NETWORK, {**centre, "depth": depth})
                if errors:
                    # an institution centre the caller cannot see: nothing is drawn
                    assert errors == ["NOT_FOUND"] and "inst" in centre, (who, centre, errors)
                    continue
                assert out is not None
                got = {
                    (e["source"], e["target"], e["weight"])
                    for e in out["institutionIndustryNetwork"]["edges"]
                }
                assert got == expected(changed, who, centre, depth), (who, centre, depth)
                compared += 1
                drawn += bool(got)
    assert compared >= 150 and drawn >= 100  # most principals see most centres


async def test_network_counts_what_only_a_patent_walk_would_find(
    agraph: AsyncGraph, changed: Graph
) -> None:
    """The cases a roll-up class alone gets wrong, each checked by name."""

    async def edges(who: Principal, **centre: Any) -> Edges:
        out, errors = await run(agraph, who, NETWORK, {**centre, "depth": 1})
        assert errors == [] and out is not None
        return {
            (e["source"], e["target"], e["weight"])
            for e in out["institutionIndustryNetwork"]["edges"]
        }

    # E3 sees P9 (U3's, private) only because it was pushed to it.
    assert (U3, "GBT4754:I", 1) in await edges(principal(Role.ENTERPRISE, E3), ind="GBT4754:I")
    assert not any(
        s == U3 for s, _, _ in await edges(principal(Role.ENTERPRISE, E1), ind="GBT4754:I")
    )
    # U2 sees P4 (U1's first, private) as its co-owner: counted under U1.
    mine = await edges(principal(Role.INSTITUTION, U2), ind="GBT4754:C")
    assert (U1, "GBT4754:C", 1) in mine
    # The unit account sees its institution's patents of its unit only.
    unit = Principal(Role.INSTITUTION, U1, subject="t", unit=f"{U1}/医学院")
    whole = await edges(principal(Role.INSTITUTION, U1), inst=U1)
    part = await edges(unit, inst=U1)
    assert part != whole and all(
        w <= dict(((s, t), x) for s, t, x in whole)[(s, t)] for s, t, w in part
    )
