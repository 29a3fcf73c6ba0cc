"""The hub over real HTTP: uvicorn in a thread, the test Neo4j, httpx as the client."""

from __future__ import annotations

import json
import logging
import re
import socket
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import httpx
import pytest
from graphql import parse

from graph.config import Neo4jSettings
from graph.db import Graph
from hub.app import create_app
from hub.extensions import DEFAULT_LIST_SIZE, estimate_cost
from hub.graphql_http import negotiate
from hub.observability import JsonFormatter
from hub.schema_access import schema_access
from hub.serve import running
from tests.conftest_http import TokenMinter, bearer
from tests.http_schema import Running, tiny_schema

GQL_JSON = "application/graphql-response+json"


@pytest.fixture(scope="module")
def base(settings: Neo4jSettings, session_graph: Graph) -> Iterator[str]:
    with running(create_app(tiny_schema(), neo4j=settings)) as url:
        yield url


@pytest.fixture
def client(base: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base, timeout=30) as c:
        yield c


def post(
    client: httpx.Client, query: str, accept: str | None = None, **kw: object
) -> httpx.Response:
    headers = {"Accept": accept} if accept else {}
    headers.update(kw.pop("headers", {}))  # type: ignore[arg-type]
    return client.post("/graphql", json={"query": query, **kw}, headers=headers)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# --------------------------------------------------------------- health, ready


def test_health_and_ready(client: httpx.Client) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ready"}


def test_ready_is_503_when_neo4j_is_unreachable(settings: Neo4jSettings) -> None:
    dead = replace(settings, uri=f"neo4j://127.0.0.1:{free_port()}")
    with running(create_app(tiny_schema(), neo4j=dead)) as url:
        assert httpx.get(f"{url}/healthz").status_code == 200
        ready = httpx.get(f"{url}/readyz", timeout=30)
        assert ready.status_code == 503
        assert ready.json()["status"] == "unavailable"


# ------------------------------------------------------------ GraphQL over HTTP


def test_post_json_answers_application_json(client: httpx.Client) -> None:
    r = post(client, "{ viewer { role scope roleLabel } }")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/json")
    assert r.json() == {
        "data": {"viewer": {"role": "ANONYMOUS", "scope": None, "roleLabel": "公众"}}
    }


def test_graphql_response_json_is_negotiated(client: httpx.Client) -> None:
    r = post(client, "{ viewer { role } }", accept=f"{GQL_JSON}, application/json;q=0.9")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith(GQL_JSON)
    assert r.json()["data"]["viewer"]["role"] == "ANONYMOUS"


def test_validation_error_is_400_without_data_under_graphql_response_json(
    client: httpx.Client,
) -> None:
    r = post(client, "{ nosuchfield }", accept=GQL_JSON)
    assert r.status_code == 400
    body = r.json()
    assert "data" not in body
    assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    legacy = post(client, "{ nosuchfield }", accept="application/json")
    assert legacy.status_code == 200
    assert legacy.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"


def test_parse_error_has_its_code(client: httpx.Client) -> None:
    r = post(client, "{ viewer { role ", accept=GQL_JSON)
    assert r.status_code == 400
    assert r.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"


def test_get_runs_queries(client: httpx.Client) -> None:
    r = client.get("/graphql", params={"query": "{ items { id } }"})
    assert r.status_code == 200
    assert r.json() == {"data": {"items": [{"id": 0}, {"id": 1}, {"id": 2}]}}


def test_mutation_over_get_is_405_and_over_post_runs(client: httpx.Client) -> None:
    r = client.get("/graphql", params={"query": "mutation { touch }"})
    assert r.status_code == 405
    assert r.headers["allow"] == "POST"
    assert r.json()["errors"][0]["extensions"]["code"] == "METHOD_NOT_ALLOWED"
    assert post(client, "mutation { touch }").json() == {"data": {"touch": True}}


def test_malformed_requests_are_4xx(client: httpx.Client) -> None:
    bad_json = client.post(
        "/graphql", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert bad_json.status_code == 400
    assert bad_json.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    no_query = client.post("/graphql", json={"variables": {}})
    assert no_query.status_code == 400
    bad_vars = client.post("/graphql", json={"query": "{ viewer { role } }", "variables": [1]})
    assert bad_vars.status_code == 400
    text = client.post(
        "/graphql", content=b"{ viewer { role } }", headers={"Content-Type": "text/plain"}
    )
    assert text.status_code == 400
    put = client.put("/graphql", json={"query": "{ viewer { role } }"})
    assert put.status_code == 405
    assert "POST" in put.headers["allow"]
    csv = post(client, "{ viewer { role } }", accept="text/csv")
    assert csv.status_code == 406
    assert csv.json()["errors"][0]["extensions"]["code"] == "NOT_ACCEPTABLE"


def test_negotiation_rules() -> None:
    assert negotiate(None) == "application/json"
    assert negotiate("*/*") == "application/json"
    assert negotiate(f"application/json, {GQL_JSON}") == GQL_JSON
    assert negotiate(f"{GQL_JSON};q=0.5, application/json") == "application/json"
    assert negotiate(f"{GQL_JSON};q=0") is None
    assert negotiate("text/html") is None


def test_graphiql_is_off_by_default_and_on_in_dev(
    client: httpx.Client, settings: Neo4jSettings
) -> None:
    off = client.get("/graphql", headers={"Accept": "text/html"})
    assert off.status_code == 200  # no IDE: a person gets a page pointing to the console
    assert off.headers["content-type"].startswith("text/html")
    assert "GraphQL 接口" in off.text and 'href="/"' in off.text
    assert "graphiql" not in off.text.lower()
    with running(create_app(tiny_schema(), neo4j=settings, graphiql=True)) as url:
        on = httpx.get(f"{url}/graphql", headers={"Accept": "text/html"})
        assert on.status_code == 200
        assert "graphiql" in on.text.lower()


def test_context_carries_the_graph(client: httpx.Client, graph: Graph) -> None:
    graph.write("UNWIND range(1, 7) AS i CREATE (:Probe {i: i})")
    expected = graph.read("MATCH (n) RETURN count(n) AS n")[0]["n"]
    assert post(client, "{ nodeCount }").json() == {"data": {"nodeCount": expected}}


# --------------------------------------------------------------------- errors


def test_unexpected_errors_are_masked(client: httpx.Client) -> None:
    r = post(client, "{ boom viewer { role } }")
    assert r.status_code == 200
    body = r.json()
    assert "hunter2" not in r.text
    assert "Traceback" not in r.text
    assert body["errors"][0]["message"] == "Internal server error."
    assert body["errors"][0]["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
    assert body["errors"][0]["path"] == ["boom"]


def test_hub_errors_keep_their_message_and_code(client: httpx.Client) -> None:
    body = post(client, "{ denied }").json()
    assert body["errors"][0]["message"] == "这个字段不对你开放"
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


def test_refusals_are_one_info_line_and_only_faults_log_errors(
    client: httpx.Client, caplog: pytest.LogCaptureFixture
) -> None:
    """Refused requests are the hub working as meant: no ERROR, no traceback; a bug
    keeps its ERROR and traceback."""
    refused = {
        "{ denied }": "FORBIDDEN",
        "{ __schema { types { name } } }": "FORBIDDEN",
        WIDE: "QUERY_TOO_COMPLEX",
        "{ nope }": "GRAPHQL_VALIDATION_FAILED",
        "{": "GRAPHQL_PARSE_FAILED",
    }
    with caplog.at_level(logging.INFO):
        for query, code in refused.items():
            body = post(client, query).json()
            assert body["errors"][0]["extensions"]["code"] == code, query
        raw = b'{"query": "query($s: String) { __typename }", "variables": {"s": "\\ud800"}}'
        lone = client.post("/graphql", content=raw, headers={"Content-Type": "application/json"})
        assert lone.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == [], [r.getMessage() for r in errors]
    assert not [r for r in caplog.records if r.exc_info]
    lines = [r.getMessage() for r in caplog.records if r.name == "hub.graphql"]
    for code in {*refused.values(), "BAD_USER_INPUT"}:
        assert any(line.startswith(f"refused {code}: ") for line in lines), (code, lines)
    caplog.clear()
    with caplog.at_level(logging.INFO):
        post(client, "{ boom }")
    [fault] = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert fault.exc_info is not None and "hunter2" in str(fault.exc_info[1])


# --------------------------------------------------------------------- limits

WIDE = "{ items(first: 100) { id children(first: 100) { id } } }"  # cost 1 + 100 + 100*100


def test_large_operations_execute_one_at_a_time(base: str) -> None:
    """A document over 2,000 characters executes in its turn; small ones run together."""

    def most_at_once(document: str) -> int:
        Running.most = 0
        with ThreadPoolExecutor(4) as pool:
            answers = list(
                pool.map(
                    lambda _: httpx.post(f"{base}/graphql", json={"query": document}, timeout=30),
                    range(4),
                )
            )
        assert all(a.json()["data"]["slow"] >= 1 for a in answers)
        return Running.most

    assert most_at_once("{ slow }") > 1
    assert most_at_once("{ slow }" + " " * 2_100) == 1


def test_cost_limit_depends_on_the_role(client: httpx.Client, mint_token: TokenMinter) -> None:
    refused = post(client, WIDE, accept=GQL_JSON)
    assert refused.status_code == 400
    error = refused.json()["errors"][0]
    assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert error["extensions"]["limit"] < error["extensions"]["cost"]
    assert "ANONYMOUS" in error["message"]
    national = post(client, WIDE, headers=bearer(mint_token("NATIONAL")))
    assert national.status_code == 200
    assert "errors" not in national.json()
    assert len(national.json()["data"]["items"]) == 3


def test_cost_counts_variables_and_fragments(client: httpx.Client) -> None:
    query = """
      query Wide($n: Int!) { items(first: $n) { ...F } }
      fragment F on Item { id children(first: $n) { id } }
    """
    small = post(client, query, variables={"n": 5}, operationName="Wide")
    assert "errors" not in small.json()
    big = post(client, query, variables={"n": 500}, operationName="Wide")
    assert big.json()["errors"][0]["extensions"]["code"] == "QUERY_TOO_COMPLEX"


def test_cost_estimates() -> None:
    schema = tiny_schema()._schema

    def cost(query: str, **variables: object) -> int:
        return estimate_cost(schema, parse(query), None, variables)

    assert cost("{ viewer { role } }") == 2
    assert cost("{ items(first: 5) { id } }") == 1 + 5
    assert cost("{ items { id } }") == 1 + DEFAULT_LIST_SIZE
    assert cost("{ page(first: 50) { nodes { id children(first: 2) { id } } } }") == (
        1 + 50 + 50 + 50 + 100
    )
    assert cost("query($n: Int) { page(first: $n) { nodes { id } } }", n=7) == 1 + 7 + 7
    assert cost("{ __schema { types { name } } }") == 0


def test_depth_limit(client: httpx.Client, mint_token: TokenMinter) -> None:
    deep = "{ items(first: 1) { " + "children(first: 1) { " * 12 + "id" + " }" * 13 + " }"
    r = post(client, deep, headers=bearer(mint_token("NATIONAL")))
    assert r.json()["errors"][0]["extensions"]["code"] == "QUERY_TOO_DEEP"
    shallow = "{ items(first: 1) { " + "children(first: 1) { " * 5 + "id" + " }" * 6 + " }"
    assert "errors" not in post(client, shallow).json()


# ---------------------------------------------------------- ids, logs, metrics


def test_request_id_is_honoured_or_made(
    client: httpx.Client, caplog: pytest.LogCaptureFixture
) -> None:
    # The server thread logs once the response is sent, so the level stays raised (and
    # the log is awaited) until its line has arrived.
    with caplog.at_level(logging.INFO, logger="hub.access"):
        given = client.get("/healthz", headers={"X-Request-ID": "prov-33-abc.1"})
        assert given.headers["x-request-id"] == "prov-33-abc.1"
        made = client.get("/healthz")
        assert re.fullmatch(r"[0-9a-f]{32}", made.headers["x-request-id"])
        insane = client.get("/healthz", headers={"X-Request-ID": "x" * 300})
        assert re.fullmatch(r"[0-9a-f]{32}", insane.headers["x-request-id"])
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            records = [
                r for r in caplog.records if getattr(r, "request_id", None) == "prov-33-abc.1"
            ]
            if records:
                break
            time.sleep(0.05)
    assert records, "the access log names the request id"
    line = json.loads(JsonFormatter().format(records[0]))
    assert line["request_id"] == "prov-33-abc.1"
    assert line["status"] == 200
    assert line["path"] == "/healthz"


def test_metrics_count_operations_and_errors(client: httpx.Client) -> None:
    post(client, "query WhoAmI { viewer { role } }")
    post(client, "{ boom }")
    text = client.get("/metrics").text
    assert re.search(
        r'patent_hub_graphql_operations_total\{operation="WhoAmI",type="query"\} [1-9]', text
    )
    assert re.search(r'patent_hub_graphql_errors_total\{code="INTERNAL_SERVER_ERROR"\} [1-9]', text)
    assert 'patent_hub_graphql_operation_seconds_count{operation="WhoAmI"}' in text
    assert re.search(r'patent_hub_http_requests_total\{route="/graphql",status="200"\} [1-9]', text)


# ------------------------------------------------------- the real app, fixture


def test_hub_server_fixture_serves_the_real_schema(
    hub_server: str, mint_token: TokenMinter
) -> None:
    r = httpx.post(
        f"{hub_server}/graphql",
        json={"query": "{ __typename _service { sdl } }"},
        headers=bearer(mint_token("PROVINCE", "33")),
    )
    assert r.status_code == 200
    body = r.json()
    assert body["data"]["__typename"] == "Query"
    sdl = body["data"]["_service"]["sdl"]
    assert "type Query" in sdl
    # the subgraph specification's SDL: no federation machinery, shared value types
    for omitted in ("_entities", "_service", "_Any", "_Entity", "_Service"):
        assert omitted not in sdl, omitted
    assert "type PageInfo @shareable {" in sdl
    assert 'import: ["@key", "@shareable"]' in sdl
    # the gateway's fields are still served
    entities = httpx.post(
        f"{hub_server}/graphql",
        json={
            "query": '{ _entities(representations: [{__typename: "Province", code: "33"}]) '
            "{ __typename } }"
        },
        headers=bearer(mint_token("NATIONAL")),
    )
    found = entities.json()  # the province exists or not, depending on the data loaded
    assert "errors" not in found and len(found["data"]["_entities"]) == 1, found


# ------------------------------------------------------------ schema access

SCHEMA_QUERIES = (
    "{ __schema { queryType { name } } }",
    '{ __type(name: "Query") { name } }',
    "{ _service { sdl } }",
    "{ ...Q } fragment Q on Query { ... on Query { __schema { queryType { name } } } }",
    'query A { __typename } query B { __type(name: "Item") { name } }',
)


@pytest.mark.parametrize("query", SCHEMA_QUERIES)
def test_anonymous_callers_get_no_schema_by_default(
    client: httpx.Client, mint_token: TokenMinter, query: str
) -> None:
    name = "B" if query.startswith("query A") else None
    body = post(client, query, operationName=name).json()
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN", body
    assert "authenticated" in body["errors"][0]["message"]
    assert body.get("data") is None
    allowed = post(client, query, operationName=name, headers=bearer(mint_token("EXPERT", "X1")))
    assert "errors" not in allowed.json(), allowed.json()


def test_typename_stays_open_and_public_access_is_a_setting(
    client: httpx.Client, settings: Neo4jSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert post(client, "{ __typename }").json() == {"data": {"__typename": "Query"}}
    with running(create_app(tiny_schema("public"), neo4j=settings)) as url:
        for query in SCHEMA_QUERIES[:3]:
            body = httpx.post(f"{url}/graphql", json={"query": query}, timeout=30).json()
            assert "errors" not in body, query
    monkeypatch.delenv("PATENT_HUB_SCHEMA_ACCESS", raising=False)
    monkeypatch.delenv("PATENT_HUB_DEV", raising=False)
    assert schema_access() == "authenticated"
    monkeypatch.setenv("PATENT_HUB_DEV", "1")
    assert schema_access() == "public"
    monkeypatch.setenv("PATENT_HUB_SCHEMA_ACCESS", "Authenticated")
    assert schema_access() == "authenticated"
    monkeypatch.setenv("PATENT_HUB_SCHEMA_ACCESS", "everyone")
    with pytest.raises(ValueError, match="PATENT_HUB_SCHEMA_ACCESS"):
        schema_access()
