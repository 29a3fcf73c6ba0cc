"""The ``patent-hub load bulk`` command: progress, problem report, figures."""

from __future__ import annotations

import argparse
import json
import sys

from rich.console import Console

from graph.bulk.load import BulkResult, Source, bulk_load, finish, peak_memory_mib, sources
from graph.bulk.store import BulkRefused
from graph.config import neo4j_settings
from graph.ingest.run import ImportResult, report


def run_bulk(args: argparse.Namespace) -> int:
    out = Console(file=sys.stdout, soft_wrap=True)
    err = Console(file=sys.stderr, soft_wrap=True)
    if args.finish is not None:
        finish(neo4j_settings(), args.finish)
        out.print("empty lists set, schema applied, roll-ups rebuilt")
        return 0
    if not args.files:
        err.print("error: give the files to load (KIND=PATH or a manifest.json)")
        return 2
    settings = neo4j_settings()
    if settings.local:
        out.print(
            f"bulk load into the project's own Neo4j at {settings.uri} (data in {settings.home})"
        )
    else:
        out.print(
            f"NEO4J_URI is {settings.uri}: the importer runs on that server; the CSV files and "
            "the command to run there are written here"
        )

    def shown(source: Source, result: ImportResult) -> None:
        if not result.ok:
            out.print(f"[bold]{source.path}[/bold]", highlight=False)
            report(result, out)

    try:
        result = bulk_load(
            sources(args.files),
            reference=args.reference,
            replace=args.replace,
            work=args.work,
            on_file=shown,
            say=out.print,
        )
    except BulkRefused as exc:
        err.print(f"error: {exc} (nothing was built)", highlight=False)
        return 2
    return _summary(result, out)


def _summary(result: BulkResult, out: Console) -> int:
    if not result.ok:
        out.print(f"{result.refused_path} 有问题（见上）：未建立任何数据")
        return 1
    own, child = peak_memory_mib()
    figures = {
        "files": result.sources,
        "rows": result.rows,
        "records": result.records,
        "counts": result.counts,
        "seconds": {k: round(v, 1) for k, v in result.seconds.items()},
        "peakMemoryMiB": {
            "python": round(own),
            "largestChild": round(child),  # the importer or the forked writer
            "importer": round(result.importer_mib),
        },
    }
    out.print_json(json.dumps(figures, ensure_ascii=False))
    if result.command is not None:
        out.print(
            f"CSV files in {result.folder}. On the server, with Neo4j stopped, copy them to "
            "the same path and run:",
            highlight=False,
        )
        out.print(result.command, highlight=False, markup=False)
        out.print(
            f"then start Neo4j and run `patent-hub load bulk --finish {result.folder}` here",
            highlight=False,
        )
    return 0
