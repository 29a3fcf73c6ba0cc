"""Uploads: the file stored and sniffed, the job queued; the jobs a caller sees, as rows.

Order of checks: an anonymous caller (UNAUTHENTICATED, the field's permission class in
``hub.schema.imports``) → a kind the role may not write (FORBIDDEN) → the file. A file
the importer cannot read at all still makes a job, FAILED with the reason, so every
upload leaves its job and its audit entry.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import re
import shutil
import uuid
from pathlib import Path
from typing import IO, Any

from graph import audit, cypher
from graph.writes import WriteForbidden, check_kind
from hub.context import Context
from hub.errors import BadUserInput, Forbidden
from hub.imports.runner import Runner
from hub.imports.settings import upload_settings
from hub.imports.sniff import NotAcceptedFile, sniff
from hub.resolvers import paging
from hub.resolvers.keyset import Page

__all__ = ["import_file", "import_job", "import_jobs"]

CHUNK = 1024 * 1024
_UNSAFE = re.compile(r"[\x00-\x1f/\\]")


def file_name(raw: str | None) -> str:
    """The name the client gave, as a label only (never a path): last part, 200 chars."""
    name = _UNSAFE.sub("_", (raw or "").replace("\\", "/").rsplit("/", 1)[-1]).strip()
    return (name or "upload")[:200]


def _store(source: IO[bytes], target: Path) -> tuple[str, int]:
    """Copy the upload to ``target``; its SHA-256 and size."""
    digest = hashlib.sha256()
    size = 0
    target.parent.mkdir(parents=True, exist_ok=True)
    source.seek(0)
    with target.open("wb") as out:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    return digest.hexdigest(), size


def _who(ctx: Context) -> dict[str, Any]:
    p = ctx.principal
    return {"subject": p.subject, "actorScope": p.scope, "scope": {"role": p.role.value}}


async def import_file(
    ctx: Context, kind: str, upload: Any, dry_run: bool, accept_valid: bool
) -> dict[str, Any]:
    """The queued (or at once FAILED) job, as ``job_row`` shapes it."""
    p = ctx.principal
    account = p.account()
    try:
        check_kind(account, kind)
    except WriteForbidden as exc:
        raise Forbidden(str(exc), kind=kind.upper()) from None
    if upload is None or not hasattr(upload, "file"):
        raise BadUserInput("file: a multipart upload is required", argument="file")
    settings = upload_settings()
    job_id = uuid.uuid4().hex
    folder = settings.folder / job_id
    raw = folder / "upload.bin"
    sha256, size = await asyncio.to_thread(_store, upload.file, raw)
    name = file_name(getattr(upload, "filename", None))
    problems: list[dict[str, Any]] = []
    fmt: str | None = None
    try:
        fmt = await asyncio.to_thread(sniff, raw)
        raw.rename(folder / f"upload.{fmt}")
    except NotAcceptedFile as exc:
        problems.append(
            {
                "sheet": name,
                "row": 0,
                "column": "",
                "reason": str(exc),
                "severity": "ERROR",
                "code": "FILE_NOT_ACCEPTED",
            }
        )
        await asyncio.to_thread(shutil.rmtree, folder, True)
    counts = {"rows": 0, "records": 0, "unchanged": 0, "problems": len(problems), "written": {}}
    row = (
        await ctx.graph.write(
            cypher.load("imports/create"),
            {
                "id": job_id,
                "kind": kind,
                "status": "FAILED" if problems else "QUEUED",
                "fileName": name,
                "sha256": sha256,
                "size": size,
                "format": fmt,
                "subject": p.subject,
                "role": p.role.value,
                "scope": p.scope,
                "unit": account.unit,
                "dryRun": dry_run,
                "acceptValid": accept_valid,
                "problems": json.dumps(problems, ensure_ascii=False) if problems else None,
                "counts": json.dumps(counts) if problems else None,
                "requestId": ctx.request_id,
            },
        )
    )[0]["job"]
    if problems:
        args = {"kind": kind, "file": name, "sha256": sha256, "status": "FAILED"}
        entry = audit.params(account, "importFile", job_id, args, ctx.request_id)
        await ctx.graph.write(cypher.load("mutations/audit"), entry)
    else:
        assert ctx.request is not None
        runner: Runner = ctx.request.app.state.imports
        runner.submit(job_id)
    return job_row(row)


def job_row(row: dict[str, Any]) -> dict[str, Any]:
    """A stored job with its JSON decoded (``counts`` a dict or None, ``problems`` a list
    of dicts, each with a ``code``), instants as ``datetime`` and its report's address."""
    counts = json.loads(row["counts"]) if row.get("counts") else None
    problems = json.loads(row["problems"]) if row.get("problems") else []
    return {
        **row,
        "createdAt": _instant(row.get("createdAt")),
        "finishedAt": _instant(row.get("finishedAt")),
        "counts": counts or None,
        "problems": [{"code": "INVALID", **p} for p in problems],
        "reportUrl": f"/imports/{row['id']}/report" if row.get("report") else None,
    }


def _is_text(value: Any) -> bool:
    return isinstance(value, str)


def _instant(value: Any) -> Any:
    return value.to_native() if hasattr(value, "to_native") else value


async def import_job(ctx: Context, job_id: str) -> dict[str, Any] | None:
    rows = await ctx.graph.read(cypher.load("imports/visible"), {"id": job_id, **_who(ctx)})
    return job_row(rows[0]["job"]) if rows else None


async def import_jobs(ctx: Context, first: int, after: str | None) -> Page:
    """A page of ``job_row`` rows, newest first."""
    limit = paging.page_size(first)
    after_at = after_id = None
    if after is not None:
        value = paging.decode(after)
        if not (isinstance(value, list) and len(value) == 2 and all(map(_is_text, value))):
            raise BadUserInput(f"after {after!r} is not a cursor of importJobs", argument="after")
        after_at, after_id = value
    args = {**_who(ctx), "afterAt": after_at, "afterId": after_id, "limit": limit + 1}
    rows = [r["job"] for r in await ctx.graph.read(cypher.load("imports/page"), args)]
    cursors = [paging.encode([str(r["createdAt"]), r["id"]]) for r in rows[:limit]]
    page_rows = [job_row(r) for r in rows[:limit]]

    async def count() -> int:
        found = await ctx.graph.read(cypher.load("imports/count"), _who(ctx))
        return int(found[0]["n"])

    return Page(page_rows, cursors, len(rows) > limit, after is not None, count)
