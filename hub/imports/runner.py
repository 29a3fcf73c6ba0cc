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
from typing import Any, LiteralString, cast

from graph import cypher
from graph.db import AsyncGraph
from hub.imports.settings import UploadSettings

__all__ = ["Runner"]

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
        """FAIL the jobs no hub beats for, never this hub's own (a beat delayed past
        ``stale`` must not kill a job that runs); returns their ids."""
        problem = _job_problem("SERVER_STOPPED", "运行本次导入的服务器已停止：请重新上传文件")
        rows = await self.graph.write(
            cast(LiteralString, cypher.load("imports/reap")),
            {
                "stale": self.settings.stale,
                "problems": json.dumps([problem], ensure_ascii=False),
                "mine": sorted(self.unfinished),
            },
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
                        await self.fail(
                            job_id, f"导入超时：运行超过 {minutes:g} 分钟", "IMPORT_TIMEOUT"
                        )
                        return
                    finally:
                        self.children.pop(job_id, None)
            except OSError as exc:
                await self.fail(
                    job_id, f"导入无法启动（{type(exc).__name__}）", "IMPORT_NOT_STARTED"
                )
                return
            if code != 0:
                log.error("import worker of job %s ended with %s (see %s)", job_id, code, log_path)
                await self.fail(job_id, _ended(code), "IMPORT_FAILED")

    async def fail(self, job_id: str, reason: str, code: str) -> None:
        """End a job that its worker left unfinished (the statement skips finished ones)."""
        problem = _job_problem(code, reason)
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
            await self.fail(job_id, "导入过程中服务器已停止：请重新上传文件", "SERVER_STOPPED")
        for task in list(self.tasks):
            task.cancel()


def _job_problem(code: str, reason: str) -> dict[str, Any]:
    """The one problem of a job its worker did not finish (as ``worker.problem_dict``)."""
    return {
        "sheet": "",
        "row": 0,
        "column": "",
        "reason": reason,
        "severity": "ERROR",
        "code": code,
    }


def _ended(code: int) -> str:
    if code < 0:
        return f"导入进程被终止（信号 {-code}），例如内存不足"
    return "导入进程出错，文件未导入"
