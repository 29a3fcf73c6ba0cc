"""Hostile requests against a running hub: how many were tried, how many held (got the
clear refusal they should), the worst and p99 ``/healthz`` latency while each attack
runs, and, with ``--neo4j-down``, how fast reads, mutations and ``/oauth/token`` fail
with the project's Neo4j killed, and how long the hub takes to recover.

    python bench/hostile.py [--seconds 5] [--clients 4] [--neo4j-down] [--unreachable]

Three processes, so that no attacker shares the hub's interpreter (and its GIL): the hub
under uvicorn (``patent-hub serve`` on a free port), the attackers (this process), and a
``/healthz`` prober (this file with ``--probe``), which records each answer's latency
with the system's monotonic clock; the latencies are then split by the attack that ran
at the time. Uses the Neo4j of the environment (``NEO4J_URI`` or the project's own
server); it reads and refuses, and writes only one OAuth client. Prints figures, asserts
nothing.
"""

from __future__ import annotations

import argparse
import base64
import json
import math
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph import neo4j_server  # noqa: E402
from graph.config import neo4j_settings  # noqa: E402
from graph.db import Graph  # noqa: E402
from graph.vocab import Role  # noqa: E402
from hub.app import create_app  # noqa: E402
from hub.auth.clients import create_client  # noqa: E402
from hub.auth.tokens import issue_dev_token  # noqa: E402
from hub.limits import DEFAULT_REPRESENTATIONS  # noqa: E402
from hub.serve import running  # noqa: E402

Check = Callable[[httpx.Response], bool]


def post(url: str, **kwargs: Any) -> httpx.Response:
    kwargs.setdefault("timeout", 120)
    return httpx.post(url, **kwargs)


def has_code(*codes: str) -> Check:
    def check(r: httpx.Response) -> bool:
        try:
            body = r.json()
        except ValueError:
            return False
        errors = body.get("errors") or []
        return r.status_code != 500 and bool(errors) and errors[0]["extensions"]["code"] in codes

    return check


def oauth_error(status: int, error: str) -> Check:
    def check(r: httpx.Response) -> bool:
        try:
            return r.status_code == status and r.json().get("error") == error
        except ValueError:
            return False

    return check


def b64(raw: str) -> str:
    return base64.urlsafe_b64encode(raw.encode()).decode()


def fan_out(levels: int) -> str:
    parts = ["query { viewer { ...F0 } }", "fragment F0 on Viewer { ...F1 ...F1 }"]
    parts += [f"fragment F{i} on Viewer {{ ...F{i + 1} ...F{i + 1} }}" for i in range(1, levels)]
    parts.append(f"fragment F{levels} on Viewer {{ role }}")
    return "\n".join(parts)


ALIASES = "{ " + " ".join(f"a{i}: institutions(first: 0) {{ totalCount }}" for i in range(2400))
ALIASES += " }"
SEARCH_ALIASES = "{ " + " ".join(
    f'a{i}: patents(search: "锂电池", first: 1) {{ totalCount }}' for i in range(1000)
)
SEARCH_ALIASES += " }"
ENTITIES = "query($r: [_Any!]!) { _entities(representations: $r) { ... on Province { name } } }"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def hub_process() -> Iterator[str]:
    """The hub as it runs in production, ``patent-hub serve`` (uvicorn, one worker), in
    a process of its own; its log goes to ``bench/out/hostile-hub.log``."""
    port = free_port()
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PATENT_HUB_LOG_LEVEL": os.environ.get("PATENT_HUB_LOG_LEVEL", "WARNING")}
    with open(out / "hostile-hub.log", "wb") as log:
        hub = subprocess.Popen(
            [sys.executable, "-P", "-m", "hub.cli", "serve", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 120
            while True:
                if hub.poll() is not None:
                    raise RuntimeError(f"the hub exited ({hub.returncode}): see {log.name}")
                try:
                    if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError(f"the hub did not answer /healthz: see {log.name}")
                time.sleep(0.2)
            yield base
        finally:
            hub.send_signal(signal.SIGINT)
            try:
                hub.wait(timeout=20)
            except subprocess.TimeoutExpired:
                hub.kill()
                hub.wait()


def probe(base: str, out: str) -> None:
    """The prober process: GET /healthz every 10 ms on one keep-alive connection, one line
    ``<monotonic start> <latency ms>`` per answer, until killed."""
    with httpx.Client(timeout=30) as client, open(out, "w", buffering=1) as sink:
        while True:
            started = time.monotonic()
            client.get(f"{base}/healthz")
            sink.write(f"{started:.6f} {(time.monotonic() - started) * 1000:.3f}\n")
            time.sleep(0.01)


class Health:
    """A ``/healthz`` prober in its own process; ``label`` names what runs meanwhile.
    The periods are kept here and the prober's samples are split by them at the end."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.periods: list[tuple[str, float, float]] = []
        self._label = "idle"
        self._since = time.monotonic()
        self.samples: dict[str, list[float]] = {}
        self._file = tempfile.NamedTemporaryFile(suffix=".probe", delete=False)  # noqa: SIM115
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def label(self) -> str:
        return self._label

    @label.setter
    def label(self, value: str) -> None:
        now = time.monotonic()
        self.periods.append((self._label, self._since, now))
        self._label, self._since = value, now

    def __enter__(self) -> Health:
        self._process = subprocess.Popen(
            [sys.executable, "-P", __file__, "--probe", self.base, "--probe-out", self._file.name]
        )
        deadline = time.monotonic() + 60
        while os.path.getsize(self._file.name) == 0 and time.monotonic() < deadline:
            time.sleep(0.1)  # the prober has started answering
        self.label = "idle"
        return self

    def __exit__(self, *exc: object) -> None:
        self.label = "end"
        assert self._process is not None
        self._process.terminate()
        self._process.wait()
        with open(self._file.name) as lines:
            for line in lines:
                parts = line.split()
                if len(parts) != 2:
                    continue  # the last line, cut when the prober stopped
                started, ms = float(parts[0]), float(parts[1])
                for label, t0, t1 in self.periods:
                    if t0 <= started < t1:
                        self.samples.setdefault(label, []).append(ms)
                        break
        os.unlink(self._file.name)

    def worst(self, label: str) -> float:
        return max(self.samples.get(label) or [0.0])

    def p99(self, label: str) -> float:
        values = sorted(self.samples.get(label) or [0.0])
        return values[min(len(values) - 1, math.ceil(0.99 * len(values)) - 1)]


def flood(
    base: str,
    body: dict[str, Any] | str,
    seconds: float,
    clients: int,
    check: Check,
    headers: dict[str, str] | None = None,
) -> tuple[int, int]:
    """``clients`` threads send ``body`` (JSON, or raw text as a JSON body) for
    ``seconds``; (tried, held)."""
    counts = [0, 0]
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    content = body if isinstance(body, str) else json.dumps(body, ensure_ascii=False)
    sent = {"content-type": "application/json", **(headers or {})}

    def worker() -> None:
        with httpx.Client(timeout=120) as client:
            while time.monotonic() < deadline:
                r = client.post(f"{base}/graphql", content=content.encode(), headers=sent)
                with lock:
                    counts[0] += 1
                    counts[1] += check(r)

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return counts[0], counts[1]


def single_shots(
    base: str, national: dict[str, str], client: tuple[str, str]
) -> list[tuple[str, bool]]:
    """One request per hostile value: (class, held)."""
    out: list[tuple[str, bool]] = []

    def gql(
        name: str, query: str, variables: Any, check: Check, headers: dict[str, str] | None = None
    ) -> None:
        body = json.dumps({"query": query, "variables": variables}, ensure_ascii=True)
        r = post(
            f"{base}/graphql",
            content=body,
            headers={
                "content-type": "application/json",
                **(national if headers is None else headers),
            },
            timeout=120,
        )
        out.append((name, check(r)))

    too_complex = has_code("QUERY_TOO_COMPLEX")
    bad_input = has_code("BAD_USER_INPUT")
    reps = [{"__typename": "Province", "code": "33"}] * 2001
    gql("entities 2,001", ENTITIES, {"r": reps}, too_complex)
    gql("entities 100,000", ENTITIES, {"r": reps * 50}, has_code("PAYLOAD_TOO_LARGE"))
    gql(
        "first from default",
        "query($n: Int = 100) { patents(first: $n) { edges { node { "
        "inventors { name patents { appNo } } } } } }",
        {},
        too_complex,
        {},
    )
    gql("document 70 KB", "{ viewer { role } }" + " " * 70_000, {}, has_code("QUERY_TOO_LARGE"))
    gql("5,000 tokens", "{ viewer { " + "role " * 5_000 + "} }", {}, has_code("QUERY_TOO_LARGE"))
    deep: Any = "x"
    for _ in range(40):
        deep = [deep]
    gql(
        "variables 40 deep",
        "query($x: String) { viewer { role } }",
        {"x": deep},
        has_code("BAD_REQUEST"),
    )
    body = (
        '{"query": "{ viewer { role } }", "variables": {"x": '
        + "[" * 100_000
        + "]" * 100_000
        + "}}"
    )
    r = post(f"{base}/graphql", content=body, headers={"content-type": "application/json"})
    out.append(("JSON 100k deep", r.status_code == 400))
    for where, query, variables in (
        (
            "search",
            "query($s: String) { patents(search: $s, first: 1) { totalCount } }",
            {"s": "锂\ud800"},
        ),
        ("look-up", "query($s: String!) { patent(appNo: $s) { title } }", {"s": "\udfff"}),
        (
            "filter",
            "query($f: PatentFilter) { patents(filter: $f, first: 1) { totalCount } }",
            {"f": {"institutionId": "\ud800"}},
        ),
    ):
        gql(f"surrogate in {where}", query, variables, bad_input)
    forged = [
        b64('["x", ' + "9" * 40 + ", 1]"),
        b64(str(2**70)),
        b64("[" * 5000 + "]" * 5000),
        "A" * 100_000,
        "%%%",
        b64('["x", {"a": 1}, [1]]'),
    ]
    paged = ["patents", "institutions", "enterprises", "experts", "evaluations", "transactions"]
    for field in paged:
        for cursor in forged:
            gql(
                f"forged cursor on {field}",
                f"query($c: String) {{ {field}(first: 1, after: $c) {{ __typename }} }}",
                {"c": cursor},
                bad_input,
            )
    for cursor in forged:
        gql(
            "forged cursor on dormantStateFunded",
            'query($c: String) { dormantStateFunded(asOf: "2024-06-30", first: 1, '
            "after: $c) { totalCount } }",
            {"c": cursor},
            bad_input,
        )
    gql(
        "date 0001-01-01",
        'query { dormantStateFunded(asOf: "0001-01-01") { totalCount } }',
        {},
        bad_input,
    )

    raw = base64.b64encode(b"\xff\xfe:\xc3\x28").decode()
    r = post(
        f"{base}/oauth/token",
        data={"grant_type": "client_credentials"},
        headers={"Authorization": f"Basic {raw}"},
    )
    out.append(("non-UTF-8 Basic", oauth_error(401, "invalid_client")(r)))
    forwarded = {"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "http", "Host": "localhost"}
    r = post(
        f"{base}/oauth/token",
        data={"grant_type": "client_credentials"},
        auth=client,
        headers=forwarded,
    )
    out.append(("plain HTTP with Host: localhost", oauth_error(400, "insecure_transport")(r)))
    guesser = {"X-Forwarded-For": "198.51.100.200", "X-Forwarded-Proto": "https"}
    started = time.monotonic()
    answers = [
        post(
            f"{base}/oauth/token",
            data={"grant_type": "client_credentials"},
            auth=(client[0], f"guess{i}"),
            headers=guesser,
        ).status_code
        for i in range(300)
    ]
    # at most 10 secret checks per client per started 60 s window, the rest 429
    windows = math.ceil((time.monotonic() - started) / 60)
    limited = answers.count(429) > 0 and answers.count(401) <= 10 * windows
    print(
        f"300 wrong secrets in {time.monotonic() - started:.0f} s: {answers.count(401)} checked, "
        f"{answers.count(429)} answered 429"
    )
    out.append(("300 wrong secrets: limited", limited))
    return out


def secret_timing(base: str, client_id: str) -> tuple[float, float]:
    def median(cid: str, ip: str) -> float:
        times = []
        for i in range(9):
            headers = {"X-Forwarded-For": f"{ip}.{i}", "X-Forwarded-Proto": "https"}
            started = time.perf_counter()
            post(
                f"{base}/oauth/token",
                data={"grant_type": "client_credentials"},
                auth=(cid, "wrong"),
                headers=headers,
            )
            times.append((time.perf_counter() - started) * 1000)
        return statistics.median(times)

    return median(client_id, "192.0.2"), median("ph_unknown000000", "198.18.0")


def failure_latency(
    base: str, national: dict[str, str], client: tuple[str, str]
) -> dict[str, tuple[float, str]]:
    """Worst of five: a read, a mutation and a token request with the database away."""
    token = issue_dev_token("INSTITUTION", "4111010001")
    institution = {"Authorization": f"Bearer {token}"}
    figures = {}
    for name, send in (
        (
            "read",
            lambda: post(
                f"{base}/graphql",
                json={"query": "{ patents(first: 5) { totalCount } }"},
                headers=national,
                timeout=120,
            ),
        ),
        (
            "mutation",
            lambda: post(
                f"{base}/graphql",
                json={
                    "query": 'mutation { withdrawOpenLicence(appNo: "202310001234.7") { appNo } }'
                },
                headers=institution,
                timeout=120,
            ),
        ),
        (
            "oauth/token",
            lambda: post(
                f"{base}/oauth/token",
                data={"grant_type": "client_credentials"},
                auth=client,
                timeout=120,
            ),
        ),
    ):
        worst = 0.0
        answer = ""
        for _ in range(5):
            started = time.perf_counter()
            r = send()
            worst = max(worst, time.perf_counter() - started)
            try:
                body = r.json()
                answer = body.get("error") or body["errors"][0]["extensions"]["code"]
            except (ValueError, KeyError, IndexError):
                answer = f"HTTP {r.status_code}"
        figures[name] = (worst, f"HTTP {r.status_code} {answer}")
    return figures


def print_failures(title: str, figures: dict[str, tuple[float, str]]) -> None:
    print(f"\n{title}:")
    for name, (worst, answer) in figures.items():
        print(f"  {name:<12} worst {worst * 1000:7.0f} ms of 5   {answer}")


def neo4j_down(national: dict[str, str], client: tuple[str, str]) -> None:
    """A fresh hub (no failed authentications counted yet), connected, then Neo4j killed:
    the failure latencies, and the time until the same hub answers again."""
    settings = neo4j_settings()
    if not settings.local:
        print("--neo4j-down needs the project's own Neo4j (no NEO4J_URI)")
        return
    with running(create_app()) as base:
        post(
            f"{base}/graphql",
            json={"query": "{ patents(first: 1) { totalCount } }"},
            headers=national,
        )
        pid = int((settings.home / "neo4j.pid").read_text().strip())
        os.kill(pid, signal.SIGKILL)
        while True:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.05)
        figures = failure_latency(base, national, client)
        started = time.perf_counter()
        neo4j_server.start(settings)
        while (
            "errors"
            in post(
                f"{base}/graphql",
                json={"query": "{ patents(first: 1) { totalCount } }"},
                headers=national,
            ).json()
        ):
            time.sleep(0.2)
        recovered = time.perf_counter() - started
    print_failures("Neo4j killed (SIGKILL)", figures)
    print(f"  recovery without restarting the hub: {recovered:.1f} s after `neo4j start` began")


def attacks(
    national: dict[str, str],
) -> list[tuple[str, dict[str, Any] | str, Check, dict[str, str]]]:
    """(label, body, check, headers) of each flood: the refused attacks, and the largest
    requests the limits still let through (the work that is done, not refused)."""
    province = [{"__typename": "Province", "code": "33"}]
    most = DEFAULT_REPRESENTATIONS[Role.NATIONAL]
    deep = '{"query": "{ viewer { role } }", "variables": {"x": ' + "[" * 100_000
    deep += "]" * 100_000 + "}}"
    # one name 2,990 times (under the 3,000-field limit): refused before validation, whose
    # overlapping-fields rule would compare every pair
    repeated = "{ viewer { " + "role " * 2_990 + "} }"
    # the largest document the limits let through: 3,990 tokens of distinct aliases
    at_limit = "{ viewer { " + " ".join(f"r{i}: role" for i in range(1_320)) + " } }"
    answered: Check = lambda r: r.status_code == 200 and "errors" not in r.json()  # noqa: E731
    return [
        (
            "alias flood (2,400 × institutions)",
            {"query": ALIASES},
            has_code("QUERY_TOO_COMPLEX", "QUERY_TOO_LARGE"),
            {},
        ),
        (
            "alias flood (1,000 × search)",
            {"query": SEARCH_ALIASES},
            has_code("QUERY_TOO_COMPLEX", "QUERY_TOO_LARGE"),
            {},
        ),
        (
            "fragment fan-out (2^22 spreads)",
            {"query": fan_out(22)},
            has_code("QUERY_TOO_COMPLEX"),
            {},
        ),
        (
            "big document (70 KB)",
            {"query": "{ viewer { role } }" + " " * 70_000},
            has_code("QUERY_TOO_LARGE"),
            {},
        ),
        (
            "one field 2,990 times",
            {"query": repeated},
            has_code("QUERY_TOO_COMPLEX"),
            {},
        ),
        ("document at the limits (3,960 tokens)", {"query": at_limit}, answered, {}),
        ("JSON body 100k deep", deep, lambda r: r.status_code == 400, {}),
        (
            "_entities 100,000 representations",
            {"query": ENTITIES, "variables": {"r": province * 100_000}},
            has_code("PAYLOAD_TOO_LARGE"),
            national,
        ),
        (
            f"_entities {most:,} (national's limit)",
            {"query": ENTITIES, "variables": {"r": province * most}},
            answered,
            national,
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument(
        "--neo4j-down", action="store_true", help="kill the own Neo4j and restart it"
    )
    parser.add_argument(
        "--unreachable", action="store_true", help="also a hub whose Neo4j address has no server"
    )
    parser.add_argument(
        "--only", help="run only the floods whose label contains this (no single shots)"
    )
    parser.add_argument("--probe", help=argparse.SUPPRESS)  # the prober process
    parser.add_argument("--probe-out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.probe:
        probe(args.probe, args.probe_out)
        return
    settings = neo4j_settings()
    if settings.local and not neo4j_server.status(settings).running:
        neo4j_server.start(settings)
    with Graph() as graph:
        client = create_client(graph, "NATIONAL", None, "bench/hostile.py")
    national = {"Authorization": f"Bearer {issue_dev_token('NATIONAL', None)}"}
    load_before = os.getloadavg()
    with hub_process() as base, Health(base) as health:
        time.sleep(2.0)  # idle samples
        rows: list[tuple[str, int, int]] = []
        for label, body, check, headers in attacks(national):
            if args.only and args.only not in label:
                continue
            health.label = label
            tried, held = flood(base, body, args.seconds, args.clients, check, headers)
            rows.append((label, tried, held))
        shots: list[tuple[str, bool]] = []
        wrong = unknown = math.nan
        if not args.only:
            health.label = "single shots"
            shots = single_shots(base, national, client)
            health.label = "timing"
            with Graph() as graph:  # a client with no failures yet, so none is rate-limited
                fresh = create_client(graph, "NATIONAL", None, "bench/hostile.py timing")
            wrong, unknown = secret_timing(base, fresh[0])
        health.label = "idle after"
        time.sleep(2.0)
    load_after = os.getloadavg()
    if args.neo4j_down:
        neo4j_down(national, client)
    if args.unreachable:
        nowhere = replace(neo4j_settings(), uri="neo4j://127.0.0.1:9", local=False)
        with running(create_app(neo4j=nowhere)) as down:
            print_failures(
                "Neo4j unreachable (nothing listens)", failure_latency(down, national, client)
            )
    print(
        f"hub, attackers ({args.clients} clients, {args.seconds:g} s per flood) and /healthz "
        "prober in three processes; load average "
        f"{load_before[0]:.2f} before, {load_after[0]:.2f} after"
    )
    head = f"{'attack':<40} {'tried':>6} {'held':>6} {'/healthz worst':>15} {'p99':>9} {'n':>5}"
    print(head)
    for label, tried, held in rows:
        print(
            f"{label:<40} {tried:>6} {held:>6} {health.worst(label):>12.1f} ms "
            f"{health.p99(label):>6.1f} ms {len(health.samples.get(label, [])):>5}"
        )
    classes: dict[str, list[bool]] = {}
    for name, held_one in shots:
        classes.setdefault(name, []).append(held_one)
    for name, results in classes.items():
        print(f"{name:<40} {len(results):>6} {sum(results):>6}")
    label = "single shots"
    print(
        f"{'(during the single shots)':<40} {'':>6} {'':>6} {health.worst(label):>12.1f} ms "
        f"{health.p99(label):>6.1f} ms {len(health.samples.get(label, [])):>5}"
    )
    tried = sum(t for _, t, _ in rows) + len(shots)
    held = sum(h for _, _, h in rows) + sum(h for _, h in shots)
    print(f"{'total':<40} {tried:>6} {held:>6}")
    idle = health.samples.get("idle", [0.0])
    print(f"/healthz idle: median {statistics.median(idle):.1f} ms, worst {max(idle):.1f} ms")
    print(
        f"token endpoint, median of 9: wrong secret {wrong:.0f} ms, unknown client {unknown:.0f} ms"
    )


if __name__ == "__main__":
    main()
