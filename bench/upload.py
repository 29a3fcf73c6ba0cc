"""Upload-to-finished time of an inventory file over HTTP, and the memory of the server
while it imports.

Starts ``patent-hub serve`` (a real uvicorn process) on ``--port``, imports ``--rows``
base-library patents of one institution from the shell, fills the national inventory
template with one row per patent, uploads it as that institution's account
(``importFile``), polls ``importJob`` until it is finished, then uploads it again (nothing
changes: idempotent). While it waits it samples the resident memory of the hub process and
of its import worker (``/proc``) and the latency of ``/healthz`` (the event loop stays free).
Prints figures; asserts nothing about time.

    PATENT_HUB_VAR=var/bench PATENT_HUB_NEO4J_PORT=7709 \\
        .venv/bin/python bench/upload.py --rows 10000 --port 7711

Uses the Neo4j of the environment (``NEO4J_URI`` or the project's own server, which it
starts when needed); everything but the reference data is wiped first.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from graph import neo4j_server
from graph.config import neo4j_settings
from graph.db import Graph
from graph.ingest import samples
from graph.ingest.run import import_patent_files
from graph.migrate import REFERENCE_LABELS, migrate, wipe
from graph.reference import load_reference
from hub.auth.tokens import issue_dev_token

HERE = Path(__file__).resolve().parent
INSTITUTION = "4133010337"  # 浙江工业大学
NAME = "浙江工业大学"
JOB = "id status processed total counts { rows records unchanged problems written }"
UPLOAD = f"""mutation ($f: Upload!) {{ importFile(kind: INVENTORY, file: $f) {{ {JOB} }} }}"""


def _bench_ingest() -> Any:
    """``bench/ingest.py``'s generator of base-library rows (one copy of it)."""
    spec = importlib.util.spec_from_file_location("bench_ingest", HERE / "ingest.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def inventory_rows(app_nos: list[str]) -> list[dict[str, Any]]:
    """One screened-in row per patent, in the template's columns."""
    model = samples.INVENTORY[2]
    return [
        {**model, "序号": n, "申请号": a, "专利名称": f"专利{n}"}
        for n, a in enumerate(app_nos, start=1)
    ]


def rss(pid: int) -> tuple[int, int]:
    """(current, peak) resident set in KiB of ``pid``; zeros when it is gone."""
    found = {"VmRSS": 0, "VmHWM": 0}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in found:
                found[key] = int(value.split()[0])
    except OSError:
        pass
    return found["VmRSS"], found["VmHWM"]


def children(pid: int) -> list[int]:
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return out


def mib(kib: float) -> str:
    return f"{kib / 1024:,.0f} MiB"


def wait_ready(url: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"the hub at {url} did not become ready")


def upload_and_wait(url: str, token: str, path: Path, hub_pid: int) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {token}"}
    operations = {"query": UPLOAD, "variables": {"f": None}}
    started = time.perf_counter()
    r = httpx.post(
        f"{url}/graphql",
        headers=headers,
        data={"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.f"]})},
        files={"0": (path.name, path.read_bytes())},
        timeout=120,
    )
    accepted = time.perf_counter() - started
    body = r.json()
    if "errors" in body:
        raise SystemExit(f"upload refused: {body['errors']}")
    job_id = body["data"]["importFile"]["id"]
    hub_peak = worker_peak = 0
    worst_health = 0.0
    query = f'{{ importJob(id: "{job_id}") {{ {JOB} }} }}'
    while True:
        current, _ = rss(hub_pid)
        hub_peak = max(hub_peak, current)
        for child in children(hub_pid):
            worker_peak = max(worker_peak, rss(child)[1])
        t = time.perf_counter()
        httpx.get(f"{url}/healthz", timeout=30)
        worst_health = max(worst_health, time.perf_counter() - t)
        got = httpx.post(f"{url}/graphql", json={"query": query}, headers=headers, timeout=30)
        job = got.json()["data"]["importJob"]
        if job["status"] in ("SUCCEEDED", "FAILED"):
            break
        time.sleep(0.2)
    return {
        "job": job,
        "seconds": time.perf_counter() - started,
        "accepted": accepted,
        "hub_peak": hub_peak,
        "worker_peak": worker_peak,
        "health": worst_health,
    }


def report(label: str, got: dict[str, Any]) -> None:
    job = got["job"]
    counts = job["counts"] or {}
    print(
        f"{label}: {job['status']} in {got['seconds']:.1f} s upload-to-finished "
        f"(request answered in {got['accepted']:.2f} s); rows {counts.get('rows')}, "
        f"records {counts.get('records')}, unchanged {counts.get('unchanged')}, "
        f"problems {counts.get('problems')}"
    )
    print(
        f"  hub process resident memory: peak {mib(got['hub_peak'])} while importing; "
        f"import worker peak {mib(got['worker_peak'])}; slowest /healthz {got['health']:.3f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument(
        "--port", type=int, default=int(os.environ.get("PATENT_HUB_BENCH_PORT", 8765))
    )
    args = parser.parse_args()
    settings = neo4j_settings()
    if settings.local and not neo4j_server.status(settings).running:
        neo4j_server.start(settings)
    with Graph(settings) as graph, tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        migrate(graph)
        wipe(graph, keep=REFERENCE_LABELS)
        if not graph.read("MATCH (i:Institution {id: $id}) RETURN i", {"id": INSTITUTION}):
            load_reference(graph)
        generated = list(_bench_ingest().rows(0, args.rows, [NAME]))
        base = samples.write_csv(folder / "patents.csv", samples.PATENT_HEADER, generated)
        started = time.perf_counter()
        [result] = import_patent_files(graph, [base])
        assert result.ok, result.problems[:3]
        print(f"base library: {result.records:,} patents in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        path = samples.fill_template(
            folder / "盘点.xlsx", inventory_rows([r["申请号"] for r in generated])
        )
        size = path.stat().st_size / 1024 / 1024
        print(
            f"inventory template: {args.rows:,} rows, {size:.1f} MB, written in "
            f"{time.perf_counter() - started:.1f} s"
        )
        url = f"http://127.0.0.1:{args.port}"
        hub = subprocess.Popen(
            [sys.executable, "-m", "hub.cli", "serve", "--port", str(args.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_ready(url)
            print(f"hub process at rest: {mib(rss(hub.pid)[0])}")
            token = issue_dev_token("INSTITUTION", INSTITUTION, 3600)
            report("first upload", upload_and_wait(url, token, path, hub.pid))
            report("same file again", upload_and_wait(url, token, path, hub.pid))
        finally:
            hub.terminate()
            hub.wait(timeout=30)


if __name__ == "__main__":
    main()
