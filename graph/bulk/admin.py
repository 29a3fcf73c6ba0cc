"""``neo4j-admin database import full``, run from the project's own Maven classpath.

``org.neo4j.cli.AdminTool`` with ``neo4j-import-tool`` on the classpath
(``graph/server/pom.xml``) is the importer of the Neo4j distribution, without the
distribution: its home is the local server's folder (``var/neo4j``), whose ``data/`` the
server's launcher uses, so the imported store is the one the server opens next.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import subprocess
import time
from pathlib import Path

from graph.bulk.csvfiles import ARRAY, Files
from graph.neo4j_server import CLASSPATH, JAVA_OPENS, ServerError, build

__all__ = ["printed_command", "run"]


def options(files: Files, database: str) -> list[str]:
    """The importer's arguments for ``files`` (the same locally and for another server)."""
    args = [
        "database",
        "import",
        "full",
        "--overwrite-destination=true",
        "--id-type=string",
        f"--array-delimiter=U+{ord(ARRAY):04X}",
        "--ignore-empty-strings=false",
        "--normalize-types=false",
        f"--report-file={files.folder / 'import.report'}",
    ]
    if files.multiline:
        args.append("--multiline-fields=true")
    threads = os.environ.get("PATENT_HUB_BULK_THREADS")
    if threads:
        args.append(f"--threads={threads}")
    memory = os.environ.get("PATENT_HUB_BULK_MEMORY", "2G")
    args.append(f"--max-off-heap-memory={memory}")
    # the database first: each --nodes/--relationships option takes every file after it
    return [*args, database, *files.arguments()]


def printed_command(files: Files, database: str) -> str:
    """What to run on the server that will hold the data (its own ``neo4j-admin``)."""
    return shlex.join(["neo4j-admin", *options(files, database)])


def run(files: Files, home: Path, database: str) -> tuple[str, float]:
    """Import ``files`` into ``home``'s database (the server must be stopped); the
    importer's output and its peak resident memory in MiB."""
    build()
    conf = home / "conf"
    conf.mkdir(parents=True, exist_ok=True)
    (conf / "neo4j.conf").touch()
    heap = os.environ.get("PATENT_HUB_BULK_HEAP", os.environ.get("PATENT_HUB_NEO4J_HEAP", "1g"))
    command = [
        "java",
        f"-Xmx{heap}",
        *JAVA_OPENS,
        "-cp",
        CLASSPATH.read_text().strip(),
        "org.neo4j.cli.AdminTool",
        *options(files, database),
    ]
    env = dict(os.environ, NEO4J_HOME=str(home), NEO4J_CONF=str(conf))
    log = files.folder / "import.log"
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)
        peak, status = _wait(process.pid)
    process.returncode = os.waitstatus_to_exitcode(status)
    output = log.read_text(encoding="utf-8", errors="replace")
    if process.returncode != 0:
        raise ServerError(
            f"neo4j-admin import failed (exit {process.returncode}):\n{output[-4000:]}"
        )
    return output, peak


def _wait(pid: int) -> tuple[float, int]:
    """Wait for ``pid``; its peak resident memory in MiB (``VmHWM``, read while it runs:
    the ``ru_maxrss`` of a child forked from a large process counts the parent's pages
    it shared before ``exec``) and its wait status."""
    peak = 0.0
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return peak, status
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]) / 1024)
        time.sleep(0.5)
