"""One upload imported in a process of its own: ``python -m hub.imports.worker JOB``.

Runs ``graph.ingest.run.import_file`` as the uploading account, writes the job's progress
while it reads, the audit entry in the import's own transaction (or alone when nothing
was written), the problem report and the job's end. Memory is capped (RLIMIT_AS), so a
hostile file costs this process, never the hub.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from typing import Any

from neo4j import ManagedTransaction

from graph import audit, cypher
from graph.db import Graph
from graph.ingest.run import ImportResult, import_file
from graph.ingest.table import Problem
from graph.vocab import Role
from graph.writes import Account
from hub.imports.report import write_report
from hub.imports.settings import upload_settings

__all__ = ["main"]

PROGRESS_SECONDS = 0.5
MAX_STORED_PROBLEMS = 10_000


def problem_dict(p: Problem) -> dict[str, Any]:
    severity = str(getattr(p, "severity", "ERROR") or "ERROR").upper()
    return {
        "sheet": p.sheet,
        "row": p.row,
        "column": p.column,
        "reason": p.reason,
        "severity": severity,
        "code": p.code,
    }


def status_of(result: ImportResult) -> str:
    """SUCCEEDED when the file was imported (or the dry run found it clean), else FAILED."""
    errors = [p for p in result.problems if problem_dict(p)["severity"] == "ERROR"]
    if result.dry_run:
        return "FAILED" if errors else "SUCCEEDED"
    if errors and not any(result.written.values()) and not _accepted(result):
        return "FAILED"
    return "SUCCEEDED"


def _accepted(result: ImportResult) -> bool:
    return bool(getattr(result, "accepted", False))


def run(graph: Graph, job_id: str) -> None:
    job = graph.read(cypher.load("imports/get"), {"id": job_id})[0]["job"]
    folder = upload_settings().folder / job_id
    path = folder / f"upload.{job['format']}"
    account = Account(
        Role(job["actorRole"]), job.get("actorScope"), job["submittedBy"], job.get("actorUnit")
    )
    graph.write(cypher.load("imports/start"), {"id": job_id, "pid": os.getpid()})
    last = 0.0

    def progress(read: int, total: int | None) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last >= PROGRESS_SECONDS:
            last = now
            graph.write(
                cypher.load("imports/progress"), {"id": job_id, "processed": read, "total": total}
            )

    args = {
        "kind": job["kind"],
        "file": job["fileName"],
        "sha256": job["sha256"],
        "dryRun": job["dryRun"],
        "acceptValid": job["acceptValid"],
    }
    entry = audit.params(account, "importFile", job_id, args, job.get("requestId") or "-")
    audited = False

    def in_tx(tx: ManagedTransaction) -> None:
        nonlocal audited
        audit.record(tx, entry)
        audited = True

    result = import_file(
        graph,
        job["kind"],
        path,
        dry_run=bool(job["dryRun"]),
        progress=False,
        account=account,
        source=f"upload:{job_id}",
        on_rows=progress,
        in_tx=in_tx,
        accept_valid=bool(job["acceptValid"]),
    )
    if not audited:
        audit.record_alone(graph, entry)
    problems = [problem_dict(p) for p in result.problems]
    report = bool(problems) and write_report(path, result.problems, folder / "report.xlsx")
    counts = {
        "rows": result.rows,
        "records": result.records,
        "unchanged": result.unchanged,
        "problems": len(problems),
        "written": result.written,
    }
    graph.write(
        cypher.load("imports/finish"),
        {
            "id": job_id,
            "status": status_of(result),
            "counts": json.dumps(counts),
            "problems": json.dumps(problems[:MAX_STORED_PROBLEMS], ensure_ascii=False),
            "problemCount": len(problems),
            "report": report,
            "processed": result.rows,
        },
    )


def limit_memory(megabytes: int) -> None:
    size = megabytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (size, size))


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m hub.imports.worker JOB_ID", file=sys.stderr)
        return 2
    limit_memory(upload_settings().memory_mb)
    with Graph() as graph:
        run(graph, argv[0])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
