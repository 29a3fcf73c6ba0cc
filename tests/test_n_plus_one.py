"""A nested patent query costs the same number of statements for 5 or 50 patents.

Each relationship resolves through one batched, scoped DataLoader statement per
request, so ``AsyncGraph.round_trips`` must not grow with the page size.
"""

from __future__ import annotations

import pytest

from graph.db import AsyncGraph, Graph
from tests import schema_support
from tests.schema_support import NATIONAL, ZHEJIANG, ok, run

agraph = schema_support.agraph

BULK = """
MERGE (zj:Province {code: '33'}) SET zj.name = '浙江省'
MERGE (ind:Industry {id: 'SEI2018:5.2'}) SET ind.scheme = 'SEI2018', ind.code = '5.2',
  ind.name = '新能源汽车装置、配件制造', ind.level = 2
WITH zj, ind
UNWIND range(1, 10) AS k
MERGE (i:Institution {id: 'N1-U' + k})
  SET i.name = '测试大学' + k, i.provinceCode = '33', i.kind = 'UNIVERSITY'
MERGE (i)-[:LOCATED_IN]->(zj)
MERGE (e:Enterprise {creditCode: 'N1-E' + k})
  SET e.name = '测试企业' + k, e.provinceCode = '33'
WITH collect(i) AS insts, collect(e) AS ents, ind
UNWIND range(1, 60) AS n
WITH insts[n % 10] AS i, ents[n % 10] AS e, ind, n
CREATE (p:Patent {appNo: '2024' + right('0000000' + n, 8) + '.1', title: '一种锂电池测试专利' + n,
  type: 'INVENTION', grantDate: date('2024-01-01') + duration({days: n}), grantYear: 2024,
  institutionId: i.id, provinceCode: '33', transferable: n % 2 = 0, openLicence: false})
CREATE (p)-[:OWNED_BY {order: 1}]->(i)
CREATE (p)-[:IN_INDUSTRY {source: 'DERIVED'}]->(ind)
CREATE (a:Inventor {id: i.id + '/发明人' + n, name: '发明人' + n, institutionId: i.id})
CREATE (b:Inventor {id: i.id + '/合作者' + n, name: '合作者' + n, institutionId: i.id})
CREATE (a)-[:INVENTED {order: 1}]->(p)
CREATE (b)-[:INVENTED {order: 2}]->(p)
CREATE (v:Evaluation {id: 'N1-V' + n, evaluatorKind: 'ENTERPRISE', date: date('2024-06-01'),
  score: 70.0})
CREATE (e)-[:SUBMITTED]->(v)
CREATE (v)-[:EVALUATES]->(p)
"""

NESTED = """query($first: Int) { patents(first: $first) {
  totalCount
  edges { node {
    appNo title type { label }
    institution { id name province { name } }
    inventors { name }
    industries { id name }
    evaluations { id score enterprise { name } }
  } }
} }"""


@pytest.fixture(scope="module")
def bulk(session_graph: Graph) -> Graph:
    from graph.migrate import wipe

    wipe(session_graph)
    session_graph.write(BULK)
    return session_graph


async def trips(agraph: AsyncGraph, who: object, first: int) -> tuple[int, int]:
    before = agraph.round_trips
    data = ok(await run(agraph, who, NESTED, {"first": first}))  # type: ignore[arg-type]
    edges = data["patents"]["edges"]
    assert all(e["node"]["institution"] and len(e["node"]["inventors"]) == 2 for e in edges)
    return agraph.round_trips - before, len(edges)


@pytest.mark.parametrize("who", [NATIONAL, ZHEJIANG], ids=["national", "province"])
async def test_round_trips_do_not_grow_with_the_page(
    agraph: AsyncGraph, bulk: Graph, who: object
) -> None:
    small, n_small = await trips(agraph, who, 5)
    large, n_large = await trips(agraph, who, 50)
    print(f"round trips: {small} for {n_small} patents, {large} for {n_large}")
    assert (n_small, n_large) == (5, 50)
    assert large == small
    # page + count + institution + province + inventors + industries + evaluations + enterprise
    assert large <= 8
