"""A small known graph for the analytics tests, and a way to run GraphQL on it.

Every figure the tests expect can be worked out by hand from ``FIXTURE`` (see the
comments there). Three institutions in two provinces, eleven patents, two enterprises,
two experts, four deals, two product filings, three evaluations, four inventors.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio

from graph import rollups
from graph.config import Neo4jSettings
from graph.db import AsyncGraph, Graph
from graph.ingest.values import make_app_no
from graph.vocab import Role
from hub.auth.principal import Principal
from hub.context import Context
from hub.schema import build_schema


def app(n: int) -> str:
    """Application number of fixture patent ``n`` (P1 … P11)."""
    return make_app_no(f"2019100000{n:02d}")


P = {n: app(n) for n in range(1, 12)}
U1 = "4111010001"  # Beijing, MOE, pilot + demonstration university
U2 = "4133010002"  # Zhejiang, locally run
U3 = "RI-ZJ0003"  # Zhejiang research institute under MOE
INV_A, INV_B, INV_C, INV_D = (f"{U1}/张三", f"{U1}/李四", f"{U1}/王五", f"{U3}/赵六")
E1 = "91330000MA00000011"  # Zhejiang, industry 38 (electrical machinery)
E2 = "91110000MA00000022"  # Beijing, industry 38 too ("similar" to E1)
E3 = "91330000MA00000033"  # Zhejiang, no deals, no evaluations

FIXTURE = """
CREATE (bj:Province {code: '11', name: '北京市'}), (zj:Province {code: '33', name: '浙江省'})
CREATE (moe:Ministry {code: 'MOE', name: '教育部', central: true})
CREATE (c:Industry {id: 'GBT4754:C', scheme: 'GBT4754', code: 'C', name: '制造业', level: 1})
CREATE (c38:Industry {id: 'GBT4754:38', scheme: 'GBT4754', code: '38',
                      name: '电气机械和器材制造业', level: 2})-[:PART_OF]->(c)
CREATE (ii:Industry {id: 'GBT4754:I', scheme: 'GBT4754', code: 'I',
                     name: '信息传输、软件和信息技术服务业', level: 1})
CREATE (s1:Industry {id: 'SEI2018:1', scheme: 'SEI2018', code: '1',
                     name: '新一代信息技术产业', level: 1})
CREATE (s11:Industry {id: 'SEI2018:1.1', scheme: 'SEI2018', code: '1.1',
                      name: '下一代信息网络产业', level: 2})-[:PART_OF]->(s1)

// U1 (4111010001): Beijing, MOE, pilot + demonstration. U2 (4133010002): Zhejiang,
// local. U3 (RI-ZJ0003): Zhejiang, MOE.
CREATE (u1:Institution {id: $u1, name: '北京甲大学', provinceCode: '11', ministryCode: 'MOE',
                        pilot: true, demonstration: true})-[:LOCATED_IN]->(bj)
CREATE (u2:Institution {id: $u2, name: '浙江乙大学', provinceCode: '33', ministryCode: null,
                        pilot: false, demonstration: false})-[:LOCATED_IN]->(zj)
CREATE (u3:Institution {id: $u3, name: '浙江丙研究所', provinceCode: '33', ministryCode: 'MOE',
                        pilot: false, demonstration: false})-[:LOCATED_IN]->(zj)
CREATE (u1)-[:SUPERVISED_BY]->(moe), (u3)-[:SUPERVISED_BY]->(moe)

WITH *
UNWIND $patents AS row
MATCH (owner:Institution {id: row.inst})
CREATE (p:Patent)
SET p = row.props, p.appNo = row.appNo, p.institutionId = owner.id,
    p.provinceCode = owner.provinceCode, p.ministryCode = owner.ministryCode
CREATE (p)-[:OWNED_BY {order: 1}]->(owner)
WITH p, row
UNWIND row.industries AS ind
MATCH (x:Industry {id: ind})
CREATE (p)-[:IN_INDUSTRY {source: 'DECLARED'}]->(x)
"""

FIXTURE_REST = """
MATCH (c38:Industry {id: 'GBT4754:38'}), (bj:Province {code: '11'}), (zj:Province {code: '33'})
MATCH (u1:Institution {id: $u1}), (u2:Institution {id: $u2}), (u3:Institution {id: $u3})
MATCH (p1:Patent {appNo: $p[0]}), (p2:Patent {appNo: $p[1]}), (p4:Patent {appNo: $p[3]}),
      (p5:Patent {appNo: $p[4]}), (p9:Patent {appNo: $p[8]}), (p10:Patent {appNo: $p[9]})
CREATE (e1:Enterprise {creditCode: $e1, name: '浙江锂能科技有限公司', provinceCode: '33'})
CREATE (e2:Enterprise {creditCode: $e2, name: '北京电气有限公司', provinceCode: '11'})
CREATE (e3:Enterprise {creditCode: $e3, name: '浙江新材料有限公司', provinceCode: '33'})
CREATE (e1)-[:LOCATED_IN]->(zj), (e2)-[:LOCATED_IN]->(bj), (e3)-[:LOCATED_IN]->(zj)
CREATE (e1)-[:IN_INDUSTRY]->(c38), (e2)-[:IN_INDUSTRY]->(c38)
CREATE (e1)-[:STATES]->(:TechNeed {id: 'N1', text: '一种锂电池正极材料的制备方法',
                                     ipcPrefixes: ['H01M']})
CREATE (x1:Expert {id: 'X1', name: '钱专家', provinceCode: '11'})-[:RECOMMENDED_BY]->(bj)
CREATE (x2:Expert {id: 'X2', name: '孙专家', provinceCode: '33'})-[:RECOMMENDED_BY]->(zj)
CREATE (x1)-[:ASSIGNED {at: datetime(), by: 'fixture'}]->(p1)
CREATE (x1)-[:ASSIGNED {at: datetime(), by: 'fixture'}]->(p2)

// Deals: T1 P1 transfer (Q1 2024), T2 + T3 P5 licences (Q2, T3 not filed), T4 P9 2023Q4.
CREATE (t1:Transaction {id: 'T1', kind: 'TRANSFER', amount: 50.0, date: date('2024-02-10'),
                        quarter: '2024Q1', registered: true})
CREATE (t1)-[:OF_PATENT]->(p1), (t1)-[:SELLER]->(u1), (t1)-[:BUYER]->(e1)
CREATE (t2:Transaction {id: 'T2', kind: 'ORDINARY_LICENCE', amount: 10.0,
                        date: date('2024-05-01'), quarter: '2024Q2', registered: true})
CREATE (t2)-[:OF_PATENT]->(p5), (t2)-[:SELLER]->(u2), (t2)-[:BUYER]->(e1)
CREATE (t3:Transaction {id: 'T3', kind: 'ORDINARY_LICENCE', amount: 5.0,
                        date: date('2024-06-01'), quarter: '2024Q2', registered: false})
CREATE (t3)-[:OF_PATENT]->(p5), (t3)-[:SELLER]->(u2), (t3)-[:BUYER]->(e2)
CREATE (t4:Transaction {id: 'T4', kind: 'EXCLUSIVE_LICENCE', amount: 8.0,
                        date: date('2023-11-01'), quarter: '2023Q4', registered: true})
CREATE (t4)-[:OF_PATENT]->(p9), (t4)-[:SELLER]->(u3), (t4)-[:BUYER]->(e2)
CREATE (e1)-[:FILED]->(:ProductFiling {id: 'F1', productName: '高效污水处理设备',
        date: date('2024-04-15'), quarter: '2024Q2'})-[:USES]->(p5)
CREATE (e2)-[:FILED]->(:ProductFiling {id: 'F2', productName: '正极材料',
        date: date('2024-03-01'), quarter: '2024Q1'})-[:USES]->(p1)

// Evaluations of P1: E1 4★ STRONG, E2 2★ WEAK, X1 5★ STRONG.
CREATE (e1)-[:SUBMITTED]->(:Evaluation {id: 'V1', evaluatorKind: 'ENTERPRISE', prospect: 4,
        score: 80.0, willingness: 'STRONG'})-[:EVALUATES]->(p1)
CREATE (e2)-[:SUBMITTED]->(:Evaluation {id: 'V2', evaluatorKind: 'ENTERPRISE', prospect: 2,
        score: 40.0, willingness: 'WEAK'})-[:EVALUATES]->(p1)
CREATE (x1)-[:SUBMITTED]->(:Evaluation {id: 'V3', evaluatorKind: 'EXPERT', prospect: 5,
        score: 90.0, willingness: 'STRONG'})-[:EVALUATES]->(p1)

// Inventors: A, B, C of U1; D of U3. P1, P2: A+B. P4: B+C. P10: C+D.
CREATE (a:Inventor {id: $u1 + '/张三', name: '张三', institutionId: $u1})
CREATE (b:Inventor {id: $u1 + '/李四', name: '李四', institutionId: $u1})
CREATE (c:Inventor {id: $u1 + '/王五', name: '王五', institutionId: $u1})
CREATE (d:Inventor {id: $u3 + '/赵六', name: '赵六', institutionId: $u3})
CREATE (a)-[:INVENTED]->(p1), (b)-[:INVENTED]->(p1), (a)-[:INVENTED]->(p2),
       (b)-[:INVENTED]->(p2), (b)-[:INVENTED]->(p4), (c)-[:INVENTED]->(p4),
       (c)-[:INVENTED]->(p10), (d)-[:INVENTED]->(p10)
"""


def _patent(n: int, inst: str, industries: list[str] | None = None, **props: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "title": f"专利{n}",
        "abstract": "",
        "legalStatus": "VALID",
        "inventoryState": "NOT_INVENTORIED",
        "transferable": False,
        "openLicence": False,
        "stateFunded": False,
        "implemented": False,
        "ipcMain": "G06F17/00",
    }
    base.update(props)
    return {"appNo": P[n], "inst": inst, "props": base, "industries": industries or []}


def patents() -> list[dict[str, Any]]:
    from datetime import date

    return [
        # U1 (Beijing, MOE, pilot): 4 valid patents, 3 inventoried, 2 screened in.
        _patent(
            1,
            U1,
            ["GBT4754:38", "SEI2018:1.1"],
            title="锂电池正极材料及其制备方法",
            abstract="提高容量",
            ipcMain="H01M4/58",
            ipcCodes=["H01M4/58"],
            inventoryState="SCREENED_IN",
            transferable=True,
            implemented=True,
            maturity="PILOT",
            rating=4,
            grantDate=date(2020, 1, 1),
        ),
        _patent(2, U1, ["GBT4754:I"], inventoryState="SCREENED_IN", maturity="SAMPLE", rating=2),
        _patent(
            3,
            U1,
            inventoryState="SCREENED_OUT",
            stateFunded=True,
            grantDate=date(2018, 1, 1),
            implStatuses=["OWNERSHIP_DISPUTE"],
        ),
        _patent(4, U1, ["GBT4754:C"], stateFunded=True, grantDate=date(2018, 5, 1)),
        # U2 (Zhejiang, local): 4 valid patents, 1 inventoried (screened in).
        _patent(
            5,
            U2,
            ["GBT4754:C"],
            title="一种污水处理装置",
            ipcMain="C02F1/00",
            inventoryState="SCREENED_IN",
            transferable=True,
            implemented=True,
            maturity="PILOT",
            rating=4,
        ),
        _patent(6, U2, stateFunded=True, grantDate=date(2017, 3, 1)),
        _patent(7, U2, stateFunded=True, grantDate=date(2020, 1, 1)),
        _patent(
            8,
            U2,
            stateFunded=True,
            grantDate=date(2018, 2, 1),
            implemented=True,
            implStatuses=["SELF_INDUSTRIALISED"],
        ),
        # U3 (Zhejiang, MOE): 2 valid patents (P10 under open licence), 1 expired.
        _patent(9, U3, stateFunded=True, grantDate=date(2019, 6, 30)),
        _patent(10, U3, ["GBT4754:38"], grantDate=date(2018, 1, 1), openLicence=True),
        _patent(11, U3, legalStatus="EXPIRED", stateFunded=True, grantDate=date(2010, 1, 1)),
    ]


def load(graph: Graph) -> None:
    from graph.migrate import wipe

    wipe(graph)
    ids = {"u1": U1, "u2": U2, "u3": U3}
    graph.write(FIXTURE, {"patents": patents(), **ids})
    graph.write(
        FIXTURE_REST, {"p": [P[n] for n in range(1, 12)], "e1": E1, "e2": E2, "e3": E3, **ids}
    )
    rollups.rebuild(graph)  # written around the hub: the statistics read roll-ups


# The hub's real schema (Query and Mutation merged from every group).
SCHEMA = build_schema()


def principal(role: Role, scope: str | None = None) -> Principal:
    return Principal(role, scope, subject=f"test:{role.value}:{scope}")


NATIONAL = principal(Role.NATIONAL)


async def run(
    agraph: AsyncGraph,
    who: Principal,
    query: str,
    variables: dict[str, Any] | None = None,
) -> tuple[dict[str, Any] | None, list[str]]:
    """Execute through the schema as ``who``: (data, error codes)."""
    ctx = Context(principal=who, graph=agraph, request_id="test")
    result = await SCHEMA.execute(query, variable_values=variables, context_value=ctx)
    codes = [
        str((e.extensions or {}).get("code", "INTERNAL:" + e.message)) for e in result.errors or []
    ]
    return result.data, codes


# --- fixtures (imported by the analytics test modules) -----------------------------------


@pytest_asyncio.fixture(scope="session")
async def agraph(settings: Neo4jSettings, session_graph: Graph) -> AsyncIterator[AsyncGraph]:
    # After session_graph: the server is up and its schema in place.
    g = await AsyncGraph.open(settings)
    yield g
    await g.close()


@pytest.fixture
def data(session_graph: Graph) -> Graph:
    """The known small graph (schema in place, everything else replaced)."""
    load(session_graph)
    return session_graph
