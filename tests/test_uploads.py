"""Uploads over real HTTP (uvicorn): per role an allowed and a forbidden kind, rows out of
scope, the report download, the size limit, content sniffing, idempotence and audit."""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from openpyxl import load_workbook

from graph.config import Neo4jSettings
from graph.db import Graph
from graph.ingest import samples
from graph.ingest.samples import APP, FIRM
from tests.upload_support import ZJU, ZJUT, base, error_code, finished, job, run, upload

Mint = Callable[..., str]


@pytest.fixture
def hub(hub_server: str, ref_graph: Graph, tmp_path: Path) -> str:
    base(ref_graph, tmp_path)
    return hub_server


def inventory_rows() -> list[dict[str, Any]]:
    """The sample inventory (patents of 浙江工业大学) plus a row for 浙江大学's own patent."""
    extra = {**samples.INVENTORY[-1], "序号": 4, "申请号": APP[3], "专利名称": "一种高强度铝合金"}
    return [*samples.INVENTORY, extra]


def inventoried(graph: Graph) -> list[str]:
    rows = graph.read(
        "MATCH (p:Patent) WHERE p.inventoryState <> 'NOT_INVENTORIED' "
        "RETURN p.appNo AS a ORDER BY a"
    )
    return [r["a"] for r in rows]


def test_institution_uploads_its_inventory_and_a_foreign_row_is_refused(
    hub: str, ref_graph: Graph, mint_token: Mint, tmp_path: Path
) -> None:
    token = mint_token("INSTITUTION", ZJUT)
    path = samples.fill_template(tmp_path / "盘点.xlsx", inventory_rows())
    done = run(hub, token, "INVENTORY", path)
    assert done["status"] == "FAILED"
    refused = [p for p in done["problems"] if p["code"] == "OUT_OF_SCOPE"]
    assert all("超出本账号的写入范围" in p["reason"] for p in refused)
    assert [(p["row"], p["column"]) for p in refused] == [(8, "B 申请号")]
    assert "浙江大学" not in refused[0]["reason"]  # nothing of the other party told
    assert inventoried(ref_graph) == []  # all or nothing
    assert done["reportUrl"] == f"/imports/{done['id']}/report"

    # the report: the uploaded sheet with the reason on the faulty row
    r = httpx.get(hub + done["reportUrl"], headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(r.content))["批量导入"]
    reasons_column = ws.max_column
    assert ws.cell(row=1, column=reasons_column).value == "问题说明"
    assert "超出本账号的写入范围" in str(ws.cell(row=8, column=reasons_column).value)
    assert ws.cell(row=4, column=reasons_column).value is None
    assert ws.cell(row=8, column=2).value == APP[3]

    # accept the valid rows: the institution's three patents are written, the fourth not
    accepted = run(hub, token, "INVENTORY", path, accept=True)
    assert accepted["status"] == "SUCCEEDED", accepted["problems"]
    assert inventoried(ref_graph) == sorted(APP[:3])
    assert accepted["counts"]["problems"] == 1


def test_an_anonymous_upload_is_refused_before_the_file_is_kept(
    hub: str, ref_graph: Graph, tmp_path: Path
) -> None:
    header, rows = samples.SAMPLES["patents"]
    path = samples.write_csv(tmp_path / "p.csv", header, rows)
    jobs = "MATCH (j:ImportJob) RETURN count(j) AS n"
    before = ref_graph.read(jobs)
    body = upload(hub, None, "PATENTS", path)
    assert error_code(body) == "UNAUTHENTICATED"
    assert body["errors"][0]["message"] == "importFile needs an account: send a bearer token"
    assert body["data"] is None
    assert ref_graph.read(jobs) == before


def test_institution_may_not_upload_evaluations(hub: str, mint_token: Mint, tmp_path: Path) -> None:
    header, rows = samples.SAMPLES["evaluations"]
    path = samples.write_csv(tmp_path / "ev.csv", header, rows)
    body = upload(hub, mint_token("INSTITUTION", ZJUT), "EVALUATIONS", path)
    assert error_code(body) == "FORBIDDEN"
    assert body["data"] is None


def test_enterprise_uploads_its_own_evaluations_only(
    hub: str, ref_graph: Graph, mint_token: Mint, tmp_path: Path
) -> None:
    header, _ = samples.SAMPLES["evaluations"]
    mine = {**samples.EVALUATIONS[0], "评价编号": "EV-OWN", "申请号": APP[1]}  # open licence
    other = {**mine, "评价编号": "EV-OTHER", "统一社会信用代码": FIRM[1]}
    unseen = {**mine, "评价编号": "EV-UNSEEN", "申请号": APP[0]}  # not visible to the firm
    path = samples.write_csv(tmp_path / "ev.csv", header, [mine, other, unseen])
    token = mint_token("ENTERPRISE", FIRM[0])
    done = run(hub, token, "EVALUATIONS", path, accept=True)
    assert done["status"] == "SUCCEEDED", done["problems"]
    assert sorted(p["row"] for p in done["problems"]) == [3, 4]
    ids = [r["id"] for r in ref_graph.read("MATCH (v:Evaluation) RETURN v.id AS id")]
    assert ids == ["EV-OWN"]
    body = upload(hub, token, "PATENTS", path)
    assert error_code(body) == "FORBIDDEN"


def test_province_uploads_its_experts_and_not_transactions(
    hub: str, ref_graph: Graph, mint_token: Mint, tmp_path: Path
) -> None:
    header, rows = samples.SAMPLES["experts"]
    beijing = {**rows[0], "专家编号": "BJ-2024-001", "推荐省份代码": "11"}
    mine = {**rows[0], "专家编号": "ZJ-2024-009"}
    path = samples.write_csv(tmp_path / "experts.csv", header, [mine, beijing])
    token = mint_token("PROVINCE", "33")
    done = run(hub, token, "EXPERTS", path)
    assert done["status"] == "FAILED"
    assert [
        (p["row"], p["code"], "超出本账号的写入范围" in p["reason"]) for p in done["problems"]
    ] == [(3, "OUT_OF_SCOPE", True)]
    assert ref_graph.read("MATCH (x:Expert {id: 'ZJ-2024-009'}) RETURN x") == []
    done = run(hub, token, "EXPERTS", path, accept=True)
    assert done["status"] == "SUCCEEDED"
    found = ref_graph.read(
        "MATCH (x:Expert) WHERE x.id IN ['ZJ-2024-009', 'BJ-2024-001'] RETURN x.id AS id"
    )
    assert [r["id"] for r in found] == ["ZJ-2024-009"]
    header, rows = samples.SAMPLES["transactions"]
    body = upload(hub, token, "TRANSACTIONS", samples.write_csv(tmp_path / "t.csv", header, rows))
    assert error_code(body) == "FORBIDDEN"


def test_national_uploads_patents_and_ministry_may_upload_nothing(
    hub: str, ref_graph: Graph, mint_token: Mint, tmp_path: Path
) -> None:
    header, rows = samples.SAMPLES["patents"]
    changed = [{**rows[3], "专利名称": "一种高强度铝合金（修订）"}]
    path = samples.write_csv(tmp_path / "p.csv", header, changed)
    done = run(hub, mint_token("NATIONAL"), "PATENTS", path)
    assert done["status"] == "SUCCEEDED", done["problems"]
    title = ref_graph.read("MATCH (p:Patent {appNo: $a}) RETURN p.title AS t", {"a": APP[3]})
    assert title == [{"t": "一种高强度铝合金（修订）"}]
    source = ref_graph.read(
        "MATCH (c:Change {appNo: $a}) RETURN c.source AS s ORDER BY c.seq DESC LIMIT 1",
        {"a": APP[3]},
    )
    assert source == [{"s": f"upload:{done['id']}"}]
    body = upload(hub, mint_token("MINISTRY", "MOE"), "PATENTS", path)
    assert error_code(body) == "FORBIDDEN"


def test_a_caller_sees_only_its_own_jobs(
    hub: str, ref_graph: Graph, mint_token: Mint, tmp_path: Path
) -> None:
    header, rows = samples.SAMPLES["patents"]
    path = samples.write_csv(tmp_path / "p.csv", header, [rows[0]])
    own = mint_token("INSTITUTION", ZJUT)
    done = run(hub, own, "PATENTS", path)
    assert done["status"] == "SUCCEEDED", done["problems"]
    assert done["counts"]["unchanged"] == 1  # the base already held it: idempotent
    other = mint_token("INSTITUTION", ZJU)
    assert job(hub, other, done["id"]) is None
    assert job(hub, mint_token("NATIONAL"), done["id"]) is not None
    r = httpx.get(
        f"{hub}/imports/{done['id']}/report", headers={"Authorization": f"Bearer {other}"}
    )
    assert (r.status_code, r.json()["errors"][0]["extensions"]["code"]) == (404, "NOT_FOUND")
    listed = httpx.post(
        f"{hub}/graphql",
        json={"query": "{ importJobs(first: 5) { totalCount edges { node { id } } } }"},
        headers={"Authorization": f"Bearer {other}"},
    ).json()["data"]["importJobs"]
    assert listed["totalCount"] == 0
    entries = ref_graph.read(
        "MATCH (a:AuditEntry {action: 'importFile', target: $id}) RETURN a.actorScope AS s",
        {"id": done["id"]},
    )
    assert entries == [{"s": ZJUT}]


def test_content_is_sniffed_not_trusted_from_the_name(
    hub: str, mint_token: Mint, tmp_path: Path
) -> None:
    header, rows = samples.SAMPLES["experts"]
    xlsx = samples.write_xlsx(tmp_path / "experts.xlsx", header, rows)
    token = mint_token("PROVINCE", "33")
    body = upload(hub, token, "EXPERTS", xlsx, name="experts.csv")
    done = finished(hub, token, body["data"]["importFile"]["id"])
    assert done["status"] == "SUCCEEDED", done["problems"]
    pdf = tmp_path / "fake.xlsx"
    pdf.write_bytes(b"%PDF-1.7\n" + os.urandom(64))
    body = upload(hub, token, "EXPERTS", pdf)
    got = body["data"]["importFile"]
    assert got["status"] == "FAILED"
    assert "PDF" in got["problems"][0]["reason"]
    assert got["problems"][0]["code"] == "FILE_NOT_ACCEPTED"


@pytest.fixture
def small_limit_hub(
    settings: Neo4jSettings, session_graph: Graph, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    from hub.app import create_app
    from hub.serve import running

    monkeypatch.setenv("PATENT_HUB_UPLOAD_MAX_MB", "1")
    with running(create_app(neo4j=settings)) as url:
        yield url


def test_an_oversized_upload_is_refused_with_413(
    small_limit_hub: str, mint_token: Mint, tmp_path: Path
) -> None:
    token = mint_token("NATIONAL")
    big = tmp_path / "big.csv"
    big.write_bytes(b"a,b\n" + b"1,2\n" * 300_000)  # 1.2 MB
    r = httpx.post(
        f"{small_limit_hub}/graphql",
        files={"0": ("big.csv", big.read_bytes())},
        data={"operations": "{}", "map": "{}"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert r.status_code == 413
    assert r.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted while it streams
        yield b'--b\r\nContent-Disposition: form-data; name="0"; filename="x.csv"\r\n\r\n'
        for _ in range(40):
            yield b"x" * 65536

    r = httpx.post(
        f"{small_limit_hub}/graphql",
        content=chunks(),
        headers={
            "Authorization": f"Bearer {token}",
            "Content-Type": "multipart/form-data; boundary=b",
        },
    )
    assert r.status_code == 413
    ok = httpx.get(f"{small_limit_hub}/healthz")
    assert ok.status_code == 200
