"""xlsx exports: the same scoped resolvers as the page, for every role (the scope
matrix's exports axis), every page fetched, Chinese headers and labels; over real
HTTP with tokens and the session cookie."""

from __future__ import annotations

import io
from typing import Any

import httpx
import openpyxl
import pytest

from graph.db import AsyncGraph, Graph
from hub.auth.principal import Principal
from hub.context import Context
from hub.export.endpoint import ExportError, collect, parse_request, to_xlsx
from hub.export.tabulate import Column
from hub.export.xlsx import workbook
from hub.schema import schema
from tests import schema_support
from tests.conftest_http import TokenMinter, bearer
from tests.schema_support import BEIJING, NATIONAL, VISIBLE, ZHEJIANG
from tests.test_schema_scope import ENTERPRISES, EVALUATIONS, INSTITUTIONS

agraph = schema_support.agraph
seeded = schema_support.seeded

PATENTS = """query($after: String) {
  patents(first: 2, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node { appNo title type { value label } stateFunded institution { name } } }
  }
}"""


def sheet(body: bytes) -> list[list[Any]]:
    wb = openpyxl.load_workbook(io.BytesIO(body), read_only=True)
    return [list(r) for r in wb.worksheets[0].iter_rows(values_only=True)]


async def export_as(
    agraph: AsyncGraph, who: Principal, query: str, path: str, **extra: Any
) -> list[list[Any]]:
    request = parse_request({"query": query, "path": path, **extra})
    ctx = Context(principal=who, graph=agraph, request_id="test")
    body, _ = to_xlsx(request, await collect(schema, ctx, request))
    return sheet(body)


def ids(principal: Principal) -> str:
    return f"{principal.role.value}:{principal.scope}"


@pytest.mark.parametrize("who", list(VISIBLE), ids=ids)
async def test_patent_export_is_scoped_and_pages_through(
    agraph: AsyncGraph, seeded: Graph, who: Principal
) -> None:
    rows = await export_as(agraph, who, PATENTS, "patents")
    assert rows[0] == ["申请号", "专利名称", "专利类型", "财政资助", "所属机构"]
    assert {r[0] for r in rows[1:]} == VISIBLE[who]
    assert len(rows) - 1 == len(VISIBLE[who])  # every page, no row twice


LISTS = [
    ("institutions", "id", INSTITUTIONS),
    ("enterprises", "creditCode", ENTERPRISES),
    ("evaluations", "id", EVALUATIONS),
]


@pytest.mark.parametrize("who", list(VISIBLE), ids=ids)
async def test_directory_exports_are_scoped(
    agraph: AsyncGraph, seeded: Graph, who: Principal
) -> None:
    for field, key, expected in LISTS:
        query = f"{{ {field}(first: 100) {{ edges {{ node {{ {key} }} }} }} }}"
        rows = await export_as(agraph, who, query, field)
        assert {r[0] for r in rows[1:]} == expected[who], field


async def test_enum_labels_columns_and_refusals(agraph: AsyncGraph, seeded: Graph) -> None:
    columns = [{"field": "appNo", "header": "申请号"}, {"field": "type", "header": "类型"}]
    rows = await export_as(agraph, NATIONAL, PATENTS, "patents", columns=columns)
    assert rows[0] == ["申请号", "类型"]
    assert {r[1] for r in rows[1:]} <= {"发明", "实用新型", "外观设计"}
    assert "发明" in {r[1] for r in rows[1:]}
    bad = [
        ({"query": "{ patents { totalCount } }", "path": 3}, "path"),
        ({"query": "", "path": "patents"}, "query"),
        ({"query": "{ x }", "path": "a..b"}, "path"),
        ({"query": "{ x }", "path": "p", "columns": []}, "columns"),
        ({"query": "{ x }", "path": "p", "variables": "[1"}, "variables"),
    ]
    for body, why in bad:
        with pytest.raises(ExportError, match=why):
            parse_request(body)
    for query, path, why in [
        ("{ patents(first: 5) { totalCount } }", "patents", "not a list"),
        ("{ patents(first: 5) { totalCount } }", "nope", "'nope' is not in the answer"),
        ("{ patents(first: 5) { totalCount } }", "", "no list"),
        ('mutation { stateTechNeed(text: "x") { id } }', "x", "query only|Cannot query"),
    ]:
        request = parse_request({"query": query, "path": path})
        ctx = Context(principal=NATIONAL, graph=agraph, request_id="t")
        with pytest.raises(ExportError, match=why):
            await collect(schema, ctx, request)


def test_formula_text_is_written_as_text() -> None:
    body = workbook(
        [Column("title", "专利名称"), Column("n", "数量")],
        [{"title": '=HYPERLINK("http://x","点击")', "n": -3}, {"title": "-12", "n": 1.5}],
        "导出",
        [],
    )
    rows = sheet(body)
    assert rows[1] == ['\'=HYPERLINK("http://x","点击")', -3]
    assert rows[2] == ["-12", 1.5]


# ------------------------------------------------------------------ over HTTP


def post_export(base: str, headers: dict[str, str], **body: Any) -> httpx.Response:
    return httpx.post(
        f"{base}/export", json={"query": PATENTS, "path": "patents", **body}, headers=headers
    )


def test_export_over_http_with_tokens(
    hub_server: str, seeded: Graph, mint_token: TokenMinter
) -> None:
    for who, token in [
        (ZHEJIANG, mint_token("PROVINCE", "33")),
        (BEIJING, mint_token("PROVINCE", "11")),
        (NATIONAL, mint_token("NATIONAL")),
    ]:
        r = post_export(hub_server, bearer(token), filename="专利清单")
        assert r.status_code == 200, r.text
        assert r.headers["content-type"].startswith("application/vnd.openxmlformats")
        assert (
            "filename*=UTF-8''%E4%B8%93%E5%88%A9%E6%B8%85%E5%8D%95.xlsx"
            in (r.headers["content-disposition"])
        )
        assert {row[0] for row in sheet(r.content)[1:]} == VISIBLE[who]
        assert r.headers["x-export-rows"] == str(len(VISIBLE[who]))
    anonymous = post_export(hub_server, {})
    assert {row[0] for row in sheet(anonymous.content)[1:]} == VISIBLE[schema_support.ANONYMOUS]
    broken = post_export(hub_server, bearer("not-a-token"))
    assert broken.status_code == 401
    assert broken.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    parse = httpx.post(f"{hub_server}/export", json={"query": "{ patents(", "path": "patents"})
    assert parse.status_code == 400
    assert parse.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"
    form = httpx.post(f"{hub_server}/export", data={"query": PATENTS, "path": "patents"})
    assert form.status_code == 415


def test_export_with_the_session_cookie(
    hub_server: str, seeded: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hub.cli import main as cli

    monkeypatch.setattr("sys.stdin", io.StringIO("北京-beijing-2024\n"))
    args = ["users", "create", "--username", "bj", "--role", "PROVINCE", "--scope", "11"]
    assert cli([*args, "--password-stdin"]) == 0
    client = httpx.Client(base_url=hub_server)
    login = client.post("/login", data={"username": "bj", "password": "北京-beijing-2024"})
    assert login.status_code == 303
    r = client.post("/export", json={"query": PATENTS, "path": "patents"})
    assert r.status_code == 200, r.text
    assert {row[0] for row in sheet(r.content)[1:]} == VISIBLE[BEIJING]
    # a plain link, as the console's download buttons make it: no path (the first list)
    variables = '{"after": null}'
    link = client.get("/export", params={"query": PATENTS, "variables": variables})
    assert (
        link.status_code == 200
        and {row[0] for row in sheet(link.content)[1:]} == (VISIBLE[BEIJING])
    )
    forged = client.post("/export", content=b"{}", headers={"content-type": "text/plain"})
    assert forged.status_code == 403
    assert forged.json()["errors"][0]["extensions"]["code"] == "CSRF_REFUSED"
    cross = client.get(
        "/export",
        params={"query": PATENTS, "path": "patents"},
        headers={"sec-fetch-site": "cross-site"},
    )
    assert cross.status_code == 403
