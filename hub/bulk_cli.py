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

__all__ = ["run_bulk"]


def run_bulk(args: argparse.Namespace) -> int:
    out = Console(file=sys.stdout, soft_wrap=True)
    err = Console(file=sys.stderr, soft_wrap=True)
    if args.finish is not None:
        finish(neo4j_settings(), args.finish)
        out.print("空列表已设置，约束与索引已建立，统计汇总已重建")
        return 0
    if not args.files:
        err.print("错误：请给出要载入的文件（KIND=PATH 或 manifest.json）")
        return 2
    settings = neo4j_settings()
    if settings.local:
        out.print(f"批量载入本项目自带的 Neo4j：{settings.uri}（数据目录 {settings.home}）")
    else:
        out.print(
            f"NEO4J_URI 为 {settings.uri}：导入工具须在该服务器上运行；CSV 文件和"
            "要在那里执行的命令写在本机"
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
        err.print(f"错误：{exc}（未建立任何数据）", highlight=False)
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
            f"CSV 文件在 {result.folder}。请在该服务器上停止 Neo4j，把文件复制到"
            "相同路径，然后执行：",
            highlight=False,
        )
        out.print(result.command, highlight=False, markup=False)
        out.print(
            f"再启动 Neo4j，并在本机执行 `patent-hub load bulk --finish {result.folder}`",
            highlight=False,
        )
    return 0
