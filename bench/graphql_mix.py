"""GraphQL hub against hand-written Cypher, over real HTTP, under concurrent clients.

    python bench/graphql_mix.py [--patents N] [--workers W] [--clients C] [--requests R]

Uses the configured Neo4j (``NEO4J_URI``, or the project's own server, started if
needed). When the graph holds no patents, the reference data and a demo data set of
``--patents`` patents are generated first; otherwise the data in place is used as it
is. The hub then runs as deployed (uvicorn, ``--workers`` processes) and every scenario
of a representative mix is driven by ``--clients`` concurrent httpx clients; beside each
the best single Cypher statement for the same answer (``bench/cypher/<name>.cypher``)
runs through the same driver at the same concurrency. Printed per scenario: requests/s,
p50, p95, p99 of both, and p95(hub)/p95(raw). Goal: ratio ≤ 1.5, statistics < 200 ms.
Figures also go to ``bench/out/graphql.json``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import re
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, LiteralString, cast

import httpx
from neo4j import AsyncManagedTransaction

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# Run as a script, this file's folder heads sys.path: the repository root goes there
# instead, so that the hub's packages import.
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != HERE]

from graph.config import neo4j_settings  # noqa: E402
from graph.db import AsyncGraph, Graph  # noqa: E402

CYPHER = HERE / "cypher"
OUT = HERE / "out"


@dataclass(frozen=True)
class Scenario:
    """One question asked two ways: through the hub, and as one Cypher statement."""

    name: str
    query: str
    variables: dict[str, Any]
    role: str
    scope: str | None
    cypher: str  # bench/cypher/<cypher>.cypher
    params: dict[str, Any]
    # How many items the answer holds, to check both ways answer alike.
    hub_size: Callable[[dict[str, Any]], int]
    raw_size: Callable[[list[dict[str, Any]]], int] = len


@dataclass
class Figures:
    requests: int = 0
    errors: int = 0
    seconds: float = 0.0
    size: int = -1
    latencies: list[float] = field(default_factory=list)
    first_error: str | None = None

    def percentile(self, p: int) -> float:
        if len(self.latencies) < 2:
            return self.latencies[0] if self.latencies else float("nan")
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[p - 1]

    def summary(self) -> dict[str, Any]:
        return {
            "requests": self.requests,
            "errors": self.errors,
            "rps": self.requests / self.seconds if self.seconds else 0.0,
            "p50_ms": self.percentile(50) * 1000,
            "p95_ms": self.percentile(95) * 1000,
            "p99_ms": self.percentile(99) * 1000,
            "size": self.size,
            "first_error": self.first_error,
        }


async def drive(
    call: Callable[[], Awaitable[tuple[int, str | None]]], clients: int, requests: int
) -> Figures:
    """``requests`` calls by ``clients`` concurrent workers; ``call`` returns (size, error)."""
    figures = Figures()
    remaining = requests

    async def worker() -> None:
        nonlocal remaining
        while remaining > 0:
            remaining -= 1
            start = time.perf_counter()
            try:
                size, error = await call()
            except Exception as exc:  # a failed request is a figure, not a crash
                size, error = -1, f"{type(exc).__name__}: {exc}"
            figures.latencies.append(time.perf_counter() - start)
            figures.requests += 1
            if error is not None:
                figures.errors += 1
                figures.first_error = figures.first_error or error[:300]
            else:
                figures.size = size

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(clients)))
    figures.seconds = time.perf_counter() - start
    return figures


async def bench_hub(
    scenario: Scenario, url: str, token: str, clients: int, requests: int, warmup: int
) -> Figures:
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    headers = {"Authorization": f"Bearer {token}"}
    payload = {"query": scenario.query, "variables": scenario.variables}
    async with httpx.AsyncClient(limits=limits, headers=headers, timeout=120.0) as client:

        async def call() -> tuple[int, str | None]:
            response = await client.post(url, json=payload)
            body = response.json()
            if response.status_code != 200 or body.get("errors"):
                return -1, json.dumps(body.get("errors") or body, ensure_ascii=False)
            return scenario.hub_size(body["data"]), None

        await drive(call, clients, warmup)
        return await drive(call, clients, requests)


async def bench_raw(
    scenario: Scenario, graph: AsyncGraph, clients: int, requests: int, warmup: int
) -> Figures:
    query = cast(LiteralString, (CYPHER / f"{scenario.cypher}.cypher").read_text("utf-8"))

    async def work(tx: AsyncManagedTransaction) -> list[dict[str, Any]]:
        result = await tx.run(query, scenario.params)
        return [r.data() async for r in result]

    async def call() -> tuple[int, str | None]:
        async with graph.driver.session(database=graph.database) as session:
            rows = await session.execute_read(work)
        return scenario.raw_size(rows), None

    await drive(call, clients, warmup)
    return await drive(call, clients, requests)


# --- the mix ------------------------------------------------------------------------

SEARCH = "锂电池 正极"
AS_OF = "2024-12-31"

CATALOGUE = """
query ($search: String!) {
  patents(search: $search, first: 20) {
    totalCount
    nodes { appNo title grantDate institution { name } }
  }
}"""
INSTITUTION = """
query ($reps: [_Any!]!) {
  _entities(representations: $reps) {
    ... on Institution {
      name
      province { name }
      patents(first: 20) { totalCount nodes { appNo title inventors { name } } }
    }
  }
}"""
STATISTICS = """
query ($asOf: Date!) {
  inventoryProgress(asOf: $asOf, by: PROVINCE) {
    rows { key name institutions patents inventoried screenedIn required missing
           institutionsBehind }
  }
}"""
NETWORK = """
query ($id: String!) {
  institutionIndustryNetwork(institutionId: $id, depth: 2, limit: 200) {
    nodes { id label weight }
    edges { source target weight }
    truncated
  }
}"""
MATCHES = """
query ($code: String!) {
  patentMatches(creditCode: $code, first: 20) {
    score
    patent { appNo title }
    reasons { kind contribution detail }
  }
}"""
CHANGES = """
query ($after: String) {
  changes(after: $after, first: 100) {
    nodes { seq appNo kind { value } at catalogue source }
    pageInfo { hasNextPage endCursor }
  }
}"""
ENTITIES = """
query ($reps: [_Any!]!) {
  _entities(representations: $reps) {
    ... on Patent { appNo title institution { name } }
  }
}"""


def shares(as_of: str) -> dict[str, float]:
    """The inventory share each cohort must have reached by ``as_of``."""
    from datetime import date

    from graph.milestones import inventory_target

    day = date.fromisoformat(as_of)
    return {
        "other": inventory_target(day, False, False)[0],
        "pilot": inventory_target(day, True, False)[0],
        "demonstration": inventory_target(day, True, True)[0],
    }


def matching_params(picked: dict[str, Any]) -> dict[str, Any]:
    """What the hub sends its scoring read for this enterprise, computed up front."""
    from graph.fulltext import any_words
    from hub.resolvers.matching import NEED_CHARS, PER_BRANCH, need_grams

    with Graph() as graph:
        rows = graph.read((CYPHER / "enterprise.cypher").read_text("utf-8"), picked)
    e = rows[0]
    prefixes = {q for n in e["needs"] for q in (n["ipcPrefixes"] or [])}
    prefixes |= {c[:4] for c in e["ownIpc"] if c}
    return {
        "creditCode": picked["creditCode"],
        "provinceCode": e["provinceCode"],
        "texts": [
            any_words(n["text"][:NEED_CHARS]) for n in e["needs"] if (n["text"] or "").strip()
        ],
        "needGrams": need_grams(e["needs"]),
        "industryIds": e["industryIds"],
        "industries": e["industries"],
        "similarIds": e["similarIds"],
        "ipcPrefixes": sorted(prefixes),
        "perBranch": PER_BRANCH,
    }


def scenarios(picked: dict[str, Any]) -> list[Scenario]:
    from graph.fulltext import all_words
    from hub.resolvers.changes import cursor

    province = picked["provinceCode"]
    institution = [{"__typename": "Institution", "id": picked["institutionId"]}]
    patents = [{"__typename": "Patent", "appNo": a} for a in picked["appNos"]]
    return [
        Scenario(
            "catalogue search",
            CATALOGUE,
            {"search": SEARCH},
            "PROVINCE",
            province,
            "catalogue_search",
            {"search": all_words(SEARCH), "province": province, "first": 20},
            hub_size=lambda d: int(d["patents"]["totalCount"]),
            raw_size=lambda rows: int(rows[0]["total"]) if rows else 0,
        ),
        Scenario(
            "institution+inventors",
            INSTITUTION,
            {"reps": institution},
            "NATIONAL",
            None,
            "institution_patents",
            {"id": picked["institutionId"], "first": 20},
            hub_size=lambda d: int(d["_entities"][0]["patents"]["totalCount"]),
            raw_size=lambda rows: int(rows[0]["total"]),
        ),
        Scenario(
            "province statistics",
            STATISTICS,
            {"asOf": AS_OF},
            "NATIONAL",
            None,
            "province_statistics",
            {"shares": shares(AS_OF)},
            hub_size=lambda d: sum(r["missing"] for r in d["inventoryProgress"]["rows"]),
            raw_size=lambda rows: sum(int(r["missing"]) for r in rows),
        ),
        Scenario(
            "institution network",
            NETWORK,
            {"id": picked["institutionId"]},
            "NATIONAL",
            None,
            "institution_network",
            {"id": picked["institutionId"], "scheme": "GBT4754", "limit": 201},
            hub_size=lambda d: len(d["institutionIndustryNetwork"]["edges"]),
        ),
        Scenario(
            "enterprise matches",
            MATCHES,
            {"code": picked["creditCode"]},
            "NATIONAL",
            None,
            "enterprise_matches",
            matching_params(picked),
            hub_size=lambda d: len(d["patentMatches"]),
        ),
        Scenario(
            "change feed page",
            CHANGES,
            {"after": cursor(picked["lastSeq"] // 2)},
            "PROVINCE",
            province,
            "change_page",
            {"after": picked["lastSeq"] // 2, "province": province},
            hub_size=lambda d: len(d["changes"]["nodes"]),
            raw_size=lambda rows: len(rows[0]["changes"]),
        ),
        Scenario(
            "_entities x100",
            ENTITIES,
            {"reps": patents},
            "NATIONAL",
            None,
            "entities_batch",
            {"appNos": picked["appNos"]},
            hub_size=lambda d: sum(1 for e in d["_entities"] if e),
        ),
    ]


async def root_fields(url: str, token: str) -> set[str]:
    """The Query fields the running hub offers (scenarios need theirs)."""
    query = "{ __schema { queryType { fields { name } } } }"
    async with httpx.AsyncClient(timeout=30.0) as client:
        response = await client.post(
            url, json={"query": query}, headers={"Authorization": f"Bearer {token}"}
        )
    body = response.json()
    if "data" not in body or not body["data"]:
        return set()
    return {f["name"] for f in body["data"]["__schema"]["queryType"]["fields"]}


# --- data ----------------------------------------------------------------------------


def ensure_data(patents: int, seed: int) -> dict[str, Any]:
    """Generate the data set unless the graph already holds patents; return its counts."""
    from graph import neo4j_server

    settings = neo4j_settings()
    if settings.local and not neo4j_server.status(settings).running:
        print(neo4j_server.start(settings).describe(), flush=True)
    with Graph(settings) as graph:
        held = graph.read("MATCH (p:Patent) RETURN count(p) AS n")[0]["n"]
        if held == 0:
            from graph.demo import load_demo
            from graph.migrate import migrate
            from graph.reference import load_reference

            print(f"generating {patents} patents (seed {seed}) ...", flush=True)
            start = time.perf_counter()
            migrate(graph)
            load_reference(graph)
            load_demo(graph, patents=patents, seed=seed)
            print(f"  done in {time.perf_counter() - start:.0f} s", flush=True)
        else:
            print(f"graph already holds {held} patents: generation skipped", flush=True)
        pick = (CYPHER / "pick.cypher").read_text("utf-8")
        return graph.read(pick)[0]


# --- the hub as deployed -------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def start_hub(port: int, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    args = [sys.executable, "-m", "uvicorn", "hub.app:served_app", "--factory"]
    args += ["--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    args += ["--log-level", "warning", "--no-access-log"]
    process = subprocess.Popen(args, cwd=ROOT, env=os.environ.copy())
    url = f"http://127.0.0.1:{port}/graphql"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the hub exited with code {process.returncode}")
        try:
            httpx.post(url, json={"query": "{ __typename }"}, timeout=2.0)
            return process, url
        except httpx.TransportError:
            time.sleep(0.3)
    process.terminate()
    raise SystemExit("the hub did not answer within 90 s")


# --- report --------------------------------------------------------------------------


def row(name: str, hub: dict[str, Any], raw: dict[str, Any]) -> str:
    ratio = hub["p95_ms"] / raw["p95_ms"] if raw["p95_ms"] else float("nan")
    return (
        f"{name:<22} {hub['rps']:>8.1f} {hub['p50_ms']:>8.1f} {hub['p95_ms']:>8.1f} "
        f"{hub['p99_ms']:>8.1f} | {raw['rps']:>8.1f} {raw['p50_ms']:>8.1f} {raw['p95_ms']:>8.1f} "
        f"{raw['p99_ms']:>8.1f} | {ratio:>5.2f} {hub['size']:>6}/{raw['size']:<6}"
        + (f"  {hub['errors']} errors: {hub['first_error']}" if hub["errors"] else "")
    )


HEADER = (
    f"{'scenario':<22} {'hub r/s':>8} {'p50':>8} {'p95':>8} {'p99':>8} | "
    f"{'raw r/s':>8} {'p50':>8} {'p95':>8} {'p99':>8} | {'ratio':>5} {'size hub/raw':>13}"
)


async def run(args: argparse.Namespace, picked: dict[str, Any], url: str) -> list[dict[str, Any]]:
    from hub.auth.tokens import issue_dev_token

    graph = await AsyncGraph.open()
    results: list[dict[str, Any]] = []
    offered = await root_fields(url, issue_dev_token(role="NATIONAL", scope=None, ttl=600))
    print(f"\n{args.clients} clients, {args.requests} requests per scenario; times in ms")
    print(HEADER)
    try:
        for scenario in scenarios(picked):
            if args.only and scenario.name not in args.only:
                continue
            root = re.search(r"\{\s*(\w+)", scenario.query)
            if root is None or root.group(1) not in offered:
                print(f"{scenario.name:<22} skipped: the hub has no Query.{root and root.group(1)}")
                continue
            token = issue_dev_token(role=scenario.role, scope=scenario.scope, ttl=3600)
            hub = await bench_hub(scenario, url, token, args.clients, args.requests, args.warmup)
            raw = await bench_raw(scenario, graph, args.clients, args.requests, args.warmup)
            h, r = hub.summary(), raw.summary()
            print(row(scenario.name, h, r), flush=True)
            results.append({"scenario": scenario.name, "hub": h, "raw": r})
    finally:
        await graph.close()
    return results


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--patents", type=int, default=100_000, help="size of a generated data set")
    p.add_argument("--seed", type=int, default=2024)
    p.add_argument("--workers", type=int, default=max(1, (os.cpu_count() or 2) // 2))
    p.add_argument("--clients", type=int, default=16)
    p.add_argument("--requests", type=int, default=400, help="per scenario")
    p.add_argument("--warmup", type=int, default=40, help="per scenario, not counted")
    p.add_argument("--url", help="an already running hub (its /graphql URL)")
    p.add_argument("--only", nargs="*", help="scenario names to run")
    args = p.parse_args(argv)
    # The driver's notifications and retries are not figures.
    logging.getLogger("neo4j").setLevel(logging.ERROR)

    picked = ensure_data(args.patents, args.seed)
    print("parameters:", json.dumps(picked, ensure_ascii=False, default=str)[:400])
    process = None
    url = args.url
    if url is None:
        process, url = start_hub(free_port(), args.workers)
    try:
        results = asyncio.run(run(args, picked, url))
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=30)
    OUT.mkdir(exist_ok=True)
    report = {
        "patents": picked.get("patents"),
        "workers": args.workers,
        "clients": args.clients,
        "requests": args.requests,
        "results": results,
    }
    (OUT / "graphql.json").write_text(json.dumps(report, ensure_ascii=False, indent=2))
    print(f"\nfigures written to {OUT / 'graphql.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
