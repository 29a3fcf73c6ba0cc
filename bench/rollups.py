"""The statistics per role, timed through the hub's schema; and the roll-ups' write cost.

    python bench/rollups.py [--repeat R] [--rebuild]

Runs against the configured Neo4j (``NEO4J_URI`` or ``PATENT_HUB_VAR``/
``PATENT_HUB_NEO4J_PORT``), which must hold a loaded data set (``patent-hub load demo
--patents N``). Each statistic runs ``--repeat`` times per role in-process (schema +
Context, no HTTP); printed: p50 and max in ms. Then, when ``graph.rollups`` exists: the
time to recount the largest institution's roll-up, the time of the delta a write of one
of its patents adds to its transaction (``graph.rollup_delta``: what a mutation costs
now, whatever the institution's size) and, with ``--rebuild``, the time of
``patent-hub db rollups``.
Figures go to ``bench/out/rollups.json``. The script runs unchanged on a checkout without
roll-ups, which is how the "before" figures are taken.
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

from graph.db import AsyncGraph, Graph  # noqa: E402
from graph.vocab import Role  # noqa: E402
from hub.auth.principal import Principal  # noqa: E402
from hub.context import Context  # noqa: E402
from hub.resolvers import paging  # noqa: E402
from hub.schema import build_schema  # noqa: E402

QUARTERS = '["2024Q1","2024Q2","2024Q3","2024Q4"]'
QUERIES: dict[str, str] = {
    "progress by province": 'query { inventoryProgress(asOf: "2024-07-01", by: PROVINCE) '
    "{ total { missing } rows { key missing } } }",
    "progress by institution": 'query { inventoryProgress(asOf: "2024-12-31") '
    "{ rows { key missing } } }",
    "milestones": 'query { milestones(asOf: "2024-07-01") { key met concerned } }',
    "conversion by province": f"query {{ conversionFigures(quarters: {QUARTERS}) "
    "{ key implementationRate quarters { transferRegistrations licenceFilings amount } } }",
    "conversion by ministry": f"query {{ conversionFigures(quarters: {QUARTERS}, by: MINISTRY) "
    "{ key quarters { licenceFilings productFilings } } }",
    "resource library": "query { resourceLibrary { total byIndustry { key patents } "
    "bySeiField { key patents } byMaturity { key patents } byRating { key patents } } }",
    "dormant list": 'query { dormantStateFunded(asOf: "2024-07-01") { totalCount '
    "byProvince { key patents } edges { node { appNo } } } }",
    "dormant list page 50": 'query ($after: String) { dormantStateFunded(asOf: "2024-07-01", '
    "after: $after) { edges { node { appNo } } } }",
}
# Statistics an enterprise may ask for (the others are for overseers).
ENTERPRISE_QUERIES = {"resource library", "dormant list", "dormant list page 50"}


async def run(repeat: int, sample: dict[str, str]) -> list[dict[str, Any]]:
    schema = build_schema()
    graph = await AsyncGraph.open()
    who = [
        Principal(Role.NATIONAL),
        Principal(Role.MINISTRY, "MOE"),
        Principal(Role.PROVINCE, sample["province"]),
        Principal(Role.INSTITUTION, sample["institution"]),
        Principal(Role.ENTERPRISE, sample["enterprise"]),
    ]
    after = paging.encode(979)  # the cursor of page 50 (20 a page)
    out = []
    try:
        for name, query in QUERIES.items():
            for principal in who:
                if principal.role is Role.ENTERPRISE and name not in ENTERPRISE_QUERIES:
                    continue
                times = []
                for _ in range(repeat):
                    ctx = Context(principal=principal, graph=graph, request_id="bench")
                    start = time.perf_counter()
                    result = await schema.execute(
                        query, variable_values={"after": after}, context_value=ctx
                    )
                    times.append((time.perf_counter() - start) * 1000)
                    if result.errors:
                        raise SystemExit(f"{name}: {result.errors[0].message}")
                row = {
                    "query": name,
                    "role": principal.role.value,
                    "p50_ms": round(statistics.median(times), 1),
                    "max_ms": round(max(times), 1),
                }
                out.append(row)
                print(
                    f"{name:24} {row['role']:11} p50 {row['p50_ms']:8.1f} ms  "
                    f"max {row['max_ms']:8.1f} ms"
                )
    finally:
        await graph.close()
    return out


def write_costs(graph: Graph, institution: str, rebuild: bool) -> dict[str, float]:
    try:
        from graph import rollups
    except ImportError:
        return {}
    costs: dict[str, float] = {}
    times = []
    for _ in range(3):
        with graph.transaction() as tx:
            start = time.perf_counter()
            rollups.refresh(tx, [institution])
            times.append((time.perf_counter() - start) * 1000)
    costs["refresh largest ms"] = round(min(times), 1)
    print(f"refresh of the largest institution's roll-up: {costs['refresh largest ms']} ms")
    delta = getattr(rollups, "Delta", None)
    if delta is not None:  # what a mutation on one of its patents adds (rolled back)
        [row] = graph.read(
            "MATCH (p:Patent {institutionId: $i}) RETURN p.appNo AS a LIMIT 1", {"i": institution}
        )
        times = []
        for _ in range(3):
            with graph.session() as session:
                tx = session.begin_transaction()
                start = time.perf_counter()
                change = delta([row["a"]])
                change.begin(tx)
                tx.run("MATCH (p:Patent {appNo: $a}) SET p.rating = 5", a=row["a"]).consume()
                change.commit(tx)
                times.append((time.perf_counter() - start) * 1000)
                tx.rollback()
        costs["delta one patent ms"] = round(min(times), 1)
        print(f"delta of one patent of the largest institution: {costs['delta one patent ms']} ms")
    if rebuild:
        start = time.perf_counter()
        n = rollups.rebuild(graph)
        costs["rebuild all s"] = round(time.perf_counter() - start, 1)
        print(f"rebuild of {n} roll-ups: {costs['rebuild all s']} s")
    return costs


def main(argv: list[str] | None = None) -> int:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--repeat", type=int, default=5)
    args.add_argument("--rebuild", action="store_true", help="time a full rebuild as well")
    args.add_argument("--out", default=str(HERE / "out" / "rollups.json"))
    ns = args.parse_args(argv)
    logging.getLogger("neo4j").setLevel(logging.ERROR)
    with Graph() as graph:
        counts = graph.read("MATCH (p:Patent) RETURN count(p) AS n")[0]["n"]
        # The busiest institution, its province, and an enterprise with pushes or deals.
        sample = graph.read(
            "MATCH (p:Patent) WHERE p.institutionId IS NOT NULL "
            "WITH p.institutionId AS i, p.provinceCode AS pr, count(*) AS n "
            "ORDER BY n DESC LIMIT 1 "
            "OPTIONAL MATCH (e:Enterprise)<-[:BUYER]-(:Transaction) "
            "RETURN i AS institution, pr AS province, head(collect(e.creditCode)) AS enterprise"
        )[0]
        print(f"{counts} patents; sample {sample}")
        rows = asyncio.run(run(ns.repeat, sample))
        costs = write_costs(graph, sample["institution"], ns.rebuild)
    out = Path(ns.out)
    out.parent.mkdir(exist_ok=True)
    out.write_text(
        json.dumps(
            {"patents": counts, "sample": sample, "results": rows, "writes": costs},
            ensure_ascii=False,
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
