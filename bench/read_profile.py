"""Hub read overhead in-process: the bench scenarios through ``schema.execute``.

    python bench/read_profile.py [--only NAME ...] [--requests N] [--profile NAME]

No HTTP, no uvicorn: each scenario of ``bench/graphql_mix.py`` runs ``--requests`` times
sequentially through the schema with a fresh request context, and beside it the
hand-written Cypher through the same driver; printed are p50/p95 of both and their
ratio. ``--profile NAME`` prints the cProfile of that scenario's hub runs instead, so
the hot spots of the hub's own Python are visible (py-spy is not installed).
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import cProfile
import importlib.util
import logging
import pstats
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


def pct(values: list[float], p: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1] * 1000


async def main(args: argparse.Namespace) -> None:
    spec = importlib.util.spec_from_file_location("bench_graphql", HERE / "graphql_mix.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    sys.modules["bench_graphql"] = bench
    spec.loader.exec_module(bench)  # bench/graphql_mix.py: its scenarios

    from hub.auth.principal import Principal
    from hub.context import Context
    from hub.extensions import default_extensions
    from hub.schema import build_schema

    # As deployed (hub/app.py): parser and validation caches, limits, error policy.
    schema = build_schema(extensions=default_extensions())

    with Graph() as g:
        picked = g.read((HERE / "cypher" / "pick.cypher").read_text("utf-8"))[0]
    graph = await AsyncGraph.open()
    try:
        for sc in bench.scenarios(picked):
            if args.only and sc.name not in args.only:
                continue
            principal = Principal(Role(sc.role), sc.scope)
            raw_query = (HERE / "cypher" / f"{sc.cypher}.cypher").read_text("utf-8")

            async def hub(sc: Any = sc, principal: Principal = principal) -> dict[str, Any]:
                ctx = Context(principal=principal, graph=graph, request_id="bench")
                # strawberry pops ``__typename`` off representations: a fresh copy each time
                variables = copy.deepcopy(sc.variables)
                res = await schema.execute(sc.query, variables, context_value=ctx)
                if res.errors:
                    raise SystemExit(f"{sc.name}: {res.errors}")
                assert res.data is not None
                return res.data

            async def raw(sc: Any = sc, raw_query: str = raw_query) -> list[dict[str, Any]]:
                return await graph.read(raw_query, sc.params)

            for _ in range(args.warmup):
                await hub()
                await raw()
            if args.profile == sc.name:
                prof = cProfile.Profile()
                prof.enable()
                for _ in range(args.requests):
                    await hub()
                prof.disable()
                pstats.Stats(prof).sort_stats(args.sort).print_stats(args.lines)
                continue
            times: dict[str, list[float]] = {"hub": [], "raw": []}
            cpu: dict[str, list[float]] = {"hub": [], "raw": []}
            size = (0, 0)
            for _ in range(args.requests):
                for name, call in (("hub", hub), ("raw", raw)):
                    start, start_cpu = time.perf_counter(), time.process_time()
                    out = await call()
                    times[name].append(time.perf_counter() - start)
                    cpu[name].append(time.process_time() - start_cpu)
                    if name == "hub":
                        size = (sc.hub_size(out), size[1])
                    else:
                        size = (size[0], sc.raw_size(out))
            h50, h95 = pct(times["hub"], 50), pct(times["hub"], 95)
            r50, r95 = pct(times["raw"], 50), pct(times["raw"], 95)
            print(
                f"{sc.name:<22} hub p50 {h50:7.2f} p95 {h95:7.2f} | raw p50 {r50:7.2f} "
                f"p95 {r95:7.2f} | p95 ratio {h95 / r95:5.2f} p50 ratio {h50 / r50:5.2f} "
                f"size {size[0]}/{size[1]} | this process's CPU per request: hub "
                f"{statistics.median(cpu['hub']) * 1000:6.2f} raw "
                f"{statistics.median(cpu['raw']) * 1000:6.2f} ms",
                flush=True,
            )
    finally:
        await graph.close()


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--only", nargs="*")
    p.add_argument("--requests", type=int, default=100)
    p.add_argument("--warmup", type=int, default=10)
    p.add_argument("--profile")
    p.add_argument("--sort", default="tottime")
    p.add_argument("--lines", type=int, default=40)
    logging.getLogger("neo4j").setLevel(logging.ERROR)
    asyncio.run(main(p.parse_args()))
