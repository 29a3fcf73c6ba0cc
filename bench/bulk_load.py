"""The first national load through ``neo4j-admin database import`` (``load bulk``): the demo
generator's set of N patents (enterprises, experts, inventories, evaluations and deals in the
PRODUCT.md ratios) written as standard files, then built into an empty database, validation,
CSV, importer, constraints and indexes (the CJK full-text one included) and roll-ups
included. Prints the phases, the rate and peak memory; asserts no time.

    PATENT_HUB_VAR=var/bench-bulk PATENT_HUB_NEO4J_PORT=7705 \\
    PATENT_HUB_NEO4J_HEAP=4g PATENT_HUB_NEO4J_PAGECACHE_MB=4096 \\
        .venv/bin/python -m bench.bulk_load --patents 1500000

Runs on the project's own server only (the importer replaces its database): use a
``PATENT_HUB_VAR`` of its own, never the demo's or the tests'.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

from graph import neo4j_server
from graph.bulk.load import bulk_load, peak_memory_mib, sources
from graph.config import neo4j_settings, var_dir
from graph.db import Graph
from graph.demo import counts, world_of, write_demo
from graph.migrate import migrate, wipe
from graph.reference import load_reference


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--patents", type=int, default=1_500_000)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--chunk", type=int, default=50_000, help="rows per generated file")
    args = parser.parse_args()

    settings = neo4j_settings()
    if not settings.local:
        print("bench/bulk_load.py replaces the database: run it on the project's own server")
        return 2
    neo4j_server.start(settings)
    folder = var_dir() / "bench-bulk" / f"{args.seed}-{args.patents}"
    manifest = folder / "manifest.json"
    generated = 0.0
    with Graph(settings) as graph:
        if not manifest.exists():
            wipe(graph)
            migrate(graph)
            load_reference(graph)
            t = time.perf_counter()
            write_demo(world_of(graph), args.patents, args.seed, folder, args.chunk)
            generated = time.perf_counter() - t
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    print(f"standard files: {folder} ({size / 2**20:,.0f} MiB), generated in {generated:.1f} s")

    started = time.perf_counter()
    result = bulk_load(sources([str(folder)]), replace=True, work=var_dir() / "bench-bulk-csv")
    seconds = time.perf_counter() - started
    if not result.ok:
        print(f"refused: {result.refused_path}")
        return 1
    with Graph(settings) as graph:
        after = counts(graph)
    own, child = peak_memory_mib()
    neo4j_peak = "n/a"
    status = neo4j_server.status(settings)
    if status.pid is not None:
        for line in Path(f"/proc/{status.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                neo4j_peak = f"{int(line.split()[1]) / 1024:,.0f} MiB"
    print("\n== phases (s) ==")
    for name, value in result.seconds.items():
        print(f"  {name:<26}{value:>9.1f}")
    print("\n== figures ==")
    print(f"patents:                  {after['patents']:,}")
    print(f"nodes / relationships:    {after['nodes']:,} / {after['relationships']:,}")
    print(f"rows validated:           {result.rows:,} in {result.sources} files")
    print(f"end to end:               {seconds:,.1f} s")
    print(f"patents per second:       {after['patents'] / seconds:,.0f} (goal 20,000)")
    print(f"relationships per second: {after['relationships'] / seconds:,.0f}")
    print(f"peak memory:              Python {own:,.0f} MiB (largest child {child:,.0f} MiB), "
          f"importer {result.importer_mib:,.0f} MiB, Neo4j after restart {neo4j_peak}")  # fmt: skip
    print(f"CPU seconds (this process and children): {cpu():,.1f}")
    print(json.dumps({"counts": result.counts}, ensure_ascii=False))
    return 0


def cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


if __name__ == "__main__":
    sys.exit(main())
