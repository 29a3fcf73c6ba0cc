"""Ingest at national scale: the demo generator's full set (default 1.5 million patents,
with enterprises, experts, inventories, evaluations and deals in the PRODUCT.md ratios),
written as chunked standard files and imported file by file through ``graph.ingest``,
then imported a second time, which must change nothing. Prints figures; asserts no time.

    PATENT_HUB_VAR=var/bench-ingest PATENT_HUB_NEO4J_PORT=7703 \\
    PATENT_HUB_NEO4J_HEAP=6g PATENT_HUB_NEO4J_PAGECACHE_MB=4096 \\
        .venv/bin/python bench/ingest_national.py --patents 100000

Uses the Neo4j of the environment (``NEO4J_URI``, or the project's own server, started
when needed). The database is wiped first.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import time
from collections import defaultdict
from pathlib import Path

from graph import neo4j_server
from graph.config import neo4j_settings, var_dir
from graph.db import Graph
from graph.demo import FileResult, counts, import_files, world_of, write_demo
from graph.migrate import migrate, wipe
from graph.reference import load_reference


def rss_mib_of(pid: int | None, key: str) -> str:
    """A memory figure of a local process from /proc (``VmHWM`` = peak resident set)."""
    if pid is None:
        return "n/a (remote server)"
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return f"{int(line.split()[1]) / 1024:,.0f} MiB"
    except OSError:
        pass
    return "n/a"


def python_peak_mib() -> str:
    return f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MiB"


class Meter:
    """Per-kind totals of rows, seconds and Neo4j counters, printed as one line a file."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.by_kind: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        self.started = time.perf_counter()
        self.stopped: float | None = None

    def stop(self) -> None:
        self.stopped = time.perf_counter()

    def __call__(self, r: FileResult) -> None:
        k = self.by_kind[r.entry.kind]
        k["files"] += 1
        k["rows"] += r.entry.rows
        k["seconds"] += r.seconds
        for name, value in r.written.items():
            k[name] += value
        if r.entry.kind != "inventory" or k["files"] % 200 == 0:
            print(
                f"  {self.label} {r.entry.path}: {r.entry.rows:,} rows in {r.seconds:.1f} s "
                f"({r.written.get('relationships_created', 0):,} relationships created)",
                flush=True,
            )

    @property
    def seconds(self) -> float:
        return (self.stopped or time.perf_counter()) - self.started

    def total(self, key: str) -> float:
        return sum(k.get(key, 0) for k in self.by_kind.values())

    def table(self) -> None:
        print(f"  {'kind':<13}{'files':>7}{'rows':>12}{'seconds':>10}{'rows/s':>10}"
              f"{'nodes+':>11}{'rels+':>12}")  # fmt: skip
        for kind, k in self.by_kind.items():
            rate = k["rows"] / k["seconds"] if k["seconds"] else 0
            print(
                f"  {kind:<13}{k['files']:>7,.0f}{k['rows']:>12,.0f}{k['seconds']:>10.1f}"
                f"{rate:>10,.0f}{k.get('nodes_created', 0):>11,.0f}"
                f"{k.get('relationships_created', 0):>12,.0f}"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--patents", type=int, default=1_500_000)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--chunk", type=int, default=50_000, help="rows per generated file")
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    args = parser.parse_args()

    settings = neo4j_settings()
    if settings.local and not neo4j_server.status(settings).running:
        neo4j_server.start(settings)
    pid = neo4j_server.status(settings).pid if settings.local else None
    folder = var_dir() / "bench-ingest" / f"{args.seed}-{args.patents}"
    print(f"Neo4j {settings.uri}; files in {folder}")

    with Graph(settings) as graph:
        t = time.perf_counter()
        wipe(graph)
        migrate(graph)
        load_reference(graph)
        print(f"wipe, schema and reference data: {time.perf_counter() - t:.1f} s")

        t = time.perf_counter()
        entries = write_demo(world_of(graph), args.patents, args.seed, folder, args.chunk)
        generated = time.perf_counter() - t
        size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
        print(
            f"generated {len(entries):,} files ({size / 2**20:,.0f} MiB) in {generated:.1f} s; "
            f"Python peak RSS so far {python_peak_mib()}",
            flush=True,
        )

        first = Meter("import")
        import_files(graph, folder, entries, on_file=first)
        first.stop()
        after_first = counts(graph)
        second = Meter("re-import")
        import_files(graph, folder, entries, on_file=second)
        second.stop()
        after_second = counts(graph)

    patents = first.by_kind["patents"]
    print("\n== first import ==")
    first.table()
    print("\n== figures ==")
    print(f"patents:                {after_first['patents']:,}")
    print(f"nodes / relationships:  {after_first['nodes']:,} / {after_first['relationships']:,}")
    print(f"generation:             {generated:,.1f} s")
    print(f"import, total:          {first.seconds:,.1f} s")
    print(
        f"patents per second:     {patents['rows'] / patents['seconds']:,.0f} (base library files)"
    )
    print(f"patents per second:     {after_first['patents'] / first.seconds:,.0f} (whole set)")
    print(f"relationships / second: {first.total('relationships_created') / first.seconds:,.0f}")
    print(f"nodes / second:         {first.total('nodes_created') / first.seconds:,.0f}")
    print(f"re-import (no change):  {second.seconds:,.1f} s, "
          f"{second.total('nodes_created'):,.0f} nodes and "
          f"{second.total('relationships_created'):,.0f} relationships created")  # fmt: skip
    same = after_first == after_second
    print(f"counts identical:       {'yes' if same else 'NO'}")
    print(f"peak RSS Python:        {python_peak_mib()}")
    print(f"peak RSS Neo4j:         {rss_mib_of(pid, 'VmHWM')} (now {rss_mib_of(pid, 'VmRSS')})")
    print(f"counts: {after_first}")
    if not args.keep:
        shutil.rmtree(folder)
    if not same:
        print(f"counts after re-import: {after_second}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
