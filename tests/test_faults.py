"""Neo4j killed under a running hub (the harder case than a clean stop, which closes its
connections first): reads, mutations and the token endpoint
fail fast with a clear answer (SERVICE_UNAVAILABLE, 503 temporarily_unavailable), the
same hub recovers without a restart once Neo4j is back, and a mutation in flight when
the database dies leaves nothing behind (all or nothing).

Timings are printed by ``bench/hostile.py --neo4j-down``, not asserted here."""

from __future__ import annotations

import contextlib
import os
import signal
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from graph import neo4j_server
from graph.config import Neo4jSettings
from graph.db import UNAVAILABLE, AsyncGraph, Graph
from graph.vocab import Role
from hub.app import create_app
from hub.auth.clients import create_client
from hub.auth.principal import Principal
from hub.context import Context
from hub.resolvers.audit import Tx, audited
from hub.serve import running
from tests.conftest_http import TokenMinter, bearer

# A killed Neo4j recovers its store on start: on a loaded machine that takes minutes, and
# every later test of the session needs it back.
START_SECONDS = 900.0
READ = "{ patents(first: 5) { totalCount edges { node { appNo } } } }"
MUTATION = 'mutation { withdrawOpenLicence(appNo: "202310001234.7") { appNo openLicence } }'


def _kill(settings: Neo4jSettings) -> None:
    """SIGKILL the project's Neo4j (no shutdown of its own) and wait until it is gone."""
    pid = int((settings.home / "neo4j.pid").read_text().strip())
    os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    raise RuntimeError("Neo4j did not die")


@contextlib.contextmanager
def _restarted(settings: Neo4jSettings) -> Iterator[None]:
    """Whatever happens in the test, Neo4j runs again afterwards."""
    try:
        yield
    finally:
        neo4j_server.start(settings, timeout=START_SECONDS)


def gql(base: str, query: str, headers: dict[str, str]) -> httpx.Response:
    return httpx.post(f"{base}/graphql", json={"query": query}, headers=headers, timeout=120)


def code(response: httpx.Response) -> Any:
    return response.json()["errors"][0]["extensions"]["code"]


async def test_neo4j_killed_under_a_running_hub(
    settings: Neo4jSettings, graph: Graph, mint_token: TokenMinter
) -> None:
    if not settings.local:
        raise RuntimeError("the fault tests stop and start the project's own Neo4j")
    client_id, secret = create_client(graph, "NATIONAL", None)
    headers = bearer(mint_token("NATIONAL"))
    institution = bearer(mint_token("INSTITUTION", "4111010001"))  # may withdraw licences
    agraph = await AsyncGraph.open(settings)
    with running(create_app(neo4j=settings)) as base, _restarted(settings):
        assert "errors" not in gql(base, READ, headers).json()

        # 1. a mutation in flight when the database is killed: all or nothing
        killed: list[bool] = []

        async def step(tx: Tx) -> None:
            await tx.tx.run("CREATE (:FaultProbe {n: 1})")
            if not killed:
                killed.append(True)
                _kill(settings)
            await tx.tx.run("CREATE (:FaultProbe {n: 2})")

        ctx = Context(principal=Principal(Role.NATIONAL, subject="t"), graph=agraph, request_id="t")
        with pytest.raises(UNAVAILABLE):
            await audited(ctx, "probe", "FaultProbe", {}, step)
        assert killed == [True]

        # 2. with Neo4j down: clear and fast answers
        for query, who in ((READ, headers), (MUTATION, institution)):
            r = gql(base, query, who)
            assert r.status_code == 200 and code(r) == "SERVICE_UNAVAILABLE", r.text
            assert r.json()["errors"][0]["message"].startswith("the graph database")
        r = httpx.post(
            f"{base}/oauth/token",
            data={"grant_type": "client_credentials"},
            auth=(client_id, secret),
            timeout=120,
        )
        assert r.status_code == 503 and r.json()["error"] == "temporarily_unavailable"
        assert httpx.get(f"{base}/readyz", timeout=30).status_code == 503
        assert httpx.get(f"{base}/healthz", timeout=30).status_code == 200

        # 3. back again: the same hub answers, and nothing of the killed mutation exists
        neo4j_server.start(settings, timeout=START_SECONDS)
        deadline = time.monotonic() + 60
        r = gql(base, READ, headers)
        while "errors" in r.json() and time.monotonic() < deadline:
            time.sleep(0.5)
            r = gql(base, READ, headers)
        assert "errors" not in r.json(), r.text
        assert graph.read("MATCH (n:FaultProbe) RETURN count(n) AS n") == [{"n": 0}]
        assert graph.read("MATCH (a:AuditEntry {action: 'probe'}) RETURN count(a) AS n") == [
            {"n": 0}
        ]

    await agraph.close()
