"""Read-your-writes with bookmarks: a read after a write, on another session and
connection, waits for that write (on a cluster it may be served by a follower)."""

from __future__ import annotations

from graph.config import Neo4jSettings
from graph.db import AsyncGraph, Graph


async def test_a_read_on_another_connection_sees_the_write(
    graph: Graph, settings: Neo4jSettings
) -> None:
    writer = await AsyncGraph.open(settings)
    reader = await AsyncGraph.open(settings)  # another driver: another connection
    try:
        assert await writer.bookmarks.get_bookmarks() == set()
        await writer.write("CREATE (:Probe {id: 'ryw'})")
        written = await writer.bookmarks.get_bookmarks()
        assert written, "the write left no bookmark"

        # the reader is handed the writer's bookmarks (what a second hub replica gets)
        shared = AsyncGraph(reader.driver, reader.database, writer.bookmarks)
        rows = await shared.read("MATCH (p:Probe {id: 'ryw'}) RETURN count(p) AS n")
        assert rows == [{"n": 1}]
        # a write through the other connection moves the shared chain on: the writer's
        # next read waits for it in turn
        await shared.write("CREATE (:Probe {id: 'ryw2'})")
        assert await writer.bookmarks.get_bookmarks() != written
        rows = await writer.read("MATCH (p:Probe) RETURN count(p) AS n")
        assert rows == [{"n": 2}]
    finally:
        await writer.close()
        await reader.close()


def test_sync_handle_sessions_share_bookmarks(graph: Graph) -> None:
    graph.write("CREATE (:Probe {id: 'sync'})")
    marks = graph.bookmarks.get_bookmarks()
    assert marks
    with graph.session() as session:
        n = session.execute_read(
            lambda tx: tx.run("MATCH (p:Probe {id: 'sync'}) RETURN count(p) AS n").single()["n"]
        )
    assert n == 1
    graph.write("CREATE (:Probe {id: 'sync2'})")
    assert graph.bookmarks.get_bookmarks() != marks  # every write moves the chain on
