"""A job whose hub was killed mid-import ends FAILED once no hub beats for it; a job its
hub still runs is left alone, and the beat keeps it alive."""

from __future__ import annotations

import asyncio
import json
from dataclasses import replace
from pathlib import Path

from graph.config import Neo4jSettings
from graph.db import AsyncGraph, Graph
from hub.imports.runner import Runner
from hub.imports.settings import upload_settings

JOB = """CREATE (:ImportJob {id: $id, kind: 'patents', status: $status, submittedBy: 't',
  createdAt: datetime() - duration({seconds: $age}), beat: datetime() - duration({seconds: $age}),
  problems: '[]', problemCount: 0})"""


def status(graph: Graph, job_id: str) -> tuple[str, list[str]]:
    row = graph.read(
        "MATCH (j:ImportJob {id: $id}) RETURN j.status AS s, j.problems AS p", {"id": job_id}
    )[0]
    return row["s"], [p["reason"] for p in json.loads(row["p"])]


async def test_a_job_without_heartbeat_is_failed_and_a_beating_one_is_not(
    graph: Graph, settings: Neo4jSettings, tmp_path: Path
) -> None:
    graph.write(JOB, {"id": "dead", "status": "RUNNING", "age": 3600})
    graph.write(JOB, {"id": "queued-dead", "status": "QUEUED", "age": 3600})
    graph.write(JOB, {"id": "alive", "status": "RUNNING", "age": 5})
    graph.write(JOB, {"id": "done", "status": "SUCCEEDED", "age": 3600})
    agraph = await AsyncGraph.open(settings)
    runner = Runner(agraph, replace(upload_settings(), folder=tmp_path, stale=60))
    try:
        assert sorted(await runner.reap()) == ["dead", "queued-dead"]
        state, reasons = status(graph, "dead")
        assert state == "FAILED"
        assert reasons == ["运行本次导入的服务器已停止：请重新上传文件"]
        assert status(graph, "alive")[0] == "RUNNING"
        assert status(graph, "done")[0] == "SUCCEEDED"
        assert await runner.reap() == []  # a FAILED job is not reaped twice

        # A job this hub runs gets its beat renewed, so an old start does not reap it.
        graph.write(JOB, {"id": "mine", "status": "RUNNING", "age": 3600})
        runner.unfinished.add("mine")
        assert await runner.reap() == []  # its own job, even before its first beat
        runner.settings = replace(runner.settings, stale=0.4)
        runner.start()
        await asyncio.sleep(0.3)
        assert status(graph, "mine")[0] == "RUNNING"
        runner.unfinished.discard("mine")  # its hub forgets it (as if killed): reaped
        for _ in range(300):  # reaped within a few beats (a cold server needs longer)
            await asyncio.sleep(0.1)
            if status(graph, "mine")[0] == "FAILED":
                break
        assert status(graph, "mine")[0] == "FAILED"
    finally:
        await runner.close()
        await agraph.close()
