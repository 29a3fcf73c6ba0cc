"""Connector throughput: a REST pull, its idempotent re-run, the change-feed refresh and a
webhook delivery pass, on the configured Neo4j (a scratch database: it is wiped first).

    python bench/connector_speed.py [--records 10000] [--page-size 100] [--batch 100]
                                  [--write-batch N] [--subscriptions 1]
                                  [--receiver process|thread]

Prints records/s of the first pull into the empty graph (pipelined fetch and write:
validate, upsert, record change events; Neo4j plans each statement again as the graph grows
from nothing), of a second pull of as many new records into the graph that holds the first
(the steady state of a hub that already holds data), of a full re-run (everything already
there: no write, no event), seconds of ``feed-refresh`` over all patents, and webhook
deliveries/s (POSTs of ``--batch`` events, signed, to a local receiver, checkpointed in the
graph in batches) for ``--subscriptions`` subscriptions delivered at once. The fake
platform runs in a process of its own (its CPU is not counted: a real one is another
machine), and so does the receiver, or with ``--receiver thread`` in this one (sharing its
interpreter lock). The load average is printed before and after.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)

from connectors import pull, schema, webhooks  # noqa: E402
from connectors.config import ConnectorConfig  # noqa: E402
from graph import feed, neo4j_server  # noqa: E402
from graph.config import neo4j_settings  # noqa: E402
from graph.db import Graph  # noqa: E402
from graph.migrate import migrate, wipe  # noqa: E402
from graph.reference import load_reference  # noqa: E402
from hub.serve import running  # noqa: E402
from tests.connectors_fakes import Provincial, Receiver, patent_records, rest_app, rest_config  # noqa: E402


def _cpu(pid: int | None) -> float:
    """CPU seconds used so far by this process and the local Neo4j server: on a busy shared
    machine the wall time says little, the CPU time of each side says what a quiet one does."""
    used = time.process_time()
    if pid is not None:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            used += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, IndexError, ValueError):
            pass
    return used


def _receive(urls: multiprocessing.Queue[str]) -> None:
    """A receiver answering 200, in a process of its own until terminated."""
    with running(Receiver([200]).app()) as url:
        urls.put(url)
        while True:
            time.sleep(3600)


def _platform(urls: multiprocessing.Queue[str], prefix: int, n: int) -> None:
    """A provincial platform serving ``n`` records, in a process of its own (a real one is
    another machine: its JSON encoding is not the hub's CPU) until terminated."""
    with running(rest_app(Provincial(_records(prefix, n)))) as url:
        urls.put(url)
        while True:
            time.sleep(3600)


class _Process:
    """A server of this module (``_receive`` or ``_platform``) in a process of its own; the
    context gives its URL."""

    def __init__(self, target: Callable[..., None], *args: object) -> None:
        self.target, self.args = target, args

    def __enter__(self) -> str:
        ctx = multiprocessing.get_context("spawn")
        urls: multiprocessing.Queue[str] = ctx.Queue()
        self.proc = ctx.Process(target=self.target, args=(urls, *self.args), daemon=True)
        self.proc.start()
        return urls.get(timeout=120)

    def __exit__(self, *exc: object) -> None:
        self.proc.terminate()
        self.proc.join(10)


def _config(name: str, url: str, args: argparse.Namespace) -> ConnectorConfig:
    config = rest_config(name, url, "33", page_size=args.page_size)
    return replace(config, batch=args.write_batch) if args.write_batch else config


def _pull(
    graph: Graph, config: ConnectorConfig, server: int | None
) -> tuple[pull.RunResult, float, float, float]:
    """One full pull of the platform at ``url``: its result, wall seconds, CPU seconds of
    bench and Neo4j, CPU seconds of the bench alone."""
    t, c, own = time.perf_counter(), _cpu(server), time.process_time()
    done = pull.run(graph, config)
    return done, time.perf_counter() - t, _cpu(server) - c, time.process_time() - own


def _records(prefix: int, n: int) -> list[dict[str, object]]:
    records: list[dict[str, object]] = []
    for block in range(0, n, 10_000):
        size = min(10_000, n - block)
        records += patent_records(f"{prefix + block // 10_000:04d}", "浙江工业大学", size)
    return records


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=10_000)
    ap.add_argument("--page-size", type=int, default=100)
    ap.add_argument("--batch", type=int, default=100, help="events per webhook delivery")
    ap.add_argument("--write-batch", type=int, help="records per transaction (config's batch)")
    ap.add_argument("--subscriptions", type=int, default=1, help="delivered at once")
    ap.add_argument("--receiver", choices=("process", "thread"), default="process")
    args = ap.parse_args()
    settings = neo4j_settings()
    if settings.local and not neo4j_server.status(settings).running:
        neo4j_server.start(settings)
    server = neo4j_server.status(settings).pid if settings.local else None
    load_before = os.getloadavg()[0]
    with Graph(settings) as graph:
        wipe(graph)
        migrate(graph)
        schema.ensure(graph)
        load_reference(graph)
        with _Process(_platform, 3300, args.records) as url:
            first, t_first, c_first, p_first = _pull(graph, _config("bench", url, args), server)
            t = time.perf_counter()
            again = pull.run(graph, _config("bench", url, args), restart=True)
            t_again = time.perf_counter() - t
        with _Process(_platform, 5300, args.records) as url:
            second, t_second, c_second, p_second = _pull(
                graph, _config("bench-2", url, args), server
            )
        events = graph.read("MATCH (c:Change) RETURN count(c) AS n")[0]["n"]
        t = time.perf_counter()
        refreshed = feed.refresh(graph)
        t_refresh = time.perf_counter() - t
        receiving = (
            _Process(_receive) if args.receiver == "process" else running(Receiver([200]).app())
        )
        with receiving as url:
            for _ in range(args.subscriptions):
                webhooks.subscribe(graph, "33", f"{url}/hook", from_start=True)
            policy = webhooks.Policy(batch=args.batch, workers=max(4, args.subscriptions))
            t, c = time.perf_counter(), _cpu(server)
            sent = webhooks.deliver(graph, policy)
            t_deliver, c_deliver = time.perf_counter() - t, _cpu(server) - c
    batch = _config("bench", "http://127.0.0.1", args).batch
    print(f"records {args.records}, page size {args.page_size}, at most {batch} a transaction")
    for label, done, wall, cpu, own in (
        ("first pull: ", first, t_first, c_first, p_first),
        ("second pull:", second, t_second, c_second, p_second),
    ):
        print(
            f"{label}  {done.records / wall:8.0f} records/s ({wall:.1f} s, {done.commits} "
            f"commits; {cpu:.1f} CPU s of bench + Neo4j: {done.records / cpu:.0f} records "
            f"per CPU s; per record {own / done.records * 1e3:.2f} ms bench, "
            f"{(cpu - own) / done.records * 1e3:.2f} ms Neo4j)"
        )
    print(
        f"re-run:       {again.records / t_again:8.0f} records/s ({t_again:.1f} s, "
        f"created {again.written.get('nodes_created', 0)} nodes)"
    )
    print(f"feed-refresh: {t_refresh:8.1f} s over {2 * args.records} patents ({refreshed} events)")
    print(
        f"deliver:      {sent.deliveries / t_deliver:8.0f} deliveries/s "
        f"({sent.deliveries} POSTs of {args.batch} to {args.subscriptions} subscription(s), "
        f"{sent.delivered / t_deliver:.0f} events/s of {events}; "
        f"{sent.deliveries / c_deliver:.0f} deliveries per CPU s of bench + Neo4j; "
        f"receiver in a {args.receiver})"
    )
    print(
        f"load average: {load_before:.1f} before, {os.getloadavg()[0]:.1f} after, "
        f"on {os.cpu_count()} CPUs"
    )


if __name__ == "__main__":
    main()
