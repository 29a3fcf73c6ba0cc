"""GraphQL types and root fields of uploads (the GraphQL multipart request spec).

``importFile`` stores the file, queues an ``ImportJob`` and answers at once; a worker
process imports it with the same checks, report and idempotence as ``patent-hub import``,
as the uploading account (``graph.writes``). Clients poll ``importJob`` for progress.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any

import strawberry
from strawberry.file_uploads import Upload
from strawberry.scalars import JSON

from hub.context import Context
from hub.resolvers import imports
from hub.schema.connections import connection
from hub.schema.permissions import SignedIn
from hub.schema.relay import Connection

__all__ = ["ImportJob", "ImportMutation", "ImportQuery"]

Info = strawberry.Info[Context, None]


@strawberry.enum(description="What a file holds: one value per `patent-hub import` kind.")
class ImportKind(Enum):
    PATENTS = "patents"
    INVENTORY = "inventory"
    EVALUATIONS = "evaluations"
    TRANSACTIONS = "transactions"
    ENTERPRISES = "enterprises"
    EXPERTS = "experts"


@strawberry.enum
class ImportStatus(Enum):
    QUEUED = "QUEUED"
    RUNNING = "RUNNING"
    SUCCEEDED = "SUCCEEDED"
    FAILED = "FAILED"


@strawberry.type(description="One thing wrong with a file: where, and why.")
class ImportProblem:
    sheet: str
    row: int = strawberry.field(description="Row number in the sheet (0: the whole file)")
    column: str
    reason: str = strawberry.field(
        description="What is wrong, where and why: a Chinese sentence for the uploader"
    )
    severity: str = strawberry.field(description="ERROR (not written) or WARNING")
    code: str = strawberry.field(
        description="The kind of problem, a stable English identifier for programs "
        "(docs/formats.md, Problem codes); INVALID for problems stored before codes"
    )


@strawberry.type(description="What a finished job read and wrote.")
class ImportCounts:
    rows: int
    records: int
    unchanged: int = strawberry.field(description="Records the hub held as they are")
    problems: int
    written: JSON = strawberry.field(description="Neo4j counters of the write (empty if none)")


@strawberry.type(description="One uploaded file and its import.")
class ImportJob:
    id: strawberry.ID
    kind: ImportKind
    status: ImportStatus
    file_name: str
    sha256: str
    created_at: dt.datetime | None
    finished_at: dt.datetime | None
    submitted_by: str
    dry_run: bool
    accept_valid: bool
    processed: int = strawberry.field(description="Rows read so far")
    total: int | None = strawberry.field(description="Rows the file declares, if known")
    counts: ImportCounts | None
    problems: list[ImportProblem]
    report_url: str | None = strawberry.field(
        description="The sheet with a reasons column on each faulty row (xlsx), if any"
    )

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> ImportJob:
        """Of a job row (``hub.resolvers.imports.job_row``)."""
        counts = row["counts"]
        return cls(
            id=row["id"],
            kind=ImportKind(row["kind"]),
            status=ImportStatus(row["status"]),
            file_name=row["fileName"],
            sha256=row["sha256"],
            created_at=row["createdAt"],
            finished_at=row["finishedAt"],
            submitted_by=row["submittedBy"],
            dry_run=bool(row.get("dryRun")),
            accept_valid=bool(row.get("acceptValid")),
            processed=int(row.get("processed") or 0),
            total=row.get("total"),
            counts=ImportCounts(**counts) if counts else None,
            problems=[ImportProblem(**p) for p in row["problems"]],
            report_url=row["reportUrl"],
        )


@strawberry.type
class ImportQuery:
    @strawberry.field(description="One of the caller's uploads (NATIONAL: any).")
    async def import_job(self, info: Info, id: strawberry.ID) -> ImportJob | None:
        row = await imports.import_job(info.context, str(id))
        return ImportJob.from_row(row) if row else None

    @strawberry.field(description="The caller's uploads, newest first (NATIONAL: all).")
    async def import_jobs(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> Connection[ImportJob]:
        return connection(await imports.import_jobs(info.context, first, after), ImportJob.from_row)


@strawberry.type
class ImportMutation:
    @strawberry.mutation(
        description="Upload a file of `kind` to import as the calling account; answers the "
        "queued job at once (poll `importJob`).",
        permission_classes=[SignedIn],
    )
    async def import_file(
        self,
        info: Info,
        kind: ImportKind,
        file: Upload,
        dry_run: bool = False,
        accept_valid: bool = False,
    ) -> ImportJob:
        upload: Any = file
        row = await imports.import_file(info.context, kind.value, upload, dry_run, accept_valid)
        return ImportJob.from_row(row)
