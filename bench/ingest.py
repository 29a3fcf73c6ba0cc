"""Import speed of the base-library format at national scale: generated files of
``--chunk`` patents each (default 50,000; see docs/formats.md for the limit per file), N
patents in all (default 100,000; the national set is 1,500,000 with ~3 million inventors),
with owners, inventors, IPC codes and derived industries. Imported once, then imported
again, which must write nothing. Prints figures, with ``--profile`` the seconds of every
phase (reading and checking, done ahead for the next file while one is written; the graph
reads of validation; each statement; change feed; roll-ups; commit); asserts nothing about
time.

    PATENT_HUB_VAR=var/bench PATENT_HUB_NEO4J_PORT=7709 \\
        .venv/bin/python bench/ingest.py --patents 1500000 --profile

Uses the Neo4j
of the environment (``NEO4J_URI`` or the project's own server, which it starts when
needed); everything but the reference data is wiped first.
"""

from __future__ import annotations

import argparse
import cProfile
import logging
import os
import pstats
import random
import resource
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from graph import neo4j_server
from graph.config import Neo4jSettings, neo4j_settings
from graph.db import Graph
from graph.ingest import patents, samples
from graph.ingest.cells import FIRST_SHEET
from graph.ingest.readers import read_table
from graph.ingest.run import ImportResult, import_patent_files
from graph.ingest.values import make_app_no
from graph.migrate import REFERENCE_LABELS, migrate, wipe
from graph.reference import load_reference

IPC = [
    "H01M4/58", "H01M10/0525", "G06N3/08", "G06V10/82", "G06F16/245", "H04L9/40",
    "A61K31/4439", "A61P35/00", "C12N15/113", "B64D1/18", "C22C21/10", "C22F1/053",
    "F03D7/04", "H02J3/38", "B60L53/80", "G01N33/569", "C02F1/44", "B01D53/86",
    "H01L21/02", "H01L29/78", "G06T7/00", "A01G9/14", "C08L67/04", "E04B1/98",
]  # fmt: skip
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"
WORDS = ["锂电池", "正极材料", "图像识别", "神经网络", "无人机", "合金", "储能", "传感器", "催化剂"]

COUNT = """
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS rels }
CALL () { MATCH (n:Inventor) RETURN count(n) AS inventors }
RETURN nodes, rels, inventors
"""


def rows(start: int, n: int, institutions: list[str]) -> Iterator[dict[str, str]]:
    rng = random.Random(2024 + start)
    for i in range(start, start + n):
        codes = rng.sample(IPC, rng.randint(1, 4))
        inst = institutions[i % len(institutions)]
        names = {rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN) for _ in range(3)}
        words = rng.sample(WORDS, 2)
        yield {
            "申请号": make_app_no(f"{2015 + i % 9}1{i:07d}"),
            "专利名称": f"一种{words[0]}{words[1]}的制备方法",
            "专利类型": "发明",
            "申请日": f"{2014 + i % 9}-0{1 + i % 9}-1{i % 10}",
            "授权日": f"{2016 + i % 9}-0{1 + i % 9}-1{i % 10}",
            "法律状态": "有效",
            "专利权人": inst,
            "发明人": "；".join(sorted(names)),
            "IPC主分类号": codes[0],
            "IPC分类号": "；".join(codes),
            "摘要": f"本发明涉及{words[0]}领域，公开了一种{words[1]}。",
            "是否财政资助": "是" if i % 3 == 0 else "否",
        }


def generate(folder: Path, total: int, chunk: int, institutions: list[str]) -> list[Path]:
    files = []
    for start in range(0, total, chunk):
        n = min(chunk, total - start)
        path = folder / f"patents-{start // chunk:04d}.csv"
        samples.write_csv(path, samples.PATENT_HEADER, list(rows(start, n, institutions)))
        files.append(path)
    return files


def mib(kib: float) -> str:
    return f"{kib / 1024:,.0f} MiB"


def neo4j_memory(pid: int | None) -> str:
    """Peak and current resident set of the local server (``/proc``), if it is local."""
    if pid is None:
        return "n/a (remote server)"
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmHWM", "VmRSS"):
            found[key] = int(value.split()[0])
    return f"peak {mib(found['VmHWM'])}, now {mib(found['VmRSS'])}"


def neo4j_cpu(pid: int | None) -> float:
    """CPU seconds the local server has used so far (0 for a remote one): on a shared,
    busy machine the CPU seconds of each side say more than the wall time."""
    if pid is None:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run(graph: Graph, files: list[Path], label: str, profile: bool) -> tuple[float, Counter[str]]:
    timings: dict[str, float] = {}
    written: Counter[str] = Counter()
    last = [time.perf_counter()]

    def show(path: Path, result: ImportResult) -> None:
        assert result.ok, result.problems[:5]
        written.update(result.written)
        written["unchanged"] += result.unchanged
        now = time.perf_counter()
        print(
            f"  {label} {path.name}: {result.records:,} patents in {now - last[0]:.1f} s"
            f" ({result.written.get('relationships_created', 0):,} relationships created,"
            f" {result.unchanged:,} unchanged)",
            flush=True,
        )
        last[0] = now

    started = time.perf_counter()
    import_patent_files(graph, files, timings=timings, on_file=show)
    seconds = time.perf_counter() - started
    if profile:
        for phase, spent in timings.items():
            print(f"    {phase:<36}{spent:8.2f} s  ({spent / seconds:5.1%})")
    return seconds, written


def server() -> tuple[Neo4jSettings, int | None]:
    """The Neo4j of the environment, started when it is the project's own and down; its
    process id when local (for its memory figures)."""
    settings = neo4j_settings()
    if settings.local and not neo4j_server.status(settings).running:
        neo4j_server.start(settings)
    return settings, neo4j_server.status(settings).pid if settings.local else None


def fresh(graph: Graph) -> list[str]:
    """Schema and reference data in place, everything else wiped; names of 300 institutions."""
    migrate(graph)
    if not graph.read("MATCH (i:Institution) RETURN i LIMIT 1"):
        load_reference(graph)
    wipe(graph, keep=REFERENCE_LABELS)
    return [r["n"] for r in graph.read("MATCH (i:Institution) RETURN i.name AS n LIMIT 300")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--patents", type=int, default=100_000)
    parser.add_argument("--chunk", type=int, default=50_000, help="patents per file")
    parser.add_argument("--profile", action="store_true", help="seconds per phase")
    parser.add_argument(
        "--cprofile", action="store_true", help="profile validating the first file (Python)"
    )
    args = parser.parse_args()
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)

    settings, pid = server()
    with Graph(settings) as graph, tempfile.TemporaryDirectory() as tmp:
        names = fresh(graph)
        t = time.perf_counter()
        files = generate(Path(tmp), args.patents, args.chunk, names)
        print(f"generated {len(files)} files in {time.perf_counter() - t:.1f} s", flush=True)
        if args.cprofile:
            profiler = cProfile.Profile()
            profiler.runcall(patents.validate, read_table(files[0], FIRST_SHEET), graph)
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)

        load = os.getloadavg()[0]
        cpu = time.process_time(), neo4j_cpu(pid)
        seconds, written = run(graph, files, "import", args.profile)
        cpu = time.process_time() - cpu[0], neo4j_cpu(pid) - cpu[1]
        first = graph.read(COUNT)[0]
        again, rewritten = run(graph, files, "re-import", args.profile)
        second = graph.read(COUNT)[0]

    n, rels = args.patents, written["relationships_created"]
    print("\n== figures ==")
    print(f"patents:                 {n:,} in {len(files)} files of up to {args.chunk:,}")
    print(f"graph:                   {first['nodes']:,} nodes, {first['rels']:,} relationships, "
          f"{first['inventors']:,} inventors")  # fmt: skip
    print(f"import:                  {seconds:,.1f} s")
    print(f"patents per second:      {n / seconds:,.0f}")
    per_cpu = n / (cpu[0] + cpu[1])
    print(f"CPU per patent:          Python {cpu[0] / n * 1000:.2f} ms, Neo4j "
          f"{cpu[1] / n * 1000:.2f} ms ({per_cpu:,.0f} patents per CPU s)")  # fmt: skip
    print(f"load average:            {load:.1f} before the import, "
          f"{os.getloadavg()[0]:.1f} after, on {os.cpu_count()} CPUs")  # fmt: skip
    print(f"relationships / second:  {rels / seconds:,.0f} ({rels:,} created)")
    print(f"re-import (no change):   {again:,.1f} s, {rewritten['unchanged']:,} unchanged, "
          f"{rewritten['nodes_created']} nodes, {rewritten['relationships_created']} "
          f"relationships created, {rewritten['properties_set']} properties set")  # fmt: skip
    print(f"counts identical:        {'yes' if first == second else f'NO: {first} {second}'}")
    print(f"peak RSS Python:         {mib(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)}")
    print(f"Neo4j RSS:               {neo4j_memory(pid)}")


if __name__ == "__main__":
    main()
