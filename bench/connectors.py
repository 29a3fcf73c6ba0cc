"""Connector throughput: a REST pull, its idempotent re-run, the change-feed refresh and a
webhook delivery pass, on the configured Neo4j (a scratch database: it is wiped first).

    python bench/connectors.py [--records 10000] [--page-size 100] [--batch 100]

Prints records/s of the first pull (pipelined fetch and write: validate, upsert, record
change events), of a full re-run (everything already there: no write, no event), seconds
of ``feed-refresh`` over all patents, and webhook deliveries/s (POSTs of ``--batch``
events, signed, to a local receiver, each checkpointed in the graph).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)

from connectors import pull, schema, webhooks  # noqa: E402
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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--records", type=int, default=10_000)
    ap.add_argument("--page-size", type=int, default=100)
    ap.add_argument("--batch", type=int, default=100, help="events per webhook delivery")
    args = ap.parse_args()
    settings = neo4j_settings()
    if settings.local and not neo4j_server.status(settings).running:
        neo4j_server.start(settings)
    server = neo4j_server.status(settings).pid if settings.local else None
    with Graph(settings) as graph:
        wipe(graph)
        migrate(graph)
        schema.ensure(graph)
        load_reference(graph)
        records: list[dict[str, object]] = []
        for block in range(0, args.records, 10_000):
            n = min(10_000, args.records - block)
            records += patent_records(f"{3300 + block // 10_000:04d}", "浙江工业大学", n)
        platform = Provincial(records)
        with running(rest_app(platform)) as url:
            config = rest_config("bench", url, "33", page_size=args.page_size)
            t, c = time.perf_counter(), _cpu(server)
            first = pull.run(graph, config)
            t_first, c_first = time.perf_counter() - t, _cpu(server) - c
            t = time.perf_counter()
            again = pull.run(graph, config, restart=True)
            t_again = time.perf_counter() - t
        events = graph.read("MATCH (c:Change) RETURN count(c) AS n")[0]["n"]
        t = time.perf_counter()
        refreshed = feed.refresh(graph)
        t_refresh = time.perf_counter() - t
        receiver = Receiver([200])
        with running(receiver.app()) as url:
            webhooks.subscribe(graph, "33", f"{url}/hook", from_start=True)
            t, c = time.perf_counter(), _cpu(server)
            sent = webhooks.deliver(graph, webhooks.Policy(batch=args.batch))
            t_deliver, c_deliver = time.perf_counter() - t, _cpu(server) - c
    print(f"records {args.records}, page size {args.page_size}, {first.commits} commits")
    print(
        f"first pull:   {first.records / t_first:8.0f} records/s "
        f"({t_first:.1f} s, {events} events; {c_first:.1f} CPU s of bench + Neo4j: "
        f"{first.records / c_first:.0f} records per CPU s)"
    )
    print(
        f"re-run:       {again.records / t_again:8.0f} records/s ({t_again:.1f} s, "
        f"created {again.written.get('nodes_created', 0)} nodes)"
    )
    print(f"feed-refresh: {t_refresh:8.1f} s over {args.records} patents ({refreshed} events)")
    print(
        f"deliver:      {sent.deliveries / t_deliver:8.0f} deliveries/s "
        f"({sent.deliveries} POSTs of {args.batch}, {sent.delivered / t_deliver:.0f} events/s; "
        f"{sent.deliveries / c_deliver:.0f} deliveries per CPU s of bench + Neo4j)"
    )
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
