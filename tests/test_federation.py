"""The hub as an Apollo Federation v2 subgraph, composed with a provincial platform.

The hub runs over real HTTP (uvicorn, real Neo4j); a provincial subgraph written with
``@apollo/subgraph`` extends ``Patent`` with its local listing, and two standard
gateways compose both: Apollo's gateway with ``@apollo/composition``, and Hive Gateway
with The Guild's composition (see ``tests/federation/``). The tests
check what a province integrating with the hub relies on: the published SDL, that the
two compose, that one query through the gateway joins both, and that the hub's scope
rules hold for entities fetched through ``_entities``, directly or via the gateway.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from graph.db import Graph
from graph.vocab import Role
from hub.auth.tokens import issue_dev_token

FEDERATION = Path(__file__).resolve().parent / "federation"
ROOT = FEDERATION.parent.parent
STARTUP_SECONDS = 60.0

# The small graph of these tests: two provinces, three institutions, three patents.
ZJU_PATENT = "202310001234.5"  # 浙江大学, not in the transferable catalogue
ZJUT_PATENT = "202210123456.7"  # 浙江工业大学, in the transferable catalogue
PKU_PATENT = "202110987654.3"  # 北京大学, not in the transferable catalogue
INSTITUTIONS: list[dict[str, Any]] = [
    {
        "id": "4133010335",
        "name": "浙江大学",
        "kind": "UNIVERSITY",
        "city": "杭州市",
        "ministryCode": "MOE",
        "provinceCode": "33",
        "provinceName": "浙江省",
        "provinceShort": "浙",
        "patents": [
            {
                "appNo": ZJU_PATENT,
                "title": "一种锂电池高镍正极材料及其制备方法",
                "abstract": "本发明公开了一种锂电池高镍正极材料，循环稳定性好。",
                "filingDate": "2023-01-05",
                "grantDate": "2024-06-18",
                "ipcMain": "H01M4/525",
                "transferable": False,
                "inventors": ["张伟", "李娜"],
            }
        ],
    },
    {
        "id": "4133010337",
        "name": "浙江工业大学",
        "kind": "UNIVERSITY",
        "city": "杭州市",
        "ministryCode": None,
        "provinceCode": "33",
        "provinceName": "浙江省",
        "provinceShort": "浙",
        "patents": [
            {
                "appNo": ZJUT_PATENT,
                "title": "一种三元正极材料的包覆改性方法",
                "abstract": "本发明提供一种三元正极材料的包覆改性方法。",
                "filingDate": "2022-03-11",
                "grantDate": "2023-09-01",
                "ipcMain": "H01M4/36",
                "transferable": True,
                "inventors": ["王强"],
            }
        ],
    },
    {
        "id": "4111010001",
        "name": "北京大学",
        "kind": "UNIVERSITY",
        "city": "北京市",
        "ministryCode": "MOE",
        "provinceCode": "11",
        "provinceName": "北京市",
        "provinceShort": "京",
        "patents": [
            {
                "appNo": PKU_PATENT,
                "title": "一种固态电解质薄膜及其制备方法",
                "abstract": "本发明涉及一种固态电解质薄膜。",
                "filingDate": "2021-07-20",
                "grantDate": "2023-02-14",
                "ipcMain": "H01M10/0562",
                "transferable": False,
                "inventors": ["刘洋"],
            }
        ],
    },
]
# What the 浙江 platform lists: both Zhejiang patents.
LISTINGS = [
    {
        "appNo": ZJU_PATENT,
        "platformId": "ZJ-2024-00017",
        "listedAt": "2024-07-01",
        "localPrice": 80.0,
    },
    {
        "appNo": ZJUT_PATENT,
        "platformId": "ZJ-2024-00018",
        "listedAt": "2024-07-02",
        "localPrice": 35.5,
    },
]
ENTITY_KEYS = {
    "Patent": "appNo",
    "Institution": "id",
    "Enterprise": "creditCode",
    "Industry": "id",
    "Province": "code",
}

PATENT_QUERY = """
query ($appNo: String!) {
  patent(appNo: $appNo) {
    appNo
    title
    institution { id name }
    provincialListing { platformId platform listedAt localPrice }
  }
}
"""
LISTINGS_QUERY = """
{ provincialListings { platformId patent { appNo title institution { name } } } }
"""
ENTITIES_QUERY = """
query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on Patent { appNo title institution { name } }
    ... on Province { code name }
  }
}
"""


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("node (20 or later) is needed for the federation tests")
    if not (FEDERATION / "node_modules" / "@apollo" / "gateway").is_dir():
        raise RuntimeError(
            f"{FEDERATION}/node_modules is missing: run `make federation-deps` (npm ci)"
        )
    return node


def node_env() -> dict[str, str]:
    """The environment of every Node process: Apollo's usage reporting off, loopback only;
    the SDL requests of compose.mjs carry a token (the hub describes its schema to
    authenticated callers only)."""
    env = os.environ.copy()
    env["APOLLO_TELEMETRY_DISABLED"] = "true"
    env["SUBGRAPH_AUTHORIZATION"] = "Bearer " + issue_dev_token("NATIONAL", None, ttl=7200)
    return env


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class Service:
    """A subprocess serving HTTP on loopback, and what it said on stderr."""

    name: str
    process: subprocess.Popen[str]
    url: str
    stderr: Path
    wrapped: bool = False  # started under a monitor (strace): signal the program itself

    def log(self) -> str:
        return self.stderr.read_text(errors="replace")[-4000:]

    def stop(self) -> None:
        if self.process.poll() is None:
            if self.wrapped:
                # the program shuts down as it would unmonitored, then the monitor ends
                for child in _children(self.process.pid):
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(child, signal.SIGTERM)
            else:
                self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(c) for c in text.split()]


def _spawn(
    name: str, args: list[str], tmp: Path, wrap: tuple[str, ...] = ()
) -> tuple[subprocess.Popen[str], Path]:
    """Start ``args`` (under the ``wrap`` command, e.g. strace, when given)."""
    stderr = tmp / f"{name}.stderr"
    process = subprocess.Popen(
        [*wrap, *args],
        cwd=FEDERATION,
        stdout=subprocess.PIPE,
        stderr=stderr.open("w"),
        text=True,
        env=node_env(),
    )
    return process, stderr


def start_node(
    name: str, script: str, args: list[str], tmp: Path, wrap: tuple[str, ...] = ()
) -> Service:
    """Start a Node script that prints ``READY <url>`` once it listens."""
    process, stderr = _spawn(name, [_node(), script, "--port", "0", *args], tmp, wrap)
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.5)
        except queue.Empty:
            continue
        if line is None:
            break
        if line.startswith("READY "):
            return Service(name, process, line.split()[1], stderr, bool(wrap))
    process.kill()
    process.wait()
    raise RuntimeError(f"{name} did not start:\n{stderr.read_text(errors='replace')}")


def start_hub(tmp: Path, wrap: tuple[str, ...] = ()) -> Service:
    """The hub as deployed: uvicorn serving ``hub.app:served_app``, on a free port."""
    port = _free_port()
    args = [sys.executable, "-m", "uvicorn", "hub.app:served_app", "--factory"]
    args += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    process, stderr = _spawn("hub", args, tmp, wrap)
    service = Service("hub", process, f"http://127.0.0.1:{port}/graphql", stderr, bool(wrap))
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            httpx.post(service.url, json={"query": "{ __typename }"}, timeout=2.0)
            return service
        except httpx.TransportError:
            time.sleep(0.2)
    service.stop()
    raise RuntimeError(f"the hub did not start:\n{service.log()}")


def token(role: Role, scope: str | None = None) -> str:
    return issue_dev_token(role=role.value, scope=scope, ttl=600)


def post(url: str, query: str, variables: dict[str, Any] | None = None, *, bearer: str) -> Any:
    response = httpx.post(
        url,
        json={"query": query, "variables": variables or {}},
        headers={"Authorization": f"Bearer {bearer}"},
        timeout=30.0,
    )
    assert response.status_code == 200, response.text
    return response.json()


# The gateways of the rig: their script, and the composition each uses.
GATEWAYS = {"apollo": "gateway.mjs", "hive": "hive-gateway.mjs"}
COMPOSERS = {"apollo": "apollo", "hive": "guild"}


def compose(
    *services: Service, tmp: Path, composer: str = "apollo"
) -> subprocess.CompletedProcess[str]:
    """Run ``compose.mjs`` over the services' ``_service { sdl }``."""
    args = [_node(), "compose.mjs", "--composer", composer]
    args += [f"{s.name}={s.url}" for s in services]
    return subprocess.run(
        args, cwd=FEDERATION, capture_output=True, text=True, timeout=120, env=node_env()
    )


@dataclass
class Federation:
    hub: Service
    zhejiang: Service
    gateways: dict[str, Service]  # by name of GATEWAYS
    supergraphs: dict[str, str]  # what each gateway composed

    @property
    def gateway(self) -> Service:
        return self.gateways["apollo"]

    @property
    def supergraph(self) -> str:
        return self.supergraphs["apollo"]


@contextlib.contextmanager
def rig(
    session_graph: Graph, tmp: Path, wrap: Callable[[str], tuple[str, ...]] = lambda name: ()
) -> Iterator[Federation]:
    """The hub, the 浙江 subgraph and both gateways over the seed graph; ``wrap(name)`` is
    the command each process runs under (a connect monitor in ``test_network.py``)."""
    from graph.migrate import wipe

    wipe(session_graph)
    seed = (FEDERATION / "seed.cypher").read_text(encoding="utf-8")
    session_graph.write(seed, {"institutions": INSTITUTIONS})
    listings = tmp / "listings.json"
    listings.write_text(json.dumps(LISTINGS, ensure_ascii=False), encoding="utf-8")
    started: list[Service] = []
    try:
        hub = start_hub(tmp, wrap("hub"))
        started.append(hub)
        zhejiang = start_node(
            "zhejiang",
            "provincial-subgraph.mjs",
            ["--listings", str(listings)],
            tmp,
            wrap("zhejiang"),
        )
        started.append(zhejiang)
        gateways: dict[str, Service] = {}
        supergraphs: dict[str, str] = {}
        for name, script in GATEWAYS.items():
            service = "gateway" if name == "apollo" else f"{name}-gateway"
            supergraph = tmp / f"{name}.supergraph.graphql"
            gateways[name] = start_node(
                service,
                script,
                ["--supergraph", str(supergraph), f"hub={hub.url}", f"zhejiang={zhejiang.url}"],
                tmp,
                wrap(service),
            )
            started.append(gateways[name])
            supergraphs[name] = supergraph.read_text()
        yield Federation(hub, zhejiang, gateways, supergraphs)
    finally:
        for service in reversed(started):
            service.stop()
        # Our two provinces are not the reference data: leave nothing for ``ref_graph``.
        wipe(session_graph)


@pytest.fixture(scope="module")
def federation(
    session_graph: Graph, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Federation]:
    with rig(session_graph, tmp_path_factory.mktemp("federation")) as started:
        yield started


def test_sdl_declares_the_five_entities_and_links_federation_v2(federation: Federation) -> None:
    body = post(federation.hub.url, "{ _service { sdl } }", bearer=token(Role.NATIONAL))
    sdl: str = body["data"]["_service"]["sdl"]
    assert '@link(url: "https://specs.apollo.dev/federation/v2.' in sdl
    for type_name, key in ENTITY_KEYS.items():
        assert f'type {type_name} @key(fields: "{key}")' in sdl, type_name
    # what the subgraph specification leaves out of the SDL (gateways add it themselves)
    for omitted in ("_entities", "_service", "_Any", "_Entity", "_Service"):
        assert omitted not in sdl, omitted
    for shared in ("PageInfo", "Ministry", "IpcClass", "PatentTypeLabelled"):
        assert f"type {shared} @shareable {{" in sdl, shared


def test_anonymous_callers_get_neither_sdl_nor_introspection(federation: Federation) -> None:
    for query in ("{ _service { sdl } }", "{ __schema { types { name } } }"):
        response = httpx.post(federation.hub.url, json={"query": query}, timeout=30.0)
        body = response.json()
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN", body
        assert "type Query" not in response.text and "Patent" not in response.text
    # through a gateway the hub's schema is the gateway's business; the hub is asked
    # only for data, with the caller's own credentials
    for gateway in federation.gateways.values():
        anonymous = httpx.post(gateway.url, json={"query": "{ __typename }"}, timeout=30.0)
        assert anonymous.json() == {"data": {"__typename": "Query"}}, gateway.name


def test_a_subgraph_with_its_own_page_info_composes_and_pages(
    federation: Federation, tmp_path: Path
) -> None:
    """PageInfo and the other value types are @shareable: a provincial subgraph that
    declares its own PageInfo composes with the hub (without @shareable on both sides
    composition fails with INVALID_FIELD_SHARING), and the gateway serves both."""
    listings = tmp_path / "listings.json"
    listings.write_text(json.dumps(LISTINGS, ensure_ascii=False), encoding="utf-8")
    paged = start_node(
        "paged", "provincial-subgraph.mjs", ["--listings", str(listings), "--paged"], tmp_path
    )
    query = """{ provincialListingPage(first: 1) { pageInfo { hasNextPage endCursor }
        nodes { platformId patent { title } } }
      patents(first: 1) { pageInfo { hasNextPage endCursor } } }"""
    try:
        for name, script in GATEWAYS.items():
            result = compose(federation.hub, paged, tmp=tmp_path, composer=COMPOSERS[name])
            assert result.returncode == 0, (name, result.stderr)
            assert "type PageInfo" in result.stdout
            assert "@join__type(graph: PAGED)" in result.stdout.split("type PageInfo")[1][:200]
            gateway = start_node(
                f"{name}-paged",
                script,
                [f"hub={federation.hub.url}", f"paged={paged.url}"],
                tmp_path,
            )
            try:
                body = post(gateway.url, query, bearer=token(Role.NATIONAL))
            finally:
                gateway.stop()
            assert "errors" not in body, (name, body)
            page = body["data"]["provincialListingPage"]
            assert page["pageInfo"] == {"hasNextPage": True, "endCursor": "1"}
            assert page["nodes"] == [
                {
                    "platformId": "ZJ-2024-00018",
                    "patent": {"title": "一种三元正极材料的包覆改性方法"},
                }
            ]
            assert body["data"]["patents"]["pageInfo"]["hasNextPage"] is True
    finally:
        paged.stop()


@pytest.mark.parametrize("gateway", GATEWAYS)
def test_hub_and_provincial_subgraph_compose(
    federation: Federation, tmp_path: Path, gateway: str
) -> None:
    result = compose(federation.hub, federation.zhejiang, tmp=tmp_path, composer=COMPOSERS[gateway])
    assert result.returncode == 0, result.stderr
    supergraph = result.stdout
    assert supergraph == federation.supergraphs[gateway]
    assert 'join__graph(name: "hub"' in supergraph
    assert 'join__graph(name: "zhejiang"' in supergraph
    assert '@join__type(graph: ZHEJIANG, key: "appNo")' in supergraph
    assert "provincialListing: ProvincialListing @join__field(graph: ZHEJIANG)" in supergraph


def test_a_subgraph_disagreeing_on_the_key_fails_loudly(
    federation: Federation, tmp_path: Path
) -> None:
    bad = start_node("bad", "provincial-subgraph.mjs", ["--key-type", "Int"], tmp_path)
    try:
        results = {
            name: compose(federation.hub, bad, tmp=tmp_path, composer=COMPOSERS[name])
            for name in GATEWAYS
        }
        gateways = {
            name: subprocess.run(
                [_node(), script, f"hub={federation.hub.url}", f"bad={bad.url}"],
                cwd=FEDERATION,
                capture_output=True,
                text=True,
                timeout=120,
                env=node_env(),
            )
            for name, script in GATEWAYS.items()
        }
    finally:
        bad.stop()
    for name in GATEWAYS:
        assert results[name].returncode == 1, name
        assert "composition failed" in results[name].stderr
        assert "Patent.appNo" in results[name].stderr, (name, results[name].stderr)
        assert gateways[name].returncode == 1, name
        assert "Patent.appNo" in gateways[name].stderr, name


@pytest.mark.parametrize("gateway", GATEWAYS)
def test_gateway_joins_hub_and_provincial_fields(federation: Federation, gateway: str) -> None:
    url = federation.gateways[gateway].url
    bearer = token(Role.PROVINCE, "33")
    body = post(url, PATENT_QUERY, {"appNo": ZJU_PATENT}, bearer=bearer)
    assert "errors" not in body, body
    assert body["data"]["patent"] == {
        "appNo": ZJU_PATENT,
        "title": "一种锂电池高镍正极材料及其制备方法",
        "institution": {"id": "4133010335", "name": "浙江大学"},
        "provincialListing": {
            "platformId": "ZJ-2024-00017",
            "platform": "浙江省专利转化平台",
            "listedAt": "2024-07-01",
            "localPrice": 80.0,
        },
    }
    # And the other way round: the provincial platform's list, completed by the hub.
    body = post(url, LISTINGS_QUERY, bearer=bearer)
    assert "errors" not in body, body
    assert body["data"]["provincialListings"] == [
        {
            "platformId": "ZJ-2024-00018",
            "patent": {
                "appNo": ZJUT_PATENT,
                "title": "一种三元正极材料的包覆改性方法",
                "institution": {"name": "浙江工业大学"},
            },
        },
        {
            "platformId": "ZJ-2024-00017",
            "patent": {
                "appNo": ZJU_PATENT,
                "title": "一种锂电池高镍正极材料及其制备方法",
                "institution": {"name": "浙江大学"},
            },
        },
    ]


def test_hub_entities_resolve_a_batch_within_the_callers_scope(federation: Federation) -> None:
    representations = [
        {"__typename": "Patent", "appNo": ZJU_PATENT},
        {"__typename": "Patent", "appNo": PKU_PATENT},
        {"__typename": "Patent", "appNo": ZJUT_PATENT},
        {"__typename": "Patent", "appNo": "209910000000.1"},
        {"__typename": "Province", "code": "33"},
    ]
    variables = {"representations": representations}
    national = post(federation.hub.url, ENTITIES_QUERY, variables, bearer=token(Role.NATIONAL))
    assert "errors" not in national, national
    found = national["data"]["_entities"]
    assert [e and e.get("appNo") for e in found[:4]] == [ZJU_PATENT, PKU_PATENT, ZJUT_PATENT, None]
    assert found[0]["institution"] == {"name": "浙江大学"}
    assert found[4] == {"__typename": "Province", "code": "33", "name": "浙江省"}

    # 北京's office sees its own province's patents and the transferable catalogue; the
    # non-transferable 浙江 patent does not exist for it: null, and nothing of it leaks.
    beijing = post(federation.hub.url, ENTITIES_QUERY, variables, bearer=token(Role.PROVINCE, "11"))
    entities = beijing["data"]["_entities"]
    assert entities[0] is None
    assert entities[1]["title"] == "一种固态电解质薄膜及其制备方法"
    assert entities[2]["title"] == "一种三元正极材料的包覆改性方法"
    assert entities[3] is None
    assert "锂电池高镍" not in json.dumps(beijing, ensure_ascii=False)


@pytest.mark.parametrize("gateway", GATEWAYS)
def test_scope_holds_across_the_composed_graph(federation: Federation, gateway: str) -> None:
    url = federation.gateways[gateway].url
    beijing = token(Role.PROVINCE, "11")
    body = post(url, PATENT_QUERY, {"appNo": ZJU_PATENT}, bearer=beijing)
    assert body["data"]["patent"] is None
    body = post(url, LISTINGS_QUERY, bearer=beijing)
    # The listings are the province's own data; the hub's fields of the out-of-scope
    # patent come back null through the gateway's _entities call, never as data.
    assert body["data"]["provincialListings"] == [
        {
            "platformId": "ZJ-2024-00018",
            "patent": {
                "appNo": ZJUT_PATENT,
                "title": "一种三元正极材料的包覆改性方法",
                "institution": {"name": "浙江工业大学"},
            },
        },
        {
            "platformId": "ZJ-2024-00017",
            "patent": {"appNo": ZJU_PATENT, "title": None, "institution": None},
        },
    ]
    text = json.dumps(body, ensure_ascii=False)
    assert "锂电池高镍" not in text
    assert "浙江大学" not in text
