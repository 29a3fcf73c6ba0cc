"""A real Neo4j for the tests.

Without ``NEO4J_URI`` the session starts the project's own server on its own port and
folder (``var/test``), so a running demo is never touched; with it, that server is used
and emptied between tests. Every test gets a graph holding only the schema, or
``ref_graph``: the schema plus the reference data (loaded once, kept between tests).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if not os.environ.get("NEO4J_URI"):
    os.environ.setdefault("PATENT_HUB_VAR", str(ROOT / "var" / "test"))
    os.environ.setdefault("PATENT_HUB_NEO4J_PORT", "7688")
    os.environ.setdefault("PATENT_HUB_NEO4J_HEAP", "2g")
    os.environ.setdefault("PATENT_HUB_NEO4J_PAGECACHE_MB", "1024")

from graph import neo4j_server  # noqa: E402
from graph.config import Neo4jSettings, neo4j_settings  # noqa: E402
from graph.db import Graph  # noqa: E402
from graph.migrate import REFERENCE_LABELS, migrate, wipe  # noqa: E402


@pytest.fixture(scope="session")
def settings() -> Iterator[Neo4jSettings]:
    s = neo4j_settings()
    started = False
    if s.local and not neo4j_server.status(s).running:
        neo4j_server.start(s)
        started = True
    yield s
    if started:
        neo4j_server.stop(s)


@pytest.fixture(scope="session")
def session_graph(settings: Neo4jSettings) -> Iterator[Graph]:
    with Graph(settings) as g:
        wipe(g)
        migrate(g)
        yield g


@pytest.fixture
def graph(session_graph: Graph) -> Graph:
    """An empty graph with the schema in place."""
    wipe(session_graph)
    return session_graph


_reference_counts: dict[str, int] = {}


def _counts(g: Graph) -> dict[str, int]:
    return {
        label: g.read(f"MATCH (n:{label}) RETURN count(n) AS n")[0]["n"]
        for label in REFERENCE_LABELS
    }


@pytest.fixture
def ref_graph(session_graph: Graph) -> Graph:
    """The schema and the reference data, nothing else.

    Reference data is loaded once and kept between tests; any test that emptied or
    changed it (its node counts differ) makes the next user load it again.
    """
    from graph.reference import load_reference

    if _reference_counts:
        wipe(session_graph, keep=REFERENCE_LABELS)
        if _counts(session_graph) == _reference_counts:
            return session_graph
    wipe(session_graph)
    load_reference(session_graph)
    _reference_counts.clear()
    _reference_counts.update(_counts(session_graph))
    return session_graph


# End-to-end over HTTP: `hub_server` (base URL of a running hub) and `mint_token`.
from tests.conftest_http import hub_server, mint_token  # noqa: E402, F401
