"""Nothing the project runs talks to anything but this machine.

The federation rig (the hub under uvicorn, the provincial subgraph, the Apollo gateway
and Hive Gateway)
runs under ``strace -f``, which records every ``connect``/``sendto``/``sendmsg`` of each
process and its children, from start to shutdown (Apollo packages report at start and at
shutdown); the project's Neo4j is watched the same way (attached) while the rig runs.
Any address outside 127.0.0.0/8 and ::1 fails the test, with the syscall that used it.
"""

from __future__ import annotations

import ipaddress
import os
import re
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.config import Neo4jSettings
from graph.db import Graph
from graph.vocab import Role
from tests.test_federation import (
    LISTINGS_QUERY,
    PATENT_QUERY,
    ZJU_PATENT,
    compose,
    post,
    rig,
    token,
)

SYSCALLS = "trace=connect,sendto,sendmsg,sendmmsg"
QUIET = ("-qq", "-e", "signal=none")
IPV4 = re.compile(r'inet_addr\("([^"]+)"\)')
IPV6 = re.compile(r'inet_pton\(AF_INET6, "([^"]+)"')


def _strace() -> str:
    path = shutil.which("strace")
    if path is None:
        raise RuntimeError("strace is needed for the network test: `make install` installs it")
    return path


def remote_addresses(log: Path) -> list[tuple[str, str]]:
    """(address, syscall line) of every IPv4/IPv6 address a traced process sent to."""
    found: list[tuple[str, str]] = []
    for line in log.read_text(errors="replace").splitlines():
        for address in IPV4.findall(line) + IPV6.findall(line):
            found.append((address, line.strip()[:300]))
    return found


def is_local(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_loopback


def outside(logs: list[Path]) -> list[str]:
    return [
        f"{log.name}: {line}"
        for log in logs
        for address, line in remote_addresses(log)
        if not is_local(address)
    ]


def test_addresses_are_classified() -> None:
    assert is_local("127.0.0.1") and is_local("127.8.9.1") and is_local("::1")
    assert is_local("::ffff:127.0.0.1")
    for address in ("169.254.169.254", "100.100.100.200", "8.8.8.8", "0.0.0.0", "::"):
        assert not is_local(address), address


def test_remote_addresses_are_read_from_strace_lines(tmp_path: Path) -> None:
    log = tmp_path / "x.strace"
    log.write_text(
        "12 connect(3, {sa_family=AF_INET, sin_port=htons(80), "
        'sin_addr=inet_addr("169.254.169.254")}, 16) = -1 EINPROGRESS\n'
        '13 sendto(5, "x", 1, 0, {sa_family=AF_INET6, sin6_port=htons(53), '
        "sin6_flowinfo=htonl(0), "
        'inet_pton(AF_INET6, "2001:db8::1", &sin6_addr), sin6_scope_id=0}, 28) = 1\n'
        '14 connect(4, {sa_family=AF_UNIX, sun_path="/run/x"}, 110) = 0\n'
    )
    assert [a for a, _ in remote_addresses(log)] == ["169.254.169.254", "2001:db8::1"]
    assert len(outside([log])) == 2


@pytest.fixture
def neo4j_watch(settings: Neo4jSettings, tmp_path: Path) -> Iterator[Path]:
    """strace attached to the project's Neo4j (all its threads) while the test runs."""
    log = tmp_path / "neo4j.strace"
    pidfile = settings.home / "neo4j.pid"
    if not settings.local or not pidfile.exists():
        raise RuntimeError("the network test watches the project's own Neo4j (no NEO4J_URI)")
    pid = int(pidfile.read_text().strip())
    watcher = subprocess.Popen(
        [_strace(), "-f", *QUIET, "-e", SYSCALLS, "-o", str(log), "-p", str(pid)],
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1.0)  # attached to every thread
    try:
        yield log
    finally:
        watcher.send_signal(signal.SIGINT)  # detaches; Neo4j runs on
        watcher.wait(timeout=30)


def test_the_database_does_not_report_usage(session_graph: Graph) -> None:
    """Neo4j sends usage reports to its vendor by default, first some minutes after start
    (too late for a trace): the launcher turns them off."""
    rows = session_graph.read(
        "SHOW SETTINGS YIELD name, value WHERE name = 'dbms.usage_report.enabled' RETURN value"
    )
    assert rows == [{"value": "false"}]


def test_the_federation_rig_and_the_database_contact_only_loopback(
    session_graph: Graph, tmp_path: Path, neo4j_watch: Path
) -> None:
    logs: dict[str, Path] = {}

    def traced(name: str) -> tuple[str, ...]:
        logs[name] = tmp_path / f"{name}.strace"
        return (_strace(), "-f", *QUIET, "-e", SYSCALLS, "-o", str(logs[name]), "--")

    env_before = os.environ.get("APOLLO_TELEMETRY_DISABLED")
    with rig(session_graph, tmp_path, traced) as federation:
        province = token(Role.PROVINCE, "33")
        for gateway in federation.gateways.values():
            body = post(gateway.url, PATENT_QUERY, {"appNo": ZJU_PATENT}, bearer=province)
            assert body["data"]["patent"]["appNo"] == ZJU_PATENT, gateway.name
            body = post(gateway.url, LISTINGS_QUERY, bearer=province)
            assert len(body["data"]["provincialListings"]) == 2, gateway.name
        composed = compose(federation.hub, federation.zhejiang, tmp=tmp_path)
        assert composed.returncode == 0, composed.stderr
    assert os.environ.get("APOLLO_TELEMETRY_DISABLED") == env_before
    every = [*logs.values(), neo4j_watch]
    # the monitor saw the rig's own traffic: the gateway called both subgraphs, the hub
    # called Neo4j over loopback
    assert remote_addresses(logs["gateway"]), "strace recorded no connect of the gateway"
    assert remote_addresses(logs["hive-gateway"]), "strace recorded no connect of Hive Gateway"
    assert remote_addresses(logs["hub"]), "strace recorded no connect of the hub"
    assert outside(every) == []
