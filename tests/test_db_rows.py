"""``AsyncGraph.read`` hands rows over as the driver's ``Record.data()`` does, through its
own fast path for the maps and lists of scalars the statements return."""

from __future__ import annotations

from graph.config import Neo4jSettings
from graph.db import AsyncGraph, Graph

MIXED = """
CREATE (n:Probe {id: 'rows', at: date('2024-05-01'), tags: ['甲', '乙']})
WITH n
RETURN [1, 2.5, '三', true, null, date('2024-05-01')] AS scalars,
       [[1, 2], ['a', ['b', n]], []] AS nested,
       {x: [1, 2], y: {z: n}, w: null} AS map,
       n AS node, [n] AS nodes, 7 AS one
"""


async def test_rows_equal_record_data(graph: Graph, settings: Neo4jSettings) -> None:
    graph.write("MATCH (n:Probe {id: 'rows'}) DETACH DELETE n")
    handle = await AsyncGraph.open(settings)
    try:
        rows = await handle.write(MIXED)  # Record.data(), as writes return rows
        assert rows[0]["node"]["tags"] == ["甲", "乙"]
        read = await handle.read(MIXED.replace("CREATE", "MATCH"))
        assert read == rows
        assert read[0]["nested"][1][1][1] == {
            "id": "rows",
            "at": rows[0]["scalars"][5],
            "tags": ["甲", "乙"],
        }
    finally:
        await handle.close()
        graph.write("MATCH (n:Probe {id: 'rows'}) DETACH DELETE n")
