"""Import speed of a patent-database export: one file of ``--patents`` patents (default
100,000) in a vendor layout (``--layout patsnap|incopat|cnipa``, XLSX or ``--csv``), with
title rows, CN-prefixed numbers, `` | `` separators, 授权发明 / 发明申请, 有效 / 失效 / 审中,
owned by the hub's institutions. Imported once through ``import_file`` (layout recognised
from the headers), then again (which must write nothing). Then the hostile-file figures:
an XLSX bomb refused, and a workbook declaring ``A1:XFD1048576`` read. Prints figures,
asserts nothing about time.

    PATENT_HUB_VAR=var/bench PATENT_HUB_NEO4J_PORT=7709 \\
        .venv/bin/python bench/ingest_vendors.py --patents 100000

Uses the Neo4j of the environment (``NEO4J_URI`` or the project's own server, which it
starts when needed); everything but the reference data is wiped first.
"""

from __future__ import annotations

import argparse
import logging
import re
import resource
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ingest import COUNT, fresh, mib, neo4j_memory, server

from graph.db import Graph
from graph.ingest import vendor_samples
from graph.ingest.cells import FIRST_SHEET
from graph.ingest.readers import read_table
from graph.ingest.run import import_file

SHEET = "xl/worksheets/sheet1.xml"


def swap_sheet(path: Path, change: object) -> None:
    with zipfile.ZipFile(path) as src:
        items = [(i.filename, src.read(i.filename)) for i in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in items:
            if name == SHEET:
                data = change(data.decode()).encode()  # type: ignore[operator]
            dst.writestr(name, data)


def hostile(folder: Path, graph: Graph) -> None:
    """The bomb and the declared dimension, timed."""
    sample = vendor_samples.generate(50, ["浙江大学"])
    bomb = vendor_samples.write_xlsx(folder / "bomb.xlsx", "patsnap", sample[:3])
    row = "<row>" + '<c t="inlineStr"><is><t>炸炸炸炸</t></is></c>' * 16 + "</row>"
    body = row * (256 * 1024 * 1024 // len(row.encode()))
    swap_sheet(bomb, lambda x: x.replace("</sheetData>", body + "</sheetData>"))
    t = time.perf_counter()
    result = import_file(graph, "patents", bomb, progress=False)
    took = time.perf_counter() - t
    print(f"xlsx bomb ({bomb.stat().st_size / 1024:,.0f} KiB file, 256 MiB sheet): refused in "
          f"{took * 1000:,.0f} ms: {result.problems[0].reason}")  # fmt: skip
    wide = vendor_samples.write_xlsx(folder / "wide.xlsx", "patsnap", sample)
    huge = '<dimension ref="A1:XFD1048576"/>'
    swap_sheet(wide, lambda x: re.sub(r'<dimension ref="[^"]*"\s*/>', huge, x))
    t = time.perf_counter()
    rows = len(list(read_table(wide, FIRST_SHEET).rows))
    print(f"A1:XFD1048576 workbook: {rows} rows read in {time.perf_counter() - t:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--patents", type=int, default=100_000)
    parser.add_argument("--layout", default="patsnap", choices=sorted(vendor_samples.LAYOUTS))
    parser.add_argument("--csv", action="store_true", help="write the export as CSV")
    parser.add_argument(
        "--designs", action="store_true", help="1 in 10 a design (Locarno class, no IPC code)"
    )
    args = parser.parse_args()
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)

    settings, pid = server()
    with Graph(settings) as graph, tempfile.TemporaryDirectory() as tmp:
        names = fresh(graph)
        t = time.perf_counter()
        listed = vendor_samples.generate(args.patents, names, designs=args.designs)
        writer = vendor_samples.write_csv if args.csv else vendor_samples.write_xlsx
        path = writer(Path(tmp) / f"export.{'csv' if args.csv else 'xlsx'}", args.layout, listed)
        print(f"generated {path.name} ({args.layout}, {path.stat().st_size / 2**20:,.1f} MiB) "
              f"in {time.perf_counter() - t:.1f} s", flush=True)  # fmt: skip
        del listed
        t = time.perf_counter()
        result = import_file(graph, "patents", path, progress=False)
        seconds = time.perf_counter() - t
        assert result.ok, [str(p) for p in result.problems[:5]]
        first = graph.read(COUNT)[0]
        t = time.perf_counter()
        again = import_file(graph, "patents", path, progress=False)
        reseconds = time.perf_counter() - t
        hostile(Path(tmp), graph)

    n = result.records
    print("\n== figures ==")
    print(f"read as:                 {'; '.join(result.notes)}")
    print(f"patents:                 {n:,} "
          f"({first['nodes']:,} nodes, {first['rels']:,} relationships)")  # fmt: skip
    print(f"import:                  {seconds:,.1f} s, {n / seconds:,.0f} patents/s")
    print(f"re-import (no change):   {reseconds:,.1f} s, {again.unchanged:,} unchanged, "
          f"{again.written.get('nodes_created', 0)} nodes created")  # fmt: skip
    print(f"peak RSS Python:         {mib(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)}")
    print(f"Neo4j RSS:               {neo4j_memory(pid)}")


if __name__ == "__main__":
    main()
