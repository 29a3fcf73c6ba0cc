"""Running the hub under uvicorn: from the CLI, or in a thread for tests."""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from starlette.types import ASGIApp

from graph.db import Graph
from hub.observability import log_config


def _banner(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in {"0.0.0.0", "::"} else host
    base = f"http://{shown}:{port}"
    return (
        f"patent-hub: GraphQL at {base}/graphql (health {base}/healthz, ready {base}/readyz, "
        f"metrics {base}/metrics)\n"
        "  a token for development:  patent-hub token --role NATIONAL\n"
        "                            patent-hub token --role PROVINCE --scope 33\n"
        f"  then:  curl -H 'Authorization: Bearer <token>' -H 'Content-Type: application/json' "
        f"""-d '{{"query":"{{ viewer {{ role scope }} }}"}}' {base}/graphql\n"""
        "  machine clients:  patent-hub accounts create --role PROVINCE --scope 33 "
        f"and POST {base}/oauth/token (client_credentials)"
    )


def serve(host: str = "127.0.0.1", port: int = 8000, workers: int = 1) -> None:
    """Runs the hub until interrupted. Refuses to start, with a one-line reason
    (``GraphUnavailable``), when Neo4j cannot be reached."""
    with Graph():
        pass  # fail fast and clearly before binding the port
    print(_banner(host, port), file=sys.stderr, flush=True)
    level = os.environ.get("PATENT_HUB_LOG_LEVEL", "INFO").upper()
    uvicorn.run(
        "hub.app:served_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_config=log_config(level),
        access_log=False,
        proxy_headers=True,
        forwarded_allow_ips=os.environ.get("PATENT_HUB_FORWARDED_ALLOW_IPS", "127.0.0.1"),
    )


class ServerThread:
    """uvicorn on a free local port in a background thread (tests, benchmarks)."""

    def __init__(self, app: ASGIApp, host: str = "127.0.0.1", port: int = 0) -> None:
        config = uvicorn.Config(app, host=host, port=port, log_config=None, access_log=False)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, name="uvicorn", daemon=True)
        self.host = host

    @property
    def port(self) -> int:
        socket = self.server.servers[0].sockets[0]
        return int(socket.getsockname()[1])

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self, timeout: float = 30.0) -> str:
        self.thread.start()
        deadline = time.monotonic() + timeout
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start (see the log above)")
            time.sleep(0.02)
        return self.url

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)


@contextmanager
def running(app: ASGIApp, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """``with running(create_app(...)) as base_url: ...``"""
    server = ServerThread(app, host, port)
    try:
        yield server.start()
    finally:
        server.stop()
