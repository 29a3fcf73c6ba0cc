"""Hostile input against a running hub (real HTTP, real Neo4j, real tokens): one test per
class of attack. Each must get a clear refusal with ``extensions.code`` (or an OAuth
error), before any Cypher runs where the class is about work, and never a 500."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from graphql import parse

from graph.config import Neo4jSettings
from graph.db import Graph
from hub.app import create_app
from hub.auth.clients import create_client, hash_secret, unknown_client
from hub.cli import main as cli
from hub.extensions import THREAD_DOCUMENT_CHARS, estimate_cost
from hub.graphql_http import THREAD_JSON_BYTES
from hub.limits import DocumentCache, Limits, expanded_fields
from hub.schema import schema as hub_schema
from hub.serve import running
from tests import schema_support
from tests.conftest_http import TokenMinter, bearer

seeded = schema_support.seeded


@pytest.fixture(scope="module")
def hub(settings: Neo4jSettings, seeded: Graph) -> Iterator[str]:
    """A hub of its own, so that its rate limits start from zero."""
    with running(create_app(neo4j=settings)) as url:
        yield url


def gql(
    hub: str,
    query: str,
    variables: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    return httpx.post(
        f"{hub}/graphql",
        json={"query": query, "variables": variables or {}},
        headers=headers or {},
        timeout=60,
    )


def code(response: httpx.Response) -> str:
    assert response.status_code != 500, response.text
    body = response.json()
    assert body.get("errors"), body
    return str(body["errors"][0]["extensions"]["code"])


def national(mint: TokenMinter) -> dict[str, str]:
    return bearer(mint("NATIONAL"))


# ------------------------------------------------------------------- bounded work


def test_alias_flood_is_refused_before_any_cypher(hub: str) -> None:
    def aliases(n: int) -> str:
        return (
            "{ "
            + " ".join(f"a{i}: institutions(first: 0) {{ totalCount }}" for i in range(n))
            + " }"
        )

    refused = gql(hub, aliases(300))  # within the size and token limits
    assert code(refused) == "QUERY_TOO_COMPLEX"
    assert refused.json()["errors"][0]["extensions"]["rootFields"] == 300
    assert refused.json().get("data") is None
    # the 2,400 aliases of the report do not even parse: over the document size limit
    assert code(gql(hub, aliases(2400))) == "QUERY_TOO_LARGE"


def test_root_fields_are_capped_per_role(hub: str, mint_token: TokenMinter) -> None:
    def aliases(n: int) -> str:
        return "{ " + " ".join(f"v{i}: viewer {{ role }}" for i in range(n)) + " }"

    assert code(gql(hub, aliases(11))) == "QUERY_TOO_COMPLEX"  # anonymous: 10
    assert "errors" not in gql(hub, aliases(10)).json()
    assert "errors" not in gql(hub, aliases(100), headers=national(mint_token)).json()
    assert code(gql(hub, aliases(101), headers=national(mint_token))) == "QUERY_TOO_COMPLEX"


def test_entities_representations_are_capped(hub: str, mint_token: TokenMinter) -> None:
    query = "query($r: [_Any!]!) { _entities(representations: $r) { ... on Province { name } } }"
    reps = [{"__typename": "Province", "code": "33"}] * 2001
    refused = gql(hub, query, {"r": reps}, national(mint_token))
    assert code(refused) == "QUERY_TOO_COMPLEX"
    assert refused.json()["errors"][0]["extensions"]["representations"] == 2001
    # 100,000 of them do not even get read: the body is over the size limit
    huge = gql(hub, query, {"r": reps * 50}, national(mint_token))
    assert huge.status_code == 413 and code(huge) == "PAYLOAD_TOO_LARGE"
    ok = gql(hub, query, {"r": reps[:3]}, national(mint_token))
    assert ok.json()["data"]["_entities"] == [{"name": "浙江省"}] * 3


def test_hostile_representations_answer_bad_user_input_at_their_index(
    hub: str, mint_token: TokenMinter
) -> None:
    query = (
        "query($r: [_Any!]!) { _entities(representations: $r) "
        "{ ... on Province { name } ... on Industry { name } } }"
    )
    hostile: list[Any] = [
        {"__typename": "Nope", "code": "33"},  # no such type
        {"__typename": "PageInfo", "hasNextPage": True},  # a type, but no entity
        {"code": "33"},  # no __typename
        {"__typename": "Province"},  # no key
        {"__typename": "Province", "code": 33},  # key not a string
        "Province:33",  # not an object
    ]
    good = [{"__typename": "Province", "code": "33"}, {"__typename": "Industry", "id": "nope"}]
    r = gql(hub, query, {"r": [good[0], *hostile, good[1]]}, national(mint_token))
    assert r.status_code == 200
    body = r.json()
    assert body["data"]["_entities"] == [{"name": "浙江省"}, *[None] * len(hostile), None]
    errors = sorted(body["errors"], key=lambda e: e["path"][1])
    assert [e["path"] for e in errors] == [["_entities", i] for i in range(1, 7)]
    assert {e["extensions"]["code"] for e in errors} == {"BAD_USER_INPUT"}
    assert all(e["message"].startswith(f"representation {e['path'][1]}:") for e in errors)
    assert "Province representations need code" in errors[3]["message"]


def fan_out(levels: int) -> str:
    """A document of a few hundred bytes whose fragments expand to 2**levels fields."""
    parts = ["query { viewer { ...F0 } }", "fragment F0 on Viewer { ...F1 ...F1 }"]
    for i in range(1, levels):
        parts.append(f"fragment F{i} on Viewer {{ ...F{i + 1} ...F{i + 1} }}")
    parts.append(f"fragment F{levels} on Viewer {{ role }}")
    return "\n".join(parts)


def test_fragment_fan_out_is_refused_in_linear_time(hub: str) -> None:
    document = fan_out(22)
    assert len(document) < 1200
    assert expanded_fields(parse(document), 3000) == 3001  # saturates, never expands
    refused = gql(hub, document)
    assert code(refused) == "QUERY_TOO_COMPLEX"
    assert "fragments" in refused.json()["errors"][0]["message"]
    assert "errors" not in gql(hub, fan_out(4)).json()  # 16 fields: fine


def test_one_name_repeated_in_a_selection_set_is_refused_before_validation(hub: str) -> None:
    """Validation compares every pair of same-named fields (quadratic): 2,990 times
    ``role`` is under the field and token limits but is refused before validation."""
    refused = gql(hub, "{ viewer { " + "role " * 2_990 + "} }")
    assert code(refused) == "QUERY_TOO_COMPLEX"
    assert "'role' 2990 times" in refused.json()["errors"][0]["message"]
    spreads = "query { viewer { " + "...R " * 101 + "} } fragment R on Viewer { role }"
    assert code(gql(hub, spreads)) == "QUERY_TOO_COMPLEX"
    fine = gql(hub, "{ viewer { " + "role " * 100 + "} }")  # the limit itself: answered
    assert fine.json() == {"data": {"viewer": {"role": "ANONYMOUS"}}}


def test_cost_uses_the_variables_default(hub: str) -> None:
    schema = hub_schema._schema
    with_default = (
        "query($n: Int = 100) { patents(first: $n) { edges { node { inventors { name } } } } }"
    )
    given = "query($n: Int) { patents(first: $n) { edges { node { inventors { name } } } } }"
    assert estimate_cost(schema, parse(with_default), None, {}) == estimate_cost(
        schema, parse(given), None, {"n": 100}
    )
    assert estimate_cost(schema, parse(with_default), None, {"n": 5}) == estimate_cost(
        schema, parse(given), None, {"n": 5}
    )
    deep = (
        "query($n: Int = 100) { patents(first: $n) { edges { node { "
        "inventors { name patents { appNo } } } } } }"
    )
    assert code(gql(hub, deep)) == "QUERY_TOO_COMPLEX"


def test_deep_json_bodies_are_400(hub: str) -> None:
    deep = '{"query": "{ viewer { role } }", "variables": {"x": ' + "[" * 100_000 + "]" * 100_000
    deep += "}}"
    r = httpx.post(
        f"{hub}/graphql", content=deep, headers={"content-type": "application/json"}, timeout=60
    )
    assert r.status_code == 400 and code(r) == "BAD_REQUEST"
    nested: Any = "x"
    for _ in range(40):
        nested = [nested]
    r = gql(hub, "query($x: String) { viewer { role } }", {"x": nested})
    assert r.status_code == 400 and "deeper" in r.json()["errors"][0]["message"]


def test_documents_over_the_size_limit_are_refused(hub: str) -> None:
    big = "{ viewer { role } }" + " " * 70_000
    assert code(gql(hub, big)) == "QUERY_TOO_LARGE"
    many_tokens = "{ viewer { " + "role " * 5_000 + "} }"  # 25 KB: under the byte limit
    assert code(gql(hub, many_tokens)) == "QUERY_TOO_LARGE"
    body = json.dumps({"query": "{ viewer { role } }", "pad": "x" * 1_200_000})
    r = httpx.post(f"{hub}/graphql", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 413 and code(r) == "PAYLOAD_TOO_LARGE"


def test_large_requests_taken_off_the_event_loop_answer_as_small_ones(hub: str) -> None:
    """Documents over THREAD_DOCUMENT_CHARS are parsed and validated in a worker thread,
    bodies over THREAD_JSON_BYTES decoded there: the answers are the same as on the loop."""
    filler = "# " + "x" * (THREAD_DOCUMENT_CHARS + 100) + "\n"  # a comment: same document
    assert gql(hub, filler + "{ viewer { role } }").json() == {
        "data": {"viewer": {"role": "ANONYMOUS"}}
    }
    invalid = gql(hub, filler + "{ viewer { nope } }")
    assert code(invalid) == "GRAPHQL_VALIDATION_FAILED"
    assert "nope" in invalid.json()["errors"][0]["message"]
    assert code(gql(hub, filler + "{ viewer { role }")) == "GRAPHQL_PARSE_FAILED"
    padded = json.dumps({"query": "{ viewer { role } }", "pad": "锂" * THREAD_JSON_BYTES})
    assert len(padded) > THREAD_JSON_BYTES  # decoded in a worker thread
    answer = httpx.post(
        f"{hub}/graphql", content=padded, headers={"content-type": "application/json"}
    )
    assert answer.json() == {"data": {"viewer": {"role": "ANONYMOUS"}}}
    many = {"query": "query($x: [String]) { viewer { role } }", "variables": {"x": ["a"] * 2000}}
    many["variables"]["x"].append("\ud800")
    surrogate = httpx.post(
        f"{hub}/graphql",
        content=json.dumps(many, ensure_ascii=True),
        headers={"content-type": "application/json"},
    )
    assert code(surrogate) == "BAD_USER_INPUT"  # the checks before validation ran there too


def test_the_document_cache_is_bounded_by_bytes() -> None:
    cache = DocumentCache(budget=4_000_000)
    document = parse("{ viewer { role } }")
    for i in range(8):
        cache.put(f"# {i}\n" + "x" * 1_000_000, document)
    assert cache.held <= 4_000_000 and len(cache) == 3
    cache.put("{ a }" + " " * 5_000_000, document)  # bigger than the budget: not kept
    assert cache.held <= 4_000_000
    assert Limits().max_document_bytes < cache.budget


# -------------------------------------------------------------- hostile values


SURROGATE_QUERIES = [
    ("query($s: String) { patents(search: $s, first: 1) { totalCount } }", {"s": "锂\ud800"}),
    ("query($s: String!) { patent(appNo: $s) { title } }", {"s": "\udfff"}),
    ("query($s: String!) { institution(id: $s) { name } }", {"s": "a\ud83d"}),
    (
        "query($f: PatentFilter) { patents(filter: $f, first: 1) { totalCount } }",
        {"f": {"institutionId": "\ud800"}},
    ),
    ("query($c: String) { patents(first: 1, after: $c) { totalCount } }", {"c": "\ud800"}),
]


@pytest.mark.parametrize(("query", "variables"), SURROGATE_QUERIES)
def test_lone_surrogates_are_bad_user_input(
    hub: str, mint_token: TokenMinter, query: str, variables: dict[str, Any]
) -> None:
    body = json.dumps({"query": query, "variables": variables}, ensure_ascii=True)
    r = httpx.post(
        f"{hub}/graphql",
        content=body,
        headers={"content-type": "application/json", **national(mint_token)},
    )
    assert code(r) == "BAD_USER_INPUT"
    assert "surrogate" in r.json()["errors"][0]["message"]
    # in the document itself, the parser refuses it
    literal = '{ patents(search: "\\ud800", first: 1) { totalCount } }'
    assert code(gql(hub, literal)) == "GRAPHQL_PARSE_FAILED"


def _paged_fields() -> list[tuple[str, str]]:
    """Every root field taking ``after``, with the arguments it needs."""
    out = []
    query_type = hub_schema._schema.query_type
    assert query_type is not None
    for name, field in query_type.fields.items():
        if "after" not in field.args:
            continue
        needed = ", ".join(
            f'{arg}: "2024-06-30"' for arg, a in field.args.items() if str(a.type) == "Date!"
        )
        out.append((name, needed))
    return out


def _forged() -> list[str]:
    def b64(raw: str) -> str:
        return base64.urlsafe_b64encode(raw.encode()).decode()

    return [
        b64('["x", ' + "9" * 40 + ", 1]"),
        b64(str(2**70)),
        b64("[" * 5000 + "]" * 5000),
        b64('["x", {"a": 1}, [1]]'),
        "A" * 100_000,
        "%%%not base64%%%",
        b64("\x00\xff"),
        b64('"' + "y" * 5000 + '"'),
    ]


@pytest.mark.parametrize(("field", "needed"), _paged_fields())
def test_forged_cursors_on_every_paged_field(
    hub: str, mint_token: TokenMinter, field: str, needed: str
) -> None:
    args = f"first: 1, after: $c{', ' + needed if needed else ''}"
    query = f"query($c: String) {{ {field}({args}) {{ __typename }} }}"
    for cursor in _forged():
        r = gql(hub, query, {"c": cursor}, national(mint_token))
        assert code(r) == "BAD_USER_INPUT", (field, cursor[:40], r.text[:300])


def test_forged_cursor_on_a_nested_page(hub: str, mint_token: TokenMinter) -> None:
    query = """query($c: String) { institutions(first: 1) { edges { node {
      patents(first: 1, after: $c) { totalCount } } } } }"""
    for cursor in _forged():
        r = gql(hub, query, {"c": cursor}, national(mint_token))
        assert code(r) == "BAD_USER_INPUT", cursor[:40]


def test_dates_out_of_range_are_bad_user_input(hub: str, mint_token: TokenMinter) -> None:
    query = "query($d: Date!) { dormantStateFunded(asOf: $d) { totalCount } }"
    r = gql(hub, query, {"d": "0001-01-01"}, national(mint_token))
    assert code(r) == "BAD_USER_INPUT" and "0006" in r.json()["errors"][0]["message"]
    for bad in ("0000-01-01", "10000-01-01", "2024-02-30"):
        r = gql(hub, query, {"d": bad}, national(mint_token))
        assert code(r) in {"BAD_USER_INPUT", "GRAPHQL_VALIDATION_FAILED"}, r.text


# ------------------------------------------------------------------------ OAuth


def token(hub: str, **kwargs: Any) -> httpx.Response:
    data = kwargs.pop("data", {"grant_type": "client_credentials"})
    return httpx.post(f"{hub}/oauth/token", data=data, **kwargs)


def test_non_utf8_basic_header_is_invalid_client(hub: str) -> None:
    raw = base64.b64encode(b"\xff\xfe:\xc3\x28").decode()
    r = token(hub, headers={"Authorization": f"Basic {raw}"})
    assert r.status_code == 401 and r.json()["error"] == "invalid_client"
    r = token(hub, headers={"Authorization": "Basic %%%"})
    assert r.status_code == 401 and r.json()["error"] == "invalid_client"


def test_plain_http_is_decided_by_configuration_not_host(hub: str, seeded: Graph) -> None:
    client_id, secret = create_client(seeded, "NATIONAL", None)
    # through the trusted proxy (loopback), a client elsewhere on plain HTTP
    forwarded = {"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "http"}
    r = token(hub, auth=(client_id, secret), headers={**forwarded, "Host": "localhost"})
    assert r.status_code == 400 and r.json()["error"] == "insecure_transport"
    # the same client over TLS at the proxy
    tls = {"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https"}
    assert token(hub, auth=(client_id, secret), headers=tls).status_code == 200
    # directly on loopback (development), by the default setting
    assert token(hub, auth=(client_id, secret)).status_code == 200


def test_failed_client_authentications_are_rate_limited(hub: str, seeded: Graph) -> None:
    client_id, secret = create_client(seeded, "NATIONAL", None)
    other = {"X-Forwarded-For": "198.51.100.9", "X-Forwarded-Proto": "https"}
    for _ in range(10):
        assert token(hub, auth=(client_id, "wrong"), headers=other).status_code == 401
    limited = token(hub, auth=(client_id, "wrong"), headers=other)
    assert limited.status_code == 429
    assert int(limited.headers["retry-after"]) > 0
    assert limited.json()["error"] == "slow_down"
    # the right secret waits too: the client id is limited, from any address
    assert token(hub, auth=(client_id, secret)).status_code == 429
    # per address: many unknown client ids from one address
    third = {"X-Forwarded-For": "192.0.2.44", "X-Forwarded-Proto": "https"}
    answers = [token(hub, auth=(f"ph_guess{i}", "x"), headers=third).status_code for i in range(51)]
    assert answers[:50] == [401] * 50 and answers[50] == 429


def test_unknown_client_costs_a_secret_check(hub: str) -> None:
    stand_in = unknown_client("ph_nobody")
    real = hash_secret("s")
    assert stand_in.secret_hash.split("$")[:4] == real.split("$")[:4]  # same scrypt work
    assert not stand_in.check_client_secret("s")


def test_disabled_clients_tokens_are_refused_within_seconds(
    hub: str, seeded: Graph, capsys: pytest.CaptureFixture[str]
) -> None:
    client_id, secret = create_client(seeded, "PROVINCE", "33", "浙江省平台")
    access = token(hub, auth=(client_id, secret)).json()["access_token"]
    viewer = "{ viewer { subject } }"
    assert gql(hub, viewer, headers=bearer(access)).json()["data"]["viewer"]["subject"] == client_id

    assert cli(["accounts", "list"]) == 0
    assert f"{client_id}\tPROVINCE\t33\tactive" in capsys.readouterr().out
    assert cli(["accounts", "disable", client_id]) == 0
    deadline = time.monotonic() + 15
    status = 200
    while time.monotonic() < deadline and status != 401:
        status = gql(hub, viewer, headers=bearer(access)).status_code
        time.sleep(0.5)
    assert status == 401
    assert token(hub, auth=(client_id, secret)).status_code == 401
    capsys.readouterr()
    assert cli(["accounts", "enable", client_id]) == 0
    assert token(hub, auth=(client_id, secret)).status_code == 200

    assert cli(["accounts", "rotate-secret", client_id]) == 0
    new_secret = capsys.readouterr().out.split("client_secret:")[1].split()[0]
    assert token(hub, auth=(client_id, secret)).status_code == 401
    fresh = token(hub, auth=(client_id, new_secret))
    assert fresh.status_code == 200
    # the hub may still hold the disabled state for the cache's life: once the new
    # token holds, the enabled state with the rotation's validAfter is the one read,
    # and tokens issued before the rotation end (the client's validAfter)
    new_access = fresh.json()["access_token"]
    deadline = time.monotonic() + 15
    status = 401
    while time.monotonic() < deadline and status != 200:
        status = gql(hub, viewer, headers=bearer(new_access)).status_code
        time.sleep(0.5)
    assert status == 200
    assert gql(hub, viewer, headers=bearer(access)).status_code == 401
    assert cli(["accounts", "disable", "ph_nosuchclient"]) == 1
