"""The project's own server: Bolt with authentication, routing URIs, clean restarts."""

from __future__ import annotations

import pytest
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError

from graph import neo4j_server
from graph.config import Neo4jSettings
from graph.db import Graph, GraphUnavailable


def test_bolt_and_neo4j_schemes_both_answer(settings: Neo4jSettings, graph: Graph) -> None:
    for scheme in ("bolt", "neo4j"):
        uri = settings.uri.replace("neo4j://", f"{scheme}://", 1)
        with GraphDatabase.driver(uri, auth=(settings.user, settings.password)) as driver:
            records, _, _ = driver.execute_query("RETURN 40 + 2 AS answer")
            assert records[0]["answer"] == 42


def test_wrong_password_is_refused_with_a_clear_message(settings: Neo4jSettings) -> None:
    bad = Neo4jSettings(**{**settings.__dict__, "password": "not-the-password"})
    with pytest.raises(GraphUnavailable) as info:
        Graph(bad)
    message = str(info.value)
    assert "refused the credentials" in message and "\n" not in message
    with (
        GraphDatabase.driver(bad.uri, auth=(bad.user, bad.password)) as driver,
        pytest.raises(AuthError),
    ):
        driver.verify_connectivity()


def test_unreachable_server_gives_one_line(settings: Neo4jSettings) -> None:
    down = Neo4jSettings(**{**settings.__dict__, "uri": "bolt://127.0.0.1:1", "local": False})
    with pytest.raises(GraphUnavailable) as info:
        Graph(down)
    assert "not reachable" in str(info.value) and "\n" not in str(info.value)


def test_status_reports_running_server(settings: Neo4jSettings) -> None:
    state = neo4j_server.status(settings)
    assert state.running
    assert settings.uri in state.describe()


def test_data_survives_stop_and_start(settings: Neo4jSettings, graph: Graph) -> None:
    graph.write("CREATE (:Province {code: '99', name: '测试省'})")
    if settings.local:
        assert not neo4j_server.stop(settings).running
        assert neo4j_server.start(settings).running
    with Graph(settings) as fresh:
        rows = fresh.read("MATCH (p:Province {code: '99'}) RETURN p.name AS name")
        assert rows == [{"name": "测试省"}]
        result = fresh.read("SHOW INDEXES YIELD name WHERE name = 'patent_text' RETURN name")
        assert result == [{"name": "patent_text"}]
