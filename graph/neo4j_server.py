"""The project's own Neo4j Community server: build, start, stop, status.

The server is a plain Java process on a classpath that Maven assembles from Maven
Central (``graph/server``); it listens for Bolt on loopback only and keeps its store
under ``var/neo4j``.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, ServiceUnavailable

from graph.config import ROOT, Neo4jSettings, neo4j_settings
from graph.errors import Unavailable

__all__ = ["CLASSPATH", "JAVA_OPENS", "ServerError", "build", "start", "status", "stop"]

SERVER = ROOT / "graph" / "server"
CLASSPATH = SERVER / "target" / "classpath.txt"
JAVA_OPENS = [
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.util=ALL-UNNAMED",
    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
]


class ServerError(Unavailable, RuntimeError):
    pass


@dataclass(frozen=True)
class Status:
    running: bool
    pid: int | None
    uri: str
    home: Path

    def describe(self) -> str:
        if self.running:
            return f"running (pid {self.pid}) at {self.uri}, data in {self.home}"
        return f"not running ({self.uri}, data in {self.home})"


def build() -> None:
    """Assemble the classpath once; Maven caches the jars in ~/.m2."""
    sources = [SERVER / "pom.xml", *SERVER.glob("src/**/*.java")]
    if CLASSPATH.exists() and all(CLASSPATH.stat().st_mtime >= s.stat().st_mtime for s in sources):
        return
    result = subprocess.run(
        ["mvn", "-q", "-B", "-f", str(SERVER / "pom.xml"), "package"],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise ServerError("building the Neo4j classpath failed:\n" + result.stdout[-4000:])


@dataclass(frozen=True)
class TransactionMemory:
    """Memory of write transactions, in MiB (defaults for the 24 GiB development machine).

    An import writes all of a file in one transaction; its state lives off the heap
    (``db.tx_state.memory_allocation=OFF_HEAP``, at most ``off_heap_mib`` for all
    transactions: ``server.memory.off_heap.transaction_max_size``), and the total that all
    transactions may use, heap and off-heap, is ``total_mib``
    (``dbms.memory.transaction.total.max``): by default 60 % of the heap plus the off-heap
    share, so that a too large transaction fails cleanly instead of exhausting the heap (the
    JVM exits on OutOfMemoryError). ``max_mib`` bounds one transaction
    (``db.memory.transaction.max``; 0: only the total). docs/formats.md gives the largest file
    that fits.
    """

    off_heap_mib: int
    total_mib: int
    max_mib: int = 0


OFF_HEAP_MIB = 6144
HEAP_SHARE = 0.6


def mebibytes(size: str) -> int:
    """``6g`` / ``1024m`` / ``512k`` (the JVM's ``-Xmx`` forms) in MiB."""
    text = size.strip().lower()
    factor = {"g": 1024, "m": 1, "k": 1 / 1024}.get(text[-1:])
    if factor is None:
        return int(int(text) / 2**20)
    return int(float(text[:-1]) * factor)


def transaction_memory(heap: str) -> TransactionMemory:
    """From ``PATENT_HUB_NEO4J_TX_OFFHEAP_MB`` (0: state on the heap),
    ``PATENT_HUB_NEO4J_TX_TOTAL_MB`` and ``PATENT_HUB_NEO4J_TX_MAX_MB``; unset ones get the
    defaults for a server of ``heap``."""
    env = os.environ
    off_heap = int(env.get("PATENT_HUB_NEO4J_TX_OFFHEAP_MB", OFF_HEAP_MIB))
    total = int(mebibytes(heap) * HEAP_SHARE) + off_heap
    return TransactionMemory(
        off_heap_mib=off_heap,
        total_mib=int(env.get("PATENT_HUB_NEO4J_TX_TOTAL_MB", total)),
        max_mib=int(env.get("PATENT_HUB_NEO4J_TX_MAX_MB", 0)),
    )


def _pidfile(home: Path) -> Path:
    return home / "neo4j.pid"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _pid(home: Path) -> int | None:
    path = _pidfile(home)
    if not path.exists():
        return None
    pid = int(path.read_text().strip() or 0)
    return pid if pid and _alive(pid) else None


def status(settings: Neo4jSettings | None = None) -> Status:
    s = settings or neo4j_settings()
    pid = _pid(s.home) if s.local else None
    running = pid is not None if s.local else _answers(s)
    return Status(running=running, pid=pid, uri=s.uri, home=s.home)


def _answers(s: Neo4jSettings) -> bool:
    try:
        with GraphDatabase.driver(s.uri, auth=(s.user, s.password)) as driver:
            driver.verify_connectivity()
        return True
    except AuthError:
        raise
    except (ServiceUnavailable, OSError):
        return False


def _launcher_ready(log: Path, offset: int) -> bool:
    """Whether the launcher started at ``offset`` of its log has printed its ready line."""
    with open(log, "rb") as f:
        f.seek(offset)
        return b" ready" in f.read()


def start(settings: Neo4jSettings | None = None, timeout: float = 180.0) -> Status:
    """Start the local server unless it runs; return once Bolt answers."""
    s = settings or neo4j_settings()
    if not s.local:
        raise ServerError(f"NEO4J_URI is set ({s.uri}): that server is not started by the hub")
    current = status(s)
    if current.running:
        return current
    build()
    logs = s.home / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    heap = os.environ.get("PATENT_HUB_NEO4J_HEAP", "6g")
    page_cache_mib = os.environ.get("PATENT_HUB_NEO4J_PAGECACHE_MB", "6144")
    tx = transaction_memory(heap)
    command = [
        "java",
        f"-Xms{heap}",
        f"-Xmx{heap}",
        "-XX:+UseG1GC",
        "-XX:+ExitOnOutOfMemoryError",
        *JAVA_OPENS,
        "-cp",
        f"{SERVER / 'target' / 'classes'}:{CLASSPATH.read_text().strip()}",
        "hub.neo4j.Launcher",
        str(s.home),
        "127.0.0.1",
        str(s.port),
        s.password,
        page_cache_mib,
        str(tx.off_heap_mib),
        str(tx.total_mib),
        str(tx.max_mib),
    ]
    log_start = (logs / "launcher.log").stat().st_size if (logs / "launcher.log").exists() else 0
    with open(logs / "launcher.log", "ab") as log:
        process = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    _pidfile(s.home).write_text(str(process.pid))
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            _pidfile(s.home).unlink(missing_ok=True)
            tail = (logs / "launcher.log").read_text(errors="replace")[-2000:]
            raise ServerError(f"Neo4j exited with code {process.returncode}:\n{tail}")
        # Bolt opens before the launcher sets the initial password of a new data folder,
        # and failed logins are rate-limited: knock only once the launcher says ready.
        if _launcher_ready(logs / "launcher.log", log_start) and _answers(s):
            return status(s)
        time.sleep(0.5)
    raise ServerError(f"Neo4j did not answer on {s.uri} within {timeout:.0f} s")


def stop(settings: Neo4jSettings | None = None, timeout: float = 120.0) -> Status:
    """Shut the local server down cleanly (SIGTERM runs Neo4j's own shutdown)."""
    s = settings or neo4j_settings()
    pid = _pid(s.home)
    if pid is not None:
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while _alive(pid) and time.monotonic() < deadline:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, os.WNOHANG)
            time.sleep(0.2)
        if _alive(pid):
            raise ServerError(f"Neo4j (pid {pid}) did not stop within {timeout:.0f} s")
    _pidfile(s.home).unlink(missing_ok=True)
    return status(s)
