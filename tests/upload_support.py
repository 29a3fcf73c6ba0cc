"""Uploading over real HTTP as the GraphQL multipart request spec says, and waiting for the
job: shared by the upload tests and the write-scope matrix."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import httpx

from graph.db import Graph
from graph.ingest import samples
from graph.ingest.run import import_file

JOB = """id kind status fileName sha256 submittedBy processed total dryRun acceptValid reportUrl
counts { rows records unchanged problems written }
problems { sheet row column reason severity code }"""

UPLOAD = f"""mutation Up($kind: ImportKind!, $file: Upload!, $dry: Boolean, $accept: Boolean) {{
  importFile(kind: $kind, file: $file, dryRun: $dry, acceptValid: $accept) {{ {JOB} }}
}}"""

ZJUT = "4133010337"  # 浙江工业大学, province 33
ZJU = "4133010335"  # 浙江大学, province 33


def base(graph: Graph, folder: Path) -> None:
    """Enterprises, experts and the sample patents, written from the server's shell."""
    for kind in ("enterprises", "experts", "patents"):
        header, rows = samples.SAMPLES[kind]
        path = samples.write_csv(folder / f"base-{kind}.csv", header, rows)
        result = import_file(graph, kind, path, progress=False)
        assert result.problems == [], result.problems


def upload(
    url: str,
    token: str | None,
    kind: str,
    path: Path,
    name: str | None = None,
    **variables: Any,
) -> dict[str, Any]:
    """POST one file (without a token: as an anonymous caller); the GraphQL response body."""
    operations = {"query": UPLOAD, "variables": {"kind": kind, "file": None, **variables}}
    files = {"0": (name or path.name, path.read_bytes(), "application/octet-stream")}
    data = {"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.file"]})}
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    r = httpx.post(f"{url}/graphql", data=data, files=files, headers=headers, timeout=60)
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


def query(url: str, token: str, text: str, **variables: Any) -> dict[str, Any]:
    r = httpx.post(
        f"{url}/graphql",
        json={"query": text, "variables": variables},
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


def job(url: str, token: str, job_id: str) -> dict[str, Any] | None:
    body = query(url, token, f"query J($id: ID!) {{ importJob(id: $id) {{ {JOB} }} }}", id=job_id)
    assert "errors" not in body, body
    found: dict[str, Any] | None = body["data"]["importJob"]
    return found


def finished(url: str, token: str, job_id: str, seconds: float = 90) -> dict[str, Any]:
    """Poll the job until it is SUCCEEDED or FAILED."""
    deadline = time.monotonic() + seconds
    while True:
        got = job(url, token, job_id)
        assert got is not None
        if got["status"] in ("SUCCEEDED", "FAILED"):
            return got
        assert time.monotonic() < deadline, f"job still {got['status']}"
        time.sleep(0.2)


def run(url: str, token: str, kind: str, path: Path, **variables: Any) -> dict[str, Any]:
    """Upload and wait: the finished job."""
    body = upload(url, token, kind, path, **variables)
    assert "errors" not in body, body
    return finished(url, token, body["data"]["importFile"]["id"])


def error_code(body: dict[str, Any]) -> str:
    code: str = body["errors"][0]["extensions"]["code"]
    return code
