"""Statistics, networks and matching through the hub's schema, timed per role.

    python bench/analytics.py [--patents N] [--repeat R] [--only NAME…]

Uses the configured Neo4j (``NEO4J_URI``, or the project's own server, started if
needed; point ``PATENT_HUB_VAR``/``PATENT_HUB_NEO4J_PORT`` at a scratch one). When the
graph holds no patents, the reference data and a demo set of ``--patents`` patents are
loaded first. Each query runs once untimed (it plans the query), then ``--repeat`` times
per role in-process (schema + Context, no HTTP), as NATIONAL, MINISTRY, PROVINCE and
INSTITUTION; printed: p50, p95 and max in ms, and the answer's size (or that the role is
refused). Figures also go to ``bench/out/analytics.json``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import statistics
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != HERE]

from graph import neo4j_server  # noqa: E402
from graph.config import neo4j_settings  # noqa: E402
from graph.db import AsyncGraph, Graph  # noqa: E402
from graph.vocab import Role  # noqa: E402
from hub.auth.principal import Principal  # noqa: E402
from hub.context import Context  # noqa: E402
from hub.schema import build_schema  # noqa: E402

QUERIES: dict[str, str] = {
    "progress by province": 'query { inventoryProgress(asOf: "2024-07-01", by: PROVINCE) '
    "{ rows { key missing } } }",
    "progress by institution": 'query { inventoryProgress(asOf: "2024-12-31") '
    "{ rows { key missing } } }",
    "milestones": 'query { milestones(asOf: "2024-07-01") { key met concerned } }',
    "conversion": 'query { conversionFigures(quarters: ["2024Q1","2024Q2","2024Q3","2024Q4"]) '
    "{ key quarters { licenceFilings } } }",
    "resource library": "query { resourceLibrary { total byIndustry { key patents } } }",
    # Late in a month: the days of the cutoff's month before it are counted from patents.
    "dormant list": 'query { dormantStateFunded(asOf: "2024-07-28") { totalCount '
    "edges { node { appNo } } } }",
    "institution network d2": "query ($i: String!) { institutionIndustryNetwork("
    "institutionId: $i, depth: 2) { edges { weight } } }",
    "co-inventor network d2": "query ($i: String!) { coInventorNetwork(institutionId: $i, "
    "depth: 2) { edges { weight } } }",
    "matching": "query ($e: String!) { patentMatches(creditCode: $e) { score } }",
}


def p95(times: list[float]) -> float:
    if len(times) < 2:
        return times[0]
    return statistics.quantiles(times, n=20, method="inclusive")[18]


def size(value: Any) -> int:
    if isinstance(value, list):
        return len(value)
    if isinstance(value, dict):
        return sum(size(v) for v in value.values()) or 1
    return 1


async def run(
    repeat: int, sample: dict[str, str], only: list[str] | None = None
) -> list[dict[str, Any]]:
    schema = build_schema()
    graph = await AsyncGraph.open()
    who = [
        Principal(Role.NATIONAL),
        Principal(Role.MINISTRY, sample["ministry"]),
        Principal(Role.PROVINCE, sample["province"]),
        Principal(Role.INSTITUTION, sample["institution"]),
    ]
    variables = {"i": sample["institution"], "e": sample["enterprise"]}
    out = []
    try:
        for name, query in QUERIES.items():
            if only and name not in only:
                continue
            for principal in who:
                times, answer, refused = [], 0, False
                for n in range(repeat + 1):  # the first run plans the query: not counted
                    ctx = Context(principal=principal, graph=graph, request_id="bench")
                    start = time.perf_counter()
                    result = await schema.execute(
                        query, variable_values=variables, context_value=ctx
                    )
                    if n:
                        times.append((time.perf_counter() - start) * 1000)
                    if result.errors:
                        code = (result.errors[0].extensions or {}).get("code")
                        refused = code == "FORBIDDEN"  # not this role's statistic
                        if refused:
                            break
                        raise SystemExit(f"{name}: {result.errors[0].message}")
                    answer = size(result.data)
                if refused:
                    print(f"{name:26} {principal.role.value:11} refused (FORBIDDEN)")
                    continue
                row = {
                    "query": name,
                    "role": principal.role.value,
                    "p50_ms": round(statistics.median(times), 1),
                    "p95_ms": round(p95(times), 1),
                    "max_ms": round(max(times), 1),
                    "size": answer,
                }
                out.append(row)
                print(
                    f"{name:26} {row['role']:11} p50 {row['p50_ms']:8.1f} ms  "
                    f"p95 {row['p95_ms']:8.1f} ms  "
                    f"max {row['max_ms']:8.1f} ms  size {answer}"
                )
    finally:
        await graph.close()
    return out


def main(argv: list[str] | None = None) -> int:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--patents", type=int, default=20000)
    args.add_argument("--repeat", type=int, default=5)
    args.add_argument("--seed", type=int, default=2024)
    args.add_argument("--only", nargs="*", help="query names to run (default: all)")
    args.add_argument(
        "--fresh", action="store_true", help="empty the configured database first (scratch only)"
    )
    ns = args.parse_args(argv)
    logging.getLogger("neo4j").setLevel(logging.ERROR)
    settings = neo4j_settings()
    if settings.local and not neo4j_server.status(settings).running:
        neo4j_server.start(settings)
    with Graph(settings) as graph:
        if ns.fresh:
            from graph.migrate import wipe

            wipe(graph)
        if not graph.read("MATCH (p:Patent) RETURN p LIMIT 1"):
            from graph.demo import load_demo
            from graph.migrate import migrate

            migrate(graph)
            started = time.perf_counter()
            load_demo(graph, patents=ns.patents, seed=ns.seed)
            print(f"demo of {ns.patents} patents loaded in {time.perf_counter() - started:.0f} s")
        counts = graph.read("MATCH (p:Patent) RETURN count(p) AS n")[0]["n"]
        # The busiest institution, its province, an enterprise with needs or industries and
        # the busiest ministry.
        sample = graph.read(
            "MATCH (p:Patent) WHERE p.institutionId IS NOT NULL "
            "WITH p.institutionId AS i, p.provinceCode AS pr, count(*) AS n "
            "ORDER BY n DESC LIMIT 1 "
            "OPTIONAL MATCH (e:Enterprise {provinceCode: pr}) "
            "WHERE EXISTS { (e)-[:STATES]->() } OR EXISTS { (e)-[:IN_INDUSTRY]->() } "
            "WITH i, pr, head(collect(e.creditCode)) AS enterprise "
            "CALL () { MATCH (p:Patent) WHERE p.ministryCode IS NOT NULL "
            "RETURN p.ministryCode AS ministry, count(*) AS m ORDER BY m DESC LIMIT 1 } "
            "RETURN i AS institution, pr AS province, enterprise, ministry"
        )[0]
    print(f"{counts} patents; sample {sample}")
    rows = asyncio.run(run(ns.repeat, sample, ns.only))
    (HERE / "out").mkdir(exist_ok=True)
    (HERE / "out" / "analytics.json").write_text(
        json.dumps({"patents": counts, "results": rows}, ensure_ascii=False, indent=2)
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
