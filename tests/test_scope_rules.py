"""Every entity has a scope rule for every role, and the rules select what they say."""

from __future__ import annotations

import pytest

from graph import scope
from graph.db import Graph
from graph.vocab import Role
from hub.auth.principal import Principal


@pytest.mark.parametrize("entity", sorted(scope.VARIABLES))
@pytest.mark.parametrize("role", list(Role))
def test_every_entity_has_a_rule_for_every_role(entity: str, role: Role) -> None:
    text = scope.predicate(entity, role)
    assert text.startswith("(") and len(text) > 2
    if role in (Role.NATIONAL, Role.ANONYMOUS):
        assert "$scope" not in text
    else:
        assert "$scope" in text or text == "(false)"


def _visible(graph: Graph, principal: Principal) -> list[str]:
    where = scope.predicate("patent", principal.role)
    rows = graph.read(
        f"MATCH (p:Patent) WHERE {where} RETURN p.appNo AS appNo ORDER BY appNo",
        scope.params(principal.params()),
    )
    return [r["appNo"] for r in rows]


def test_patent_rules_on_a_small_graph(graph: Graph) -> None:
    graph.write(
        """
        CREATE (:Patent {appNo: 'A', provinceCode: '11', ministryCode: 'MOE',
                         institutionId: 'U1', transferable: false, openLicence: false})
        CREATE (:Patent {appNo: 'B', provinceCode: '33', ministryCode: null,
                         institutionId: 'U2', transferable: true, openLicence: false})
        CREATE (:Patent {appNo: 'C', provinceCode: '44', ministryCode: 'CAS',
                         institutionId: 'U3', transferable: false, openLicence: true})
        CREATE (d:Patent {appNo: 'D', provinceCode: '44', ministryCode: 'CAS',
                          institutionId: 'U3', transferable: false, openLicence: false})
        CREATE (:Expert {id: 'X1'})-[:ASSIGNED]->(d)
        CREATE (d)-[:PUSHED_TO]->(:Enterprise {creditCode: 'E1'})
        """
    )
    assert _visible(graph, Principal(Role.NATIONAL)) == ["A", "B", "C", "D"]
    assert _visible(graph, Principal(Role.MINISTRY, "MOE")) == ["A", "C"]
    assert _visible(graph, Principal(Role.MINISTRY, "CAS")) == ["C", "D"]
    assert _visible(graph, Principal(Role.PROVINCE, "11")) == ["A", "B", "C"]
    assert _visible(graph, Principal(Role.PROVINCE, "44")) == ["B", "C", "D"]
    assert _visible(graph, Principal(Role.INSTITUTION, "U2")) == ["B", "C"]
    assert _visible(graph, Principal(Role.ENTERPRISE, "E1")) == ["B", "C", "D"]
    assert _visible(graph, Principal(Role.ENTERPRISE, "E2")) == ["B", "C"]
    assert _visible(graph, Principal(Role.EXPERT, "X1")) == ["C", "D"]
    assert _visible(graph, Principal(Role.ANONYMOUS)) == ["C"]
