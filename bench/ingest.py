"""Import speed of the base-library format: a generated file of N patents (default 100,000)
with owners, inventors, IPC codes and derived industries, imported twice (the second time
must create nothing). Prints figures; asserts nothing about time.

    PATENT_HUB_VAR=var/bench .venv/bin/python bench/ingest.py [N]

Uses the Neo4j of the environment (``NEO4J_URI`` or the project's own server, which it
starts when needed); everything but the reference data is wiped first.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

from graph import neo4j_server
from graph.config import neo4j_settings
from graph.db import Graph
from graph.ingest import patents, samples
from graph.ingest.cells import FIRST_SHEET
from graph.ingest.readers import read_table
from graph.ingest.run import import_file
from graph.ingest.values import make_app_no
from graph.ingest.writer import write
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


def generate(path: Path, n: int, institutions: list[str]) -> Path:
    rng = random.Random(2024)
    rows = []
    for i in range(n):
        codes = rng.sample(IPC, rng.randint(1, 4))
        inst = institutions[i % len(institutions)]
        names = {rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN) for _ in range(3)}
        words = rng.sample(WORDS, 2)
        rows.append(
            {
                "申请号": make_app_no(f"{2015 + i % 9}1{i:07d}"),
                "专利名称": f"一种{words[0]}{words[1]}的制备方法",
                "专利类型": "发明",
                "申请日": f"{2014 + i % 9}-0{1 + i % 9}-1{i % 10}",
                "授权日": f"{2016 + i % 9}-0{1 + i % 9}-1{i % 10}",
                "法律状态": "有效",
                "专利权人": inst,
                "发明人": "；".join(names),
                "IPC主分类号": codes[0],
                "IPC分类号": "；".join(codes),
                "摘要": f"本发明涉及{words[0]}领域，公开了一种{words[1]}。",
                "是否财政资助": "是" if i % 3 == 0 else "否",
            }
        )
    return samples.write_csv(path, samples.PATENT_HEADER, rows)


def main(n: int) -> None:
    settings = neo4j_settings()
    if settings.local and not neo4j_server.status(settings).running:
        neo4j_server.start(settings)
    with Graph(settings) as graph:
        migrate(graph)
        if not graph.read("MATCH (i:Institution) RETURN i LIMIT 1"):
            load_reference(graph)
        wipe(graph, keep=REFERENCE_LABELS)
        names = [r["n"] for r in graph.read("MATCH (i:Institution) RETURN i.name AS n LIMIT 300")]
        with tempfile.TemporaryDirectory() as tmp:
            path = generate(Path(tmp) / "patents.csv", n, names)
            t0 = time.perf_counter()
            plan = patents.validate(read_table(path, FIRST_SHEET), graph)
            t1 = time.perf_counter()
            assert not plan.problems, plan.problems[:5]
            written = write(graph, plan)
            t2 = time.perf_counter()
            rels = written["relationships_created"]
            print(f"patents: {n:,}  relationships created: {rels:,}")
            print(f"read + validate: {t1 - t0:6.2f} s  ({n / (t1 - t0):,.0f} patents/s)")
            print(f"write (1 tx):    {t2 - t1:6.2f} s  ({n / (t2 - t1):,.0f} patents/s)")
            print(f"total:           {t2 - t0:6.2f} s  ({n / (t2 - t0):,.0f} patents/s)")
            t3 = time.perf_counter()
            again = import_file(graph, "patents", path, progress=False)
            t4 = time.perf_counter()
            print(
                f"second import:   {t4 - t3:6.2f} s  ({n / (t4 - t3):,.0f} patents/s), "
                f"created {again.written['nodes_created']} nodes, "
                f"{again.written['relationships_created']} relationships"
            )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
