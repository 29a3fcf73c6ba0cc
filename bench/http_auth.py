"""Figures for the HTTP layer: token verification, request overhead, OAuth token issuance.

Runs against the Neo4j of the environment (``patent-hub neo4j start`` first):
``.venv/bin/python -m bench.http_auth``. Prints figures; asserts nothing.
"""

from __future__ import annotations

import asyncio
import statistics
import time

import httpx

from graph.db import Graph
from hub.app import create_app
from hub.auth.clients import create_client
from hub.auth.tokens import TokenVerifier, issue_dev_token
from hub.serve import running


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))]


def timed(n: int, call: object) -> list[float]:
    out = []
    for _ in range(n):
        started = time.perf_counter()
        call()  # type: ignore[operator]
        out.append((time.perf_counter() - started) * 1000)
    return out


async def verify_rate(n: int) -> float:
    verifier = TokenVerifier()
    token = issue_dev_token("PROVINCE", "33", 600)
    started = time.perf_counter()
    for _ in range(n):
        await verifier.verify(token)
    return n / (time.perf_counter() - started)


def main() -> None:
    print(f"token verification (RS256, in process): {asyncio.run(verify_rate(2000)):,.0f}/s")
    token = issue_dev_token("NATIONAL", None, 600)
    with Graph() as graph:
        client_id, secret = create_client(graph, "PROVINCE", "33", "bench")
        with running(create_app()) as base, httpx.Client(base_url=base) as http:
            body = {"query": "{ __typename }"}
            for label, headers in [
                ("anonymous", {}),
                ("bearer token", {"Authorization": f"Bearer {token}"}),
            ]:
                ms = timed(500, lambda h=headers: http.post("/graphql", json=body, headers=h))
                print(
                    f"POST /graphql {{ __typename }} {label}: p50 {statistics.median(ms):.2f} ms, "
                    f"p95 {percentile(ms, 0.95):.2f} ms (500 sequential, keep-alive)"
                )
            ms = timed(
                50,
                lambda: http.post(
                    "/oauth/token",
                    data={"grant_type": "client_credentials"},
                    auth=(client_id, secret),
                ),
            )
            print(
                f"POST /oauth/token (scrypt check + RS256 signing): p50 "
                f"{statistics.median(ms):.1f} ms, p95 {percentile(ms, 0.95):.1f} ms"
            )
            ms = timed(200, lambda: http.get("/readyz"))
            print(f"GET /readyz (one Neo4j read): p50 {statistics.median(ms):.2f} ms")
        graph.write("MATCH (c:OAuthClient {clientId: $id}) DELETE c", {"id": client_id})


if __name__ == "__main__":
    main()
