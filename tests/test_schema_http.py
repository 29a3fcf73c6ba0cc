"""The read side end to end over HTTP: the token's role decides what the schema returns."""

from __future__ import annotations

import httpx

from graph.db import Graph
from tests import schema_support
from tests.conftest_http import TokenMinter, bearer
from tests.schema_support import P1, P4, VISIBLE, ZHEJIANG

seeded = schema_support.seeded

QUERY = """query($a: String!) {
  patents(first: 100) { totalCount edges { node { appNo contact } } }
  patent(appNo: $a) { appNo contact institution { name } }
}"""


def post(base: str, headers: dict[str, str]) -> dict[str, object]:
    response = httpx.post(
        f"{base}/graphql", json={"query": QUERY, "variables": {"a": P1}}, headers=headers
    )
    assert response.status_code == 200, response.text
    body: dict[str, object] = response.json()
    return body


def test_anonymous_sees_the_open_licence_catalogue_only(hub_server: str, seeded: Graph) -> None:
    body = post(hub_server, {})
    assert "errors" not in body, body
    data = body["data"]
    assert isinstance(data, dict)
    assert data["patents"]["totalCount"] == 1
    assert data["patents"]["edges"] == [{"node": {"appNo": P4, "contact": None}}]
    assert data["patent"] is None


def test_a_province_token_gets_the_province_view(
    hub_server: str, seeded: Graph, mint_token: TokenMinter
) -> None:
    body = post(hub_server, bearer(mint_token("PROVINCE", "33")))
    assert "errors" not in body, body
    data = body["data"]
    assert isinstance(data, dict)
    assert {e["node"]["appNo"] for e in data["patents"]["edges"]} == VISIBLE[ZHEJIANG]
    # P1 is in the national catalogue, so Zhejiang sees it, but not its Beijing contact
    assert data["patent"] == {
        "appNo": P1,
        "contact": None,
        "institution": {"name": "北京新材料大学"},
    }
