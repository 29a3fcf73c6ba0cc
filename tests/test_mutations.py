"""Workflow mutations: success, every error code, scope, and the audit entry written in
the same transaction (none for a refused step)."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from graph.db import AsyncGraph, Graph
from graph.vocab import Role
from hub.auth.principal import Principal
from tests.analytics_fixture import E1, E2, NATIONAL, U1, U2, U3, P, agraph, data, principal, run
from tests.conftest_http import TokenMinter, bearer

__all__ = ["agraph", "data"]

INST1 = principal(Role.INSTITUTION, U1)
INST2 = principal(Role.INSTITUTION, U2)
INST3 = principal(Role.INSTITUTION, U3)
ENT1 = principal(Role.ENTERPRISE, E1)
X1 = principal(Role.EXPERT, "X1")
ZJ = principal(Role.PROVINCE, "33")
BJ = principal(Role.PROVINCE, "11")


def audit(graph: Graph, action: str | None = None) -> list[dict[str, Any]]:
    return graph.read(
        "MATCH (a:AuditEntry) WHERE $action IS NULL OR a.action = $action "
        "RETURN a {.*} AS a ORDER BY a.at",
        {"action": action},
    )


async def expect(
    agraph: AsyncGraph,
    graph: Graph,
    who: Principal,
    query: str,
    variables: dict[str, Any],
    code: str,
) -> None:
    """The step is refused with ``code`` and leaves no audit entry."""
    before = len(audit(graph))
    _, errors = await run(agraph, who, query, variables)
    assert errors == [code], variables
    assert len(audit(graph)) == before


# --- recordInventory ---------------------------------------------------------------------

INVENTORY = """
mutation ($input: InventoryInput!) {
  recordInventory(input: $input) { appNo inventoryState transferable }
}
"""


def inv(n: int, **extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "appNo": P[n],
        "implStatuses": ["NOT_IMPLEMENTED"],
        "intents": ["LICENCE"],
        "intentDetails": ["OPEN_LICENCE"],
        "maturity": "PILOT",
        "rating": 2,
    }
    base.update(extra)
    return {"input": base}


async def test_record_inventory(agraph: AsyncGraph, data: Graph) -> None:
    out, errors = await run(agraph, INST2, INVENTORY, inv(6))
    assert errors == []
    assert out == {
        "recordInventory": {"appNo": P[6], "inventoryState": "SCREENED_IN", "transferable": True}
    }
    row = data.read("MATCH (p:Patent {appNo: $a}) RETURN p {.*} AS p", {"a": P[6]})[0]["p"]
    assert (row["maturity"], row["rating"], row["intents"]) == ("PILOT", 2, ["LICENCE"])
    entries = audit(data, "recordInventory")
    assert len(entries) == 1
    a = entries[0]["a"]
    assert (a["actorRole"], a["actorScope"], a["actorSubject"], a["target"]) == (
        "INSTITUTION",
        U2,
        f"test:INSTITUTION:{U2}",
        P[6],
    )
    assert json.loads(a["args"])["maturity"] == "PILOT"
    # Screened out: nothing else may be filled, and it leaves the catalogue.
    out, errors = await run(
        agraph,
        INST2,
        INVENTORY,
        {"input": {"appNo": P[6], "implStatuses": ["UNSUITABLE"]}},
    )
    assert errors == []
    assert out["recordInventory"]["transferable"] is False  # type: ignore[index]


@pytest.mark.parametrize(
    ("who", "variables", "code"),
    [
        (INST2, inv(1), "NOT_FOUND"),  # INST1's patent: not visible to INST2
        (INST2, inv(10), "FORBIDDEN"),  # INST3's open-licence patent: visible, not INST2's
        (ENT1, inv(6), "FORBIDDEN"),
        (NATIONAL, inv(6), "FORBIDDEN"),
        (INST2, inv(6, rating=4), "BAD_USER_INPUT"),  # 4 stars need product and prospect
        (INST2, inv(6, rating=6), "BAD_USER_INPUT"),
        (INST2, inv(6, maturity=None), "BAD_USER_INPUT"),
        (INST2, inv(6, implStatuses=["UNSUITABLE"]), "BAD_USER_INPUT"),  # intents must be empty
        (INST2, inv(6, implStatuses=["LICENSED"]), "BAD_USER_INPUT"),  # amount required
        (INST2, inv(6, implStatuses=[]), "BAD_USER_INPUT"),
        (INST2, inv(6, intents=["TRANSFER"], intentDetails=["OPEN_LICENCE"]), "BAD_USER_INPUT"),
        (INST2, inv(6, appNo="12345"), "BAD_USER_INPUT"),
    ],
)
async def test_record_inventory_refused(
    agraph: AsyncGraph, data: Graph, who: Principal, variables: dict[str, Any], code: str
) -> None:
    await expect(agraph, data, who, INVENTORY, variables, code)


async def test_record_inventory_four_stars_with_descriptions(
    agraph: AsyncGraph, data: Graph
) -> None:
    v = inv(
        7,
        rating=4,
        productDesc="污泥减量设备",
        prospectDesc="市政污水市场广阔",
        implStatuses=["LICENSED"],
        implAmount=12.5,
    )
    _, errors = await run(agraph, INST2, INVENTORY, v)
    assert errors == []
    row = data.read("MATCH (p:Patent {appNo: $a}) RETURN p {.*} AS p", {"a": P[7]})[0]["p"]
    assert (row["implemented"], row["implAmount"]) == (True, 12.5)


# --- submitEvaluation --------------------------------------------------------------------

EVALUATE = """
mutation ($input: EvaluationInput!) { submitEvaluation(input: $input) { id appNo } }
"""


def ev(n: int, **extra: Any) -> dict[str, Any]:
    return {"input": {"appNo": P[n], "prospect": 4, "willingness": "MODERATE", "score": 75} | extra}


async def test_submit_evaluation(agraph: AsyncGraph, data: Graph) -> None:
    out, errors = await run(agraph, ENT1, EVALUATE, ev(5))
    assert errors == []
    new_id = out["submitEvaluation"]["id"]  # type: ignore[index]
    rows = data.read(
        "MATCH (:Enterprise {creditCode: $e})-[:SUBMITTED]->(v:Evaluation {id: $id})"
        "-[:EVALUATES]->(p:Patent) RETURN p.appNo AS a, v.evaluatorKind AS k, v.prospect AS s",
        {"e": E1, "id": new_id},
    )
    assert rows == [{"a": P[5], "k": "ENTERPRISE", "s": 4}]
    assert audit(data, "submitEvaluation")[0]["a"]["target"] == P[5]
    # Expert on an assigned patent.
    out, errors = await run(agraph, X1, EVALUATE, ev(2))
    assert errors == []
    await expect(agraph, data, ENT1, EVALUATE, ev(5), "CONFLICT")  # second time


@pytest.mark.parametrize(
    ("who", "variables", "code"),
    [
        (ENT1, ev(6), "NOT_FOUND"),  # not transferable, not pushed: invisible
        (X1, ev(10), "FORBIDDEN"),  # open licence: visible, but not assigned to X1
        (X1, ev(5), "NOT_FOUND"),
        (X1, ev(1), "CONFLICT"),  # X1 already evaluated P1 (V3)
        (INST1, ev(1), "FORBIDDEN"),
        (ENT1, ev(5, prospect=7), "BAD_USER_INPUT"),
        (ENT1, ev(5, score=101), "BAD_USER_INPUT"),
    ],
)
async def test_submit_evaluation_refused(
    agraph: AsyncGraph, data: Graph, who: Principal, variables: dict[str, Any], code: str
) -> None:
    await expect(agraph, data, who, EVALUATE, variables, code)


# --- assignExperts / pushPatents ---------------------------------------------------------

ASSIGN = """
mutation ($a: [String!]!, $x: [String!]!) {
  assignExperts(appNos: $a, expertIds: $x) { assignments created }
}
"""


async def test_assign_experts(agraph: AsyncGraph, data: Graph) -> None:
    out, errors = await run(agraph, BJ, ASSIGN, {"a": [P[4], P[1]], "x": ["X1"]})
    assert errors == []
    assert out == {"assignExperts": {"assignments": 2, "created": 1}}  # P1 was assigned
    out, _ = await run(agraph, BJ, ASSIGN, {"a": [P[4]], "x": ["X1"]})
    assert out == {"assignExperts": {"assignments": 1, "created": 0}}
    assert len(audit(data, "assignExperts")) == 2
    # The expert can now evaluate P4.
    _, errors = await run(agraph, X1, EVALUATE, ev(4))
    assert errors == []


@pytest.mark.parametrize(
    ("who", "variables", "code"),
    [
        (ZJ, {"a": [P[4]], "x": ["X2"]}, "NOT_FOUND"),  # P4: Beijing, not transferable
        (ZJ, {"a": [P[5]], "x": ["X1"]}, "NOT_FOUND"),  # X1 is a Beijing expert
        (NATIONAL, {"a": [P[5]], "x": ["X9"]}, "NOT_FOUND"),
        (INST1, {"a": [P[1]], "x": ["X1"]}, "FORBIDDEN"),
        (NATIONAL, {"a": [], "x": ["X1"]}, "BAD_USER_INPUT"),
        (NATIONAL, {"a": ["bad"], "x": ["X1"]}, "BAD_USER_INPUT"),
    ],
)
async def test_assign_experts_refused(
    agraph: AsyncGraph, data: Graph, who: Principal, variables: dict[str, Any], code: str
) -> None:
    await expect(agraph, data, who, ASSIGN, variables, code)


PUSH = """
mutation ($e: String!, $items: [PushItem!]!) {
  pushPatents(creditCode: $e, items: $items) { creditCode pushed }
}
"""


async def test_push_patents(agraph: AsyncGraph, data: Graph) -> None:
    items = [{"appNo": P[1], "score": 76.31, "reasons": ["共同IPC前缀 H01M"]}]
    out, errors = await run(agraph, ZJ, PUSH, {"e": E1, "items": items})
    assert errors == []
    assert out == {"pushPatents": {"creditCode": E1, "pushed": 1}}
    rel = data.read(
        "MATCH (:Patent {appNo: $a})-[r:PUSHED_TO]->(:Enterprise {creditCode: $e}) "
        "RETURN r {.*} AS r",
        {"a": P[1], "e": E1},
    )[0]["r"]
    assert (rel["score"], rel["reasons"]) == (76.31, ["共同IPC前缀 H01M"])
    assert audit(data, "pushPatents")[0]["a"]["target"] == E1


@pytest.mark.parametrize(
    ("who", "variables", "code"),
    [
        (ZJ, {"e": E2, "items": [{"appNo": P[1], "score": 50}]}, "NOT_FOUND"),  # E2: Beijing
        (ZJ, {"e": E1, "items": [{"appNo": P[2], "score": 50}]}, "NOT_FOUND"),  # P2 invisible
        (
            NATIONAL,
            {"e": E1, "items": [{"appNo": P[2], "score": 50}]},
            "CONFLICT",
        ),  # not transferable
        (NATIONAL, {"e": E1, "items": [{"appNo": P[1], "score": 150}]}, "BAD_USER_INPUT"),
        (NATIONAL, {"e": E1, "items": []}, "BAD_USER_INPUT"),
        (ENT1, {"e": E1, "items": [{"appNo": P[1], "score": 50}]}, "FORBIDDEN"),
    ],
)
async def test_push_patents_refused(
    agraph: AsyncGraph, data: Graph, who: Principal, variables: dict[str, Any], code: str
) -> None:
    await expect(agraph, data, who, PUSH, variables, code)


# --- registerTransaction -----------------------------------------------------------------

REGISTER = """
mutation ($input: TransactionInput!) { registerTransaction(input: $input) { id quarter } }
"""


def tx(n: int, **extra: Any) -> dict[str, Any]:
    base = {
        "appNo": P[n],
        "kind": "ORDINARY_LICENCE",
        "buyerCreditCode": E2,
        "date": "2024-08-01",
        "registered": True,
        "paymentMode": "LUMP_SUM",
        "amount": 20.0,
    }
    return {"input": base | extra}


async def test_register_transaction(agraph: AsyncGraph, data: Graph) -> None:
    out, errors = await run(agraph, INST2, REGISTER, tx(6, id="2024SC000123"))
    assert errors == []
    assert out == {"registerTransaction": {"id": "2024SC000123", "quarter": "2024Q3"}}
    rows = data.read(
        "MATCH (t:Transaction {id: '2024SC000123'})-[:OF_PATENT]->(p:Patent), "
        "(t)-[:SELLER]->(i:Institution), (t)-[:BUYER]->(e:Enterprise) "
        "RETURN p.appNo AS a, i.id AS i, e.creditCode AS e, p.implemented AS impl",
    )
    assert rows == [{"a": P[6], "i": U2, "e": E2, "impl": True}]
    out, errors = await run(agraph, NATIONAL, REGISTER, tx(2, kind="TRANSFER"))
    assert errors == []
    assert out["registerTransaction"]["id"].startswith("TX-")  # type: ignore[index]
    assert [e["a"]["action"] for e in audit(data)] == ["registerTransaction"] * 2
    # The conversion figures now count the filed licence in Zhejiang's 2024Q3.
    out, _ = await run(
        agraph,
        NATIONAL,
        'query { conversionFigures(quarters: ["2024Q3"], by: PROVINCE) '
        "{ key quarters { licenceFilings transferRegistrations } } }",
    )
    rows_ = {r["key"]: r["quarters"][0] for r in out["conversionFigures"]}  # type: ignore[index]
    assert rows_["33"] == {"licenceFilings": 1, "transferRegistrations": 0}
    assert rows_["11"] == {"licenceFilings": 0, "transferRegistrations": 1}


@pytest.mark.parametrize(
    ("who", "variables", "code"),
    [
        (INST2, tx(1), "NOT_FOUND"),
        (INST2, tx(10), "FORBIDDEN"),
        (ENT1, tx(5), "FORBIDDEN"),
        (ZJ, tx(5), "FORBIDDEN"),
        (INST2, tx(5, id="T2"), "CONFLICT"),  # already registered
        (NATIONAL, tx(1, kind="TRANSFER"), "CONFLICT"),  # P1 was transferred (T1)
        (INST3, tx(10, kind="EXCLUSIVE_LICENCE"), "CONFLICT"),  # open licence
        (INST2, tx(5, buyerCreditCode="91000000MA99999999"), "NOT_FOUND"),
        (INST2, tx(5, date="2999-01-01"), "BAD_USER_INPUT"),
        (INST2, tx(5, paymentMode="ROYALTY"), "BAD_USER_INPUT"),
        (INST2, tx(5, amount=-1), "BAD_USER_INPUT"),
    ],
)
async def test_register_transaction_refused(
    agraph: AsyncGraph, data: Graph, who: Principal, variables: dict[str, Any], code: str
) -> None:
    await expect(agraph, data, who, REGISTER, variables, code)


# --- open licences -----------------------------------------------------------------------

DECLARE = "mutation ($a: String!) { declareOpenLicence(appNo: $a, fee: 2.0) { appNo openLicence } }"
WITHDRAW = "mutation ($a: String!) { withdrawOpenLicence(appNo: $a) { appNo openLicence } }"


async def test_open_licence_round_trip(agraph: AsyncGraph, data: Graph) -> None:
    out, errors = await run(agraph, INST2, DECLARE, {"a": P[6]})
    assert (errors, out) == ([], {"declareOpenLicence": {"appNo": P[6], "openLicence": True}})
    # Now everyone, even anonymous, sees it.
    consensus = "query ($a: String!) { evaluationConsensus(appNo: $a) { count } }"
    out, errors = await run(agraph, principal(Role.ANONYMOUS), consensus, {"a": P[6]})
    assert (errors, out) == ([], {"evaluationConsensus": {"count": 0}})
    await expect(agraph, data, INST2, DECLARE, {"a": P[6]}, "CONFLICT")
    out, errors = await run(agraph, INST2, WITHDRAW, {"a": P[6]})
    assert (errors, out) == ([], {"withdrawOpenLicence": {"appNo": P[6], "openLicence": False}})
    await expect(agraph, data, INST2, WITHDRAW, {"a": P[6]}, "CONFLICT")
    _, errors = await run(agraph, principal(Role.ANONYMOUS), consensus, {"a": P[6]})
    assert errors == ["NOT_FOUND"]
    assert [e["a"]["action"] for e in audit(data)] == ["declareOpenLicence", "withdrawOpenLicence"]


@pytest.mark.parametrize(
    ("who", "query", "n", "code"),
    [
        (INST3, DECLARE, 9, "CONFLICT"),  # P9 has an exclusive licence (T4)
        (INST3, DECLARE, 11, "CONFLICT"),  # P11 has expired
        (INST2, DECLARE, 1, "NOT_FOUND"),
        (INST2, WITHDRAW, 10, "FORBIDDEN"),  # INST3's
        (NATIONAL, DECLARE, 6, "FORBIDDEN"),
    ],
)
async def test_open_licence_refused(
    agraph: AsyncGraph, data: Graph, who: Principal, query: str, n: int, code: str
) -> None:
    await expect(agraph, data, who, query, {"a": P[n]}, code)


# --- stateTechNeed -----------------------------------------------------------------------

NEED = """
mutation ($t: String!, $ipc: [String!]) { stateTechNeed(text: $t, ipcPrefixes: $ipc) { id } }
"""


async def test_state_tech_need_feeds_matching(agraph: AsyncGraph, data: Graph) -> None:
    out, errors = await run(agraph, ENT1, NEED, {"t": "污水处理装置的节能改造", "ipc": ["c02f"]})
    assert errors == []
    rows = data.read(
        "MATCH (:Enterprise {creditCode: $e})-[:STATES]->(n:TechNeed {id: $id}) RETURN n {.*} AS n",
        {"e": E1, "id": out["stateTechNeed"]["id"]},  # type: ignore[index]
    )
    assert rows[0]["n"]["ipcPrefixes"] == ["C02F"]
    assert audit(data, "stateTechNeed")[0]["a"]["actorScope"] == E1
    matches, _ = await run(
        agraph,
        ENT1,
        "query ($e: String!) "
        "{ patentMatches(creditCode: $e) { patent { appNo } reasons { kind } } }",
        {"e": E1},
    )
    p5 = next(m for m in matches["patentMatches"] if m["patent"]["appNo"] == P[5])  # type: ignore[index]
    assert "SHARED_IPC" in {r["kind"] for r in p5["reasons"]}


@pytest.mark.parametrize(
    ("who", "variables", "code"),
    [
        (ENT1, {"t": "  "}, "BAD_USER_INPUT"),
        (ENT1, {"t": "锂电池"}, "BAD_USER_INPUT"),
        (ENT1, {"t": "锂电池正极材料", "ipc": ["XYZ"]}, "BAD_USER_INPUT"),
        (ZJ, {"t": "锂电池正极材料"}, "FORBIDDEN"),
        (principal(Role.ENTERPRISE, "91000000MA99999999"), {"t": "锂电池正极材料"}, "FORBIDDEN"),
    ],
)
async def test_state_tech_need_refused(
    agraph: AsyncGraph, data: Graph, who: Principal, variables: dict[str, Any], code: str
) -> None:
    await expect(agraph, data, who, NEED, variables, code)


# --- auditTrail --------------------------------------------------------------------------

TRAIL = """
query ($first: Int! = 20, $after: String, $action: String, $actor: String) {
  auditTrail(first: $first, after: $after, action: $action, actor: $actor) {
    totalCount hasNextPage endCursor
    edges { node { action target actorRole actorScope args } }
  }
}
"""


async def test_audit_trail(agraph: AsyncGraph, data: Graph) -> None:
    await run(agraph, INST2, DECLARE, {"a": P[6]})
    await run(agraph, INST2, WITHDRAW, {"a": P[6]})
    await run(agraph, ENT1, NEED, {"t": "锂电池正极材料"})
    out, errors = await run(agraph, NATIONAL, TRAIL, {"first": 2})
    assert errors == []
    t = out["auditTrail"]  # type: ignore[index]
    assert t["totalCount"] == 3 and t["hasNextPage"] is True
    assert [e["node"]["action"] for e in t["edges"]] == ["stateTechNeed", "withdrawOpenLicence"]
    out, _ = await run(agraph, NATIONAL, TRAIL, {"first": 2, "after": t["endCursor"]})
    t = out["auditTrail"]  # type: ignore[index]
    assert [e["node"]["action"] for e in t["edges"]] == ["declareOpenLicence"]
    assert t["edges"][0]["node"]["args"] == {"fee": 2.0}
    assert t["hasNextPage"] is False
    out, _ = await run(agraph, NATIONAL, TRAIL, {"actor": U2})
    assert out["auditTrail"]["totalCount"] == 2  # type: ignore[index]
    out, _ = await run(agraph, NATIONAL, TRAIL, {"action": "stateTechNeed"})
    assert out["auditTrail"]["edges"][0]["node"]["actorScope"] == E1  # type: ignore[index]


@pytest.mark.parametrize("who", [ZJ, INST1, ENT1, X1, principal(Role.MINISTRY, "MOE")])
async def test_audit_trail_is_national_only(
    agraph: AsyncGraph, data: Graph, who: Principal
) -> None:
    _, errors = await run(agraph, who, TRAIL)
    assert errors == ["FORBIDDEN"]


async def test_audit_trail_bad_cursor(agraph: AsyncGraph, data: Graph) -> None:
    _, errors = await run(agraph, NATIONAL, TRAIL, {"after": "e30="})
    assert errors == ["BAD_USER_INPUT"]


# --- over HTTP ---------------------------------------------------------------------------


def test_workflow_over_http(hub_server: str, mint_token: TokenMinter, data: Graph) -> None:
    """Token → principal → scoped statistics, mutation and audit trail, end to end."""
    u2 = bearer(mint_token("INSTITUTION", U2))
    nat = bearer(mint_token("NATIONAL"))
    zj = bearer(mint_token("PROVINCE", "33"))

    def post(headers: dict[str, str], query: str, variables: dict[str, Any]) -> dict[str, Any]:
        r = httpx.post(
            f"{hub_server}/graphql",
            json={"query": query, "variables": variables},
            headers=headers,
            timeout=30,
        )
        body: dict[str, Any] = r.json()
        return body

    body = post(u2, INVENTORY, inv(6))
    assert body.get("errors") is None
    assert body["data"]["recordInventory"]["transferable"] is True
    body = post(u2, INVENTORY, inv(1))
    assert [e["extensions"]["code"] for e in body["errors"]] == ["NOT_FOUND"]
    body = post(
        zj,
        'query { inventoryProgress(asOf: "2024-07-01", by: INSTITUTION) '
        "{ rows { key inventoried } } }",
        {},
    )
    rows = {r["key"]: r["inventoried"] for r in body["data"]["inventoryProgress"]["rows"]}
    assert rows == {U2: 2, U3: 0}  # P6 now inventoried; INST1 not counted
    body = post(zj, TRAIL, {})
    assert [e["extensions"]["code"] for e in body["errors"]] == ["FORBIDDEN"]
    body = post(nat, TRAIL, {})
    entry = body["data"]["auditTrail"]["edges"][0]["node"]
    assert (entry["action"], entry["actorRole"], entry["actorScope"]) == (
        "recordInventory",
        "INSTITUTION",
        U2,
    )
