"""The hub beside @neo4j/graphql 7 and beside hand-written Cypher, on the same Neo4j and data.

    python bench/side_by_side.py [--rounds R] [--requests N] [--clients 1 8] [--patents P]

Uses the configured Neo4j (``NEO4J_URI``, or the project's own server, started if needed;
an empty graph gets the reference data and ``--patents`` demo patents first). The hub runs
as deployed (uvicorn, one process, as NATIONAL) and the peer is ``bench/peer/server.mjs``
(one Node process, `make bench-peer-deps` installs its locked packages). Each operation is
asked three ways, whose answers are compared first (canonical form: keys, titles, names,
counts); then rounds of hub, peer and raw Cypher are interleaved, at each client count.

Printed per operation and client count: p50, p95 and requests/s of each side, CPU
milliseconds per request of the hub, the peer and Neo4j (from /proc), and the ratios the
read-path goal is stated in. A counting pass through a Bolt proxy gives the statements
(RUN messages) and round trips (client sends after a server reply) per request of each
side. Figures also go to ``bench/out/side_by_side.json``. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, LiteralString, cast

import httpx

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# Run as a script, this folder would head sys.path: the repository root goes there instead.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
sys.path.insert(0, str(ROOT))

from graph.config import Neo4jSettings, neo4j_settings  # noqa: E402
from graph.db import AsyncGraph, Graph  # noqa: E402

PEER = HERE / "peer"
CYPHER = HERE / "cypher"
OUT = HERE / "out"
SEARCH = "锂电池 正极"
GRANTED = 1900  # grant year filter: granted patents only, so both sides sort alike

Canon = Any


@dataclass(frozen=True)
class Operation:
    """One question, asked of the hub, of the peer and as one Cypher statement."""

    name: str
    hub: str
    peer: str
    cypher: str  # bench/cypher/<cypher>.cypher
    hub_canon: Callable[[dict[str, Any]], Canon]
    peer_canon: Callable[[dict[str, Any]], Canon]
    raw_canon: Callable[[list[dict[str, Any]]], Canon]


def _patents(items: list[dict[str, Any]], *, institution: str | None = None) -> Canon:
    """Patents as comparable tuples; inventors as a sorted list (the peer has no order)."""
    out = []
    for p in items:
        owner = None
        if institution == "one":
            owner = (p.get("institution") or {}).get("name")
        elif institution == "list":
            owners = p.get("institutions") or []
            owner = owners[0]["name"] if owners else None
        elif institution == "raw":
            owner = p.get("institution")
        inventors = p.get("inventors")
        if inventors is not None:
            inventors = sorted(v if isinstance(v, str) else v["name"] for v in inventors)
        out.append((p["appNo"], p.get("title"), owner, inventors))
    return out


def operations(picked: dict[str, Any]) -> tuple[list[Operation], dict[str, Any]]:
    """The five operations of the read-path goal, and their variables."""
    from graph.fulltext import all_words

    variables = {
        "year": GRANTED,
        "id": picked["institutionId"],
        "search": SEARCH,
        "phrase": all_words(SEARCH),
        "province": picked["provinceCode"],
        "appNos": picked["appNos"],
        "reps": [{"__typename": "Patent", "appNo": a} for a in picked["appNos"]],
    }
    ops = [
        Operation(
            "page of 20 with institution, inventors",
            """query ($year: Int!) { patents(filter: {grantYearFrom: $year}, first: 20) {
                 nodes { appNo title institution { name } inventors { name } } } }""",
            """query ($year: Int!) { patents(where: {grantYear: {gte: $year}},
                 sort: [{grantDate: DESC}, {appNo: ASC}], limit: 20) {
                 appNo title institutions { name } inventors { name } } }""",
            "peer_page",
            lambda d: _patents(d["patents"]["nodes"], institution="one"),
            lambda d: _patents(d["patents"], institution="list"),
            lambda rows: _patents(rows, institution="raw"),
        ),
        Operation(
            "institution, 50 patents, inventors",
            """query ($id: String!) { institution(id: $id) { name
                 patents(first: 50) { nodes { appNo title inventors { name } } } } }""",
            """query ($id: String!, $year: Int!) { institutions(where: {id: {eq: $id}}) { name
                 patents(where: {grantYear: {gte: $year}},
                         sort: [{grantDate: DESC}, {appNo: ASC}], limit: 50) {
                   appNo title inventors { name } } } }""",
            "peer_institution",
            lambda d: (
                d["institution"]["name"],
                _patents(d["institution"]["patents"]["nodes"]),
            ),
            lambda d: (d["institutions"][0]["name"], _patents(d["institutions"][0]["patents"])),
            lambda rows: (rows[0]["name"], _patents(rows[0]["patents"])),
        ),
        Operation(
            "full-text search, 20 ranked",
            """query ($search: String!) { patents(search: $search, first: 20) {
                 nodes { appNo title } } }""",
            """query ($phrase: String!) { patentSearch(phrase: $phrase, first: 20,
                 sort: [{score: DESC}, {node: {appNo: ASC}}]) {
                 edges { score node { appNo title } } } }""",
            "peer_search",
            lambda d: sorted(_patents(d["patents"]["nodes"])),
            lambda d: sorted(_patents([e["node"] for e in d["patentSearch"]["edges"]])),
            lambda rows: sorted(_patents(rows)),
        ),
        Operation(
            "count under a filter",
            """query ($province: String!) {
                 patents(filter: {provinceCode: $province, type: INVENTION}) { totalCount } }""",
            """query ($province: String!) { patentsConnection(
                 where: {provinceCode: {eq: $province}, type: {eq: "INVENTION"}}) {
                 totalCount } }""",
            "peer_count",
            lambda d: d["patents"]["totalCount"],
            lambda d: d["patentsConnection"]["totalCount"],
            lambda rows: rows[0]["total"],
        ),
        Operation(
            "100 patents by application number",
            """query ($reps: [_Any!]!) { _entities(representations: $reps) {
                 ... on Patent { appNo title institution { name } } } }""",
            """query ($appNos: [String!]!) { patents(where: {appNo: {in: $appNos}}) {
                 appNo title institutions { name } } }""",
            "entities_batch",
            lambda d: sorted(_patents([e for e in d["_entities"] if e], institution="one")),
            lambda d: sorted(_patents(d["patents"], institution="list")),
            lambda rows: sorted(_patents(rows, institution="raw")),
        ),
    ]
    return ops, variables


# --- the three sides -----------------------------------------------------------------


def used(query: str, variables: dict[str, Any]) -> dict[str, Any]:
    """The variables a document declares, so neither server sees undeclared ones."""
    return {k: v for k, v in variables.items() if f"${k}" in query}


class Side:
    name: str

    async def ask(self, op: Operation, variables: dict[str, Any]) -> Canon:
        raise NotImplementedError


class GraphQLSide(Side):
    def __init__(self, name: str, url: str, headers: dict[str, str], clients: int) -> None:
        self.name = name
        self.url = url
        limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
        self.client = httpx.AsyncClient(headers=headers, limits=limits, timeout=120.0)

    async def ask(self, op: Operation, variables: dict[str, Any]) -> Canon:
        query = op.hub if self.name == "hub" else op.peer
        response = await self.client.post(
            self.url, json={"query": query, "variables": used(query, variables)}
        )
        body = response.json()
        if response.status_code != 200 or body.get("errors"):
            raise RuntimeError(json.dumps(body.get("errors") or body, ensure_ascii=False)[:400])
        return (op.hub_canon if self.name == "hub" else op.peer_canon)(body["data"])

    async def close(self) -> None:
        await self.client.aclose()


class RawSide(Side):
    name = "cypher"

    def __init__(self, graph: AsyncGraph) -> None:
        self.graph = graph

    async def ask(self, op: Operation, variables: dict[str, Any]) -> Canon:
        query = cast(LiteralString, (CYPHER / f"{op.cypher}.cypher").read_text("utf-8"))
        async with self.graph.driver.session(database=self.graph.database) as session:
            result = await session.run(query, variables)
            rows = [r.data() async for r in result]
        return op.raw_canon(rows)


# --- processes -------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    url: str

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def _env(settings: Neo4jSettings, uri: str) -> dict[str, str]:
    env = os.environ.copy()
    env.update(
        NEO4J_URI=uri,
        NEO4J_USER=settings.user,
        NEO4J_PASSWORD=settings.password,
        NEO4J_DATABASE=settings.database,
        APOLLO_TELEMETRY_DISABLED="true",
    )
    return env


def _wait(process: subprocess.Popen[bytes], url: str, what: str) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{what} exited with code {process.returncode}")
        try:
            httpx.post(url, json={"query": "{ __typename }"}, timeout=2.0)
            return
        except httpx.TransportError:
            time.sleep(0.3)
    process.terminate()
    raise SystemExit(f"{what} did not answer within 90 s")


def start_hub(settings: Neo4jSettings, uri: str) -> Server:
    port = free_port()
    args = [sys.executable, "-m", "uvicorn", "hub.app:served_app", "--factory"]
    args += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    args += ["--no-access-log"]
    process = subprocess.Popen(args, cwd=ROOT, env=_env(settings, uri))
    url = f"http://127.0.0.1:{port}/graphql"
    _wait(process, url, "the hub")
    return Server(process, url)


def start_peer(settings: Neo4jSettings, uri: str) -> Server:
    if not (PEER / "node_modules" / "@neo4j" / "graphql").is_dir():
        raise SystemExit(f"{PEER}/node_modules is missing: run `make bench-peer-deps`")
    port = free_port()
    args = ["node", "server.mjs", "--port", str(port)]
    process = subprocess.Popen(args, cwd=PEER, env=_env(settings, uri), stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    _wait(process, url, "@neo4j/graphql")
    return Server(process, url)


def cpu_seconds(pid: int | None) -> float:
    """User + system CPU of a process so far (0 when unknown)."""
    if pid is None:
        return 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def neo4j_pid(settings: Neo4jSettings) -> int | None:
    """The local server's JVM, found by its command line (None for a remote Neo4j)."""
    if not settings.local:
        return None
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"hub.neo4j.Launcher" in cmdline and str(settings.port).encode() in cmdline:
            return int(proc.name)
    return None


# --- a Bolt proxy that counts ------------------------------------------------------------

SIGNATURES = {0x10: "RUN", 0x11: "BEGIN", 0x12: "COMMIT", 0x3F: "PULL", 0x2F: "DISCARD"}


@dataclass
class BoltCounts:
    statements: int = 0
    round_trips: int = 0
    messages: dict[str, int] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.statements}/{self.round_trips}"


class CountingProxy:
    """Forwards Bolt to Neo4j and counts what the client sends after the handshake.

    A statement is a RUN message; a round trip is a client send that follows a server
    reply. Handshake (including the version manifest of Bolt 5.7+) is skipped.
    """

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.counts = BoltCounts()
        self.server: asyncio.Server | None = None
        self.port = 0

    async def start(self) -> None:
        self.server = await asyncio.start_server(self._connection, "127.0.0.1", 0)
        self.port = self.server.sockets[0].getsockname()[1]

    async def close(self) -> None:
        if self.server is not None:
            self.server.close()

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
        state = {"replied": True, "manifest": False}
        up_writer.write(await reader.readexactly(20))  # magic + four versions
        version = await up_reader.readexactly(4)
        writer.write(version)
        state["manifest"] = version == b"\x00\x00\x01\xff"

        async def downstream() -> None:
            while data := await up_reader.read(65536):
                state["replied"] = True
                writer.write(data)
                await writer.drain()
            writer.close()

        async def upstream() -> None:
            buffer = bytearray()
            if state["manifest"]:
                # The client answers the manifest with a version and a capability varint.
                chosen = await reader.readexactly(4)
                varint = bytearray()
                while True:
                    b = await reader.readexactly(1)
                    varint += b
                    if not b[0] & 0x80:
                        break
                up_writer.write(chosen + varint)
            while data := await reader.read(65536):
                if state["replied"]:
                    self.counts.round_trips += 1
                    state["replied"] = False
                buffer += data
                self._messages(buffer)
                up_writer.write(data)
                await up_writer.drain()
            up_writer.close()

        try:
            await asyncio.gather(downstream(), upstream(), return_exceptions=True)
        except asyncio.CancelledError:  # the bench is done: drop the connection quietly
            writer.close()
            up_writer.close()

    def _messages(self, buffer: bytearray) -> None:
        """Consume whole chunked messages from ``buffer``, counting their signatures."""
        while True:
            pos, first, complete = 0, None, False
            while pos + 2 <= len(buffer):
                size = int.from_bytes(buffer[pos : pos + 2], "big")
                if size == 0:
                    complete = True
                    break
                if pos + 2 + size > len(buffer):
                    return
                if first is None and size >= 2:
                    first = buffer[pos + 3]  # after the struct marker
                pos += 2 + size
            if not complete:
                return
            del buffer[: pos + 2]
            if first is None:
                continue  # a NOOP chunk
            name = SIGNATURES.get(first, f"0x{first:02X}")
            self.counts.messages[name] = self.counts.messages.get(name, 0) + 1
            if first == 0x10:
                self.counts.statements += 1


# --- measuring -------------------------------------------------------------------------


@dataclass
class Figures:
    latencies: list[float] = field(default_factory=list)
    seconds: float = 0.0
    errors: int = 0
    first_error: str | None = None
    cpu: dict[str, float] = field(default_factory=dict)

    def p(self, q: int) -> float:
        if len(self.latencies) < 2:
            return self.latencies[0] * 1000 if self.latencies else float("nan")
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[q - 1] * 1000

    def rps(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0


async def burst(ask: Callable[[], Awaitable[Canon]], clients: int, requests: int) -> Figures:
    figures = Figures()
    remaining = requests

    async def worker() -> None:
        nonlocal remaining
        while remaining > 0:
            remaining -= 1
            start = time.perf_counter()
            try:
                await ask()
            except Exception as exc:  # a failed request is a figure
                figures.errors += 1
                figures.first_error = figures.first_error or f"{type(exc).__name__}: {exc}"
            figures.latencies.append(time.perf_counter() - start)

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(clients)))
    figures.seconds = time.perf_counter() - start
    return figures


def merge(into: Figures, more: Figures) -> None:
    into.latencies += more.latencies
    into.seconds += more.seconds
    into.errors += more.errors
    into.first_error = into.first_error or more.first_error
    for k, v in more.cpu.items():
        into.cpu[k] = into.cpu.get(k, 0.0) + v


async def compare(sides: list[Side], ops: list[Operation], variables: dict[str, Any]) -> None:
    print("answers compared:")
    for op in ops:
        answers = {}
        for side in sides:
            try:
                answers[side.name] = await side.ask(op, variables)
            except Exception as exc:
                answers[side.name] = f"error: {exc}"
        reference = answers["cypher"]
        verdict = ", ".join(
            f"{name} {'equal' if a == reference else 'DIFFERENT'}"
            for name, a in answers.items()
            if name != "cypher"
        )
        size = len(reference) if isinstance(reference, list) else reference
        if isinstance(reference, tuple):
            size = len(reference[1])
        print(f"  {op.name:<38} {verdict} (size {size})")
        for name, a in answers.items():
            if a != reference:
                print(f"    {name}: {str(a)[:300]}\n    cypher: {str(reference)[:300]}")


async def measure(
    sides: list[Side],
    ops: list[Operation],
    variables: dict[str, Any],
    pids: dict[str, int | None],
    clients: int,
    requests: int,
    rounds: int,
) -> dict[str, dict[str, Figures]]:
    results: dict[str, dict[str, Figures]] = {op.name: {} for op in ops}
    for op in ops:
        for side in sides:  # warm-up: caches, plans, pools
            await burst(lambda s=side, o=op: s.ask(o, variables), clients, max(clients, 10))
        for _ in range(rounds):
            for side in sides:
                before = {k: cpu_seconds(pid) for k, pid in pids.items()}
                figures = await burst(lambda s=side, o=op: s.ask(o, variables), clients, requests)
                figures.cpu = {k: cpu_seconds(pid) - before[k] for k, pid in pids.items()}
                merge(results[op.name].setdefault(side.name, Figures()), figures)
    return results


async def count_bolt(
    settings: Neo4jSettings, ops: list[Operation], variables: dict[str, Any], headers: Any
) -> dict[str, dict[str, BoltCounts]]:
    """Statements and round trips per request of hub and peer, through the proxy."""
    proxy = CountingProxy(settings.port if settings.local else 7687)
    await proxy.start()
    uri = f"bolt://127.0.0.1:{proxy.port}"
    # Started off the event loop: the proxy runs on it and the hub connects at start-up.
    hub = await asyncio.to_thread(start_hub, settings, uri)
    peer = await asyncio.to_thread(start_peer, settings, uri)
    out: dict[str, dict[str, BoltCounts]] = {op.name: {} for op in ops}
    sides = [
        GraphQLSide("hub", hub.url, headers, 1),
        GraphQLSide("peer", peer.url, {}, 1),
    ]
    n = 10
    try:
        for op in ops:
            for side in sides:
                try:
                    await side.ask(op, variables)  # connections and plans in place
                    proxy.counts = BoltCounts()
                    for _ in range(n):
                        await side.ask(op, variables)
                except RuntimeError as exc:  # a count is a figure too: report, go on
                    print(f"  counting {side.name} / {op.name} failed: {str(exc)[:200]}")
                    out[op.name][side.name] = BoltCounts(-1, -1)
                    continue
                c = proxy.counts
                out[op.name][side.name] = BoltCounts(
                    c.statements // n,
                    c.round_trips // n,
                    {k: v // n for k, v in c.messages.items()},
                )
    finally:
        for side in sides:
            await cast(GraphQLSide, side).close()
        hub.stop()
        peer.stop()
        await proxy.close()
    return out


# --- data and report ----------------------------------------------------------------------


def ensure_data(patents: int) -> dict[str, Any]:
    from graph import neo4j_server

    settings = neo4j_settings()
    if settings.local and not neo4j_server.status(settings).running:
        print(neo4j_server.start(settings).describe(), flush=True)
    with Graph(settings) as graph:
        held = graph.read("MATCH (p:Patent) RETURN count(p) AS n")[0]["n"]
        if held == 0:
            from graph.demo import load_demo
            from graph.migrate import migrate
            from graph.reference import load_reference

            print(f"generating {patents} demo patents ...", flush=True)
            migrate(graph)
            load_reference(graph)
            load_demo(graph, patents=patents)
        return graph.read((CYPHER / "peer_pick.cypher").read_text("utf-8"), {"year": GRANTED})[0]


@contextmanager
def servers(settings: Neo4jSettings) -> Iterator[tuple[Server, Server]]:
    uri = settings.uri.replace("neo4j://", "bolt://") if settings.local else settings.uri
    hub, peer = start_hub(settings, uri), start_peer(settings, uri)
    try:
        yield hub, peer
    finally:
        hub.stop()
        peer.stop()


def report(
    clients: int, results: dict[str, dict[str, Figures]], requests: int
) -> list[dict[str, Any]]:
    print(f"\n{clients} client(s); ms; CPU ms per request of hub / peer / Neo4j")
    print(
        f"{'operation':<38} {'side':<7} {'p50':>7} {'p95':>7} {'req/s':>7} "
        f"{'hub':>6} {'peer':>6} {'neo4j':>6}"
    )
    rows = []
    for name, by_side in results.items():
        for side, f in by_side.items():
            n = len(f.latencies) or 1
            cpu = {k: v * 1000 / n for k, v in f.cpu.items()}
            print(
                f"{name:<38} {side:<7} {f.p(50):>7.1f} {f.p(95):>7.1f} {f.rps():>7.1f} "
                f"{cpu.get('hub', 0):>6.2f} {cpu.get('peer', 0):>6.2f} {cpu.get('neo4j', 0):>6.2f}"
                + (f"  {f.errors} errors: {f.first_error}" if f.errors else "")
            )
            rows.append(
                {
                    "operation": name,
                    "side": side,
                    "clients": clients,
                    "p50_ms": f.p(50),
                    "p95_ms": f.p(95),
                    "rps": f.rps(),
                    "cpu_ms": cpu,
                    "errors": f.errors,
                }
            )
        hub, peer, raw = by_side["hub"], by_side["peer"], by_side["cypher"]
        n_hub, n_peer = len(hub.latencies) or 1, len(peer.latencies) or 1
        print(
            f"{'':<38} hub/peer p95 {hub.p(95) / peer.p(95):.2f}x, peer/hub req/s "
            f"{peer.rps() / hub.rps():.2f}x, hub/peer CPU "
            f"{(hub.cpu.get('hub', 0) / n_hub) / max(peer.cpu.get('peer', 0) / n_peer, 1e-9):.2f}x,"
            f" hub/cypher p95 {hub.p(95) / raw.p(95):.2f}x"
        )
    return rows


async def run(args: argparse.Namespace) -> dict[str, Any]:
    from hub.auth.tokens import issue_dev_token

    settings = neo4j_settings()
    picked = ensure_data(args.patents)
    ops, variables = operations(picked)
    headers = {"Authorization": f"Bearer {issue_dev_token(role='NATIONAL', scope=None, ttl=7200)}"}
    print(f"data: {picked['patents']} patents; institution {picked['institutionId']}")
    out: dict[str, Any] = {"patents": picked["patents"], "runs": [], "bolt": {}}
    graph = await AsyncGraph.open(settings)
    try:
        with servers(settings) as (hub, peer):
            pids = {
                "hub": hub.process.pid,
                "peer": peer.process.pid,
                "neo4j": neo4j_pid(settings),
            }
            for clients in args.clients:
                sides: list[Side] = [
                    GraphQLSide("hub", hub.url, headers, clients),
                    GraphQLSide("peer", peer.url, {}, clients),
                    RawSide(graph),
                ]
                if clients == args.clients[0]:
                    await compare(sides, ops, variables)
                results = await measure(
                    sides, ops, variables, pids, clients, args.requests, args.rounds
                )
                out["runs"] += report(clients, results, args.requests)
                for side in sides[:2]:
                    await cast(GraphQLSide, side).close()
    finally:
        await graph.close()
    if settings.local:
        counts = await count_bolt(settings, ops, variables, headers)
        print("\nper request: statements (RUN) / round trips, hub vs peer")
        for name, by_side in counts.items():
            h, p = by_side["hub"], by_side["peer"]
            hub_bolt, peer_bolt = (
                f"{h.statements}/{h.round_trips}",
                f"{p.statements}/{p.round_trips}",
            )
            print(f"  {name:<38} hub {hub_bolt}  peer {peer_bolt}")
            out["bolt"][name] = {k: vars(v) for k, v in by_side.items()}
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--patents", type=int, default=20_000, help="size of a generated data set")
    p.add_argument("--clients", type=int, nargs="+", default=[1, 8])
    p.add_argument("--requests", type=int, default=40, help="per side, round and operation")
    p.add_argument("--rounds", type=int, default=5, help="interleaved rounds")
    args = p.parse_args(argv)
    logging.getLogger("neo4j").setLevel(logging.ERROR)
    out = asyncio.run(run(args))
    OUT.mkdir(exist_ok=True)
    (OUT / "side_by_side.json").write_text(json.dumps(out, ensure_ascii=False, indent=2))
    print(f"\nfigures written to {OUT / 'side_by_side.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
