"""Import jobs run in worker processes, a few at a time, off the event loop.

A worker (``python -m hub.imports.worker JOB``) imports one file with its own Neo4j
connection and memory limit, and writes the job's progress and end itself. A worker
that dies (out of memory, killed, a crash) or runs past the time limit leaves its job
FAILED with the reason; the hub process and its other requests never notice.

The hub beats for its unfinished jobs (``beat``); any hub FAILs jobs whose beat is older
than ``PATENT_HUB_IMPORT_STALE`` seconds, so a job whose hub was killed does not stay
RUNNING for ever.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sys
from typing import LiteralString, cast

from graph import cypher
from graph.db import AsyncGraph
from hub.imports.settings import UploadSettings

log = logging.getLogger("hub.imports")


class Runner:
    def __init__(self, graph: AsyncGraph, settings: UploadSettings) -> None:
        self.graph = graph
        self.settings = settings
        self.slots = asyncio.Semaphore(settings.workers)
        self.tasks: set[asyncio.Task[None]] = set()
        self.children: dict[str, asyncio.subprocess.Process] = {}
        self.unfinished: set[str] = set()
        self.keeper: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Begin beating and reaping (from the app's lifespan, on its event loop)."""
        self.keeper = asyncio.get_running_loop().create_task(self._keep())

    def submit(self, job_id: str) -> None:
        self.unfinished.add(job_id)
        task = asyncio.get_running_loop().create_task(self._run(job_id))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def _keep(self) -> None:
        while True:
            try:
                if self.unfinished:
                    await self.graph.write(
                        cast(LiteralString, cypher.load("imports/beat")),
                        {"ids": sorted(self.unfinished)},
                    )
                await self.reap()
            except Exception as exc:  # Neo4j away: try again at the next beat
                log.warning("import jobs' heartbeat failed: %s", exc)
            await asyncio.sleep(self.settings.stale / 4)

    async def reap(self) -> list[str]:
        """FAIL the jobs no hub beats for; returns their ids."""
        reason = "the server running the import stopped: upload the file again"
        problem = {"sheet": "", "row": 0, "column": "", "reason": reason, "severity": "ERROR"}
        rows = await self.graph.write(
            cast(LiteralString, cypher.load("imports/reap")),
            {"stale": self.settings.stale, "problems": json.dumps([problem], ensure_ascii=False)},
        )
        ids = [str(r["id"]) for r in rows]
        if ids:
            log.warning("import jobs %s FAILED: no heartbeat for %gs", ids, self.settings.stale)
        return ids

    async def _run(self, job_id: str) -> None:
        try:
            await self._work(job_id)
        finally:
            self.unfinished.discard(job_id)

    async def _work(self, job_id: str) -> None:
        async with self.slots:
            log_path = self.settings.folder / job_id / "worker.log"
            try:
                with log_path.open("wb") as out:
                    child = await asyncio.create_subprocess_exec(
                        sys.executable,
                        "-m",
                        "hub.imports.worker",
                        job_id,
                        stdin=asyncio.subprocess.DEVNULL,
                        stdout=out,
                        stderr=out,
                    )
                    self.children[job_id] = child
                    try:
                        code = await asyncio.wait_for(child.wait(), self.settings.timeout)
                    except TimeoutError:
                        child.kill()
                        await child.wait()
                        minutes = self.settings.timeout / 60
                        await self.fail(job_id, f"the import ran longer than {minutes:g} min")
                        return
                    finally:
                        self.children.pop(job_id, None)
            except OSError as exc:
                await self.fail(job_id, f"the import could not start ({type(exc).__name__})")
                return
            if code != 0:
                log.error("import worker of job %s ended with %s (see %s)", job_id, code, log_path)
                await self.fail(job_id, _ended(code))

    async def fail(self, job_id: str, reason: str) -> None:
        """End a job that its worker left unfinished (the statement skips finished ones)."""
        problem = {"sheet": "", "row": 0, "column": "", "reason": reason, "severity": "ERROR"}
        try:
            await self.graph.write(
                cast(LiteralString, cypher.load("imports/finish")),
                {
                    "id": job_id,
                    "status": "FAILED",
                    "counts": None,
                    "problems": json.dumps([problem], ensure_ascii=False),
                    "problemCount": 1,
                    "report": False,
                    "processed": None,
                },
            )
        except Exception as exc:  # the database may be the reason; the log says so
            log.error("job %s could not be marked FAILED: %s", job_id, exc)

    async def close(self) -> None:
        """At shutdown: stop the workers, their jobs FAILED (resubmit the files)."""
        if self.keeper is not None:
            self.keeper.cancel()
        for job_id, child in list(self.children.items()):
            child.kill()
            await self.fail(job_id, "the server stopped during the import: upload the file again")
        for task in list(self.tasks):
            task.cancel()


def _ended(code: int) -> str:
    if code < 0:
        return f"the import process was stopped (signal {-code}), e.g. out of memory"
    return "the import process failed; the file was not imported"
