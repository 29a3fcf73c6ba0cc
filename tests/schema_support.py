"""Shared by the schema tests: the seed graph, who sees what in it, and a way to run
a GraphQL document as a given principal against the real Neo4j."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from graph.config import Neo4jSettings
from graph.db import AsyncGraph, Graph
from graph.migrate import wipe
from graph.vocab import Role
from hub.auth.principal import Principal
from hub.context import Context
from hub.schema import schema

SEED = Path(__file__).with_name("schema_seed.cypher")

P1, P2, P3, P4, P5, P6 = (
    "202310000001.1",
    "202210000002.5",
    "202010000003.2",
    "201910000004.3",
    "202120000005.8",
    "202430000006.0",
)
ALL = {P1, P2, P3, P4, P5, P6}
E1, E2 = "91110000TEST00001A", "91330000TEST00002B"

NATIONAL = Principal(Role.NATIONAL, subject="t")
MOE = Principal(Role.MINISTRY, "MOE", subject="t")
CAS = Principal(Role.MINISTRY, "CAS", subject="t")
ZHEJIANG = Principal(Role.PROVINCE, "33", subject="t")
BEIJING = Principal(Role.PROVINCE, "11", subject="t")
U1 = Principal(Role.INSTITUTION, "T-U1", subject="t")
ENT1 = Principal(Role.ENTERPRISE, E1, subject="t")
ENT2 = Principal(Role.ENTERPRISE, E2, subject="t")
EXPERT = Principal(Role.EXPERT, "X-T1", subject="t")
ANONYMOUS = Principal(Role.ANONYMOUS)

# Patents each principal may see in the seed (docs/graph-model.md, Scope).
VISIBLE: dict[Principal, set[str]] = {
    NATIONAL: ALL,
    MOE: {P1, P2, P4},
    CAS: {P4, P5},
    ZHEJIANG: {P1, P3, P4, P6},
    BEIJING: {P1, P2, P3, P4},
    U1: {P1, P2, P4},
    ENT1: {P1, P3, P4},
    ENT2: {P1, P2, P3, P4},
    EXPERT: {P4, P5},
    ANONYMOUS: {P4},
}


def seed(graph: Graph) -> None:
    graph.write(SEED.read_text(encoding="utf-8"))


async def run(
    agraph: AsyncGraph,
    principal: Principal,
    query: str,
    variables: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Execute ``query`` as ``principal``; the result as the HTTP body would carry it."""
    context = Context(principal=principal, graph=agraph, request_id="test")
    result = await schema.execute(query, variable_values=variables, context_value=context)
    body: dict[str, Any] = {"data": result.data}
    if result.errors:
        body["errors"] = [
            {"message": e.message, "extensions": e.extensions or {}, "path": e.path}
            for e in result.errors
        ]
    return body


def ok(body: dict[str, Any]) -> dict[str, Any]:
    assert "errors" not in body, body["errors"]
    data: dict[str, Any] = body["data"]
    return data


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def agraph(settings: Neo4jSettings, session_graph: Graph) -> AsyncIterator[AsyncGraph]:
    handle = await AsyncGraph.open(settings)
    yield handle
    await handle.close()


@pytest.fixture(scope="module")
def seeded(session_graph: Graph) -> Graph:
    """The seed graph, written once per test module (the tests only read)."""
    wipe(session_graph)
    seed(session_graph)
    return session_graph
