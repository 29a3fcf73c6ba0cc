"""The scope matrix's "writes" axis: for every role and every write path (GraphQL
mutation, upload over HTTP, CLI import with ``--account``, connector), a record outside the
account's scope is refused and nothing of it is written. NATIONAL has no outside; MINISTRY
and EXPERT may write no file kind at all (FORBIDDEN / exit 2 / a config error)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from connectors import filedrop
from connectors.config import ConfigError, from_dict
from graph.db import Graph
from graph.ingest import samples
from graph.ingest.run import import_file
from graph.ingest.samples import APP, FIRM
from graph.ingest.values import make_app_no
from graph.vocab import Role
from graph.writes import Account, Holder, may_own
from hub.auth.clients import create_client
from hub.cli import main as cli
from tests.upload_support import ZJU, ZJUT, base, error_code, query, run, upload

Mint = Callable[..., str]
PKU = "4111010001"  # 北京大学, province 11


@dataclass(frozen=True)
class Case:
    """One role's record outside its scope: the file kind, its rows, and the mutation."""

    role: str
    scope: str | None
    kind: str
    rows: list[dict[str, Any]]
    mutation: str
    variables: dict[str, Any]


def _inventory() -> list[dict[str, Any]]:
    return samples.INVENTORY[:2]  # APP[0], a patent of 浙江工业大学 only


def _patent_of_zjut_renamed() -> list[dict[str, Any]]:
    return [{**samples.PATENTS[0], "专利名称": "被改写的标题"}]


def _evaluation_by_another_firm() -> list[dict[str, Any]]:
    row = {**samples.EVALUATIONS[0], "评价编号": "EV-X", "申请号": APP[1]}
    return [{**row, "统一社会信用代码": FIRM[1]}]


INVENTORY_MUTATION = """mutation ($a: String!) { recordInventory(input: {appNo: $a,
  implStatuses: [NOT_IMPLEMENTED], intents: [LICENCE], maturity: PILOT, rating: 2}) { appNo } }"""
ASSIGN = """mutation ($a: String!) { assignExperts(appNos: [$a], expertIds: ["ZJ-2024-001"]) {
  assignments } }"""
EVALUATE = """mutation ($a: String!) { submitEvaluation(input: {appNo: $a, prospect: 4,
  willingness: MODERATE}) { id } }"""

CASES = [
    Case("INSTITUTION", ZJU, "inventory", _inventory(), INVENTORY_MUTATION, {"a": APP[0]}),
    Case("PROVINCE", "11", "patents", _patent_of_zjut_renamed(), ASSIGN, {"a": APP[0]}),
    Case(
        "ENTERPRISE", FIRM[0], "evaluations", _evaluation_by_another_firm(), EVALUATE, {"a": APP[0]}
    ),
    Case(
        "MINISTRY", "MOE", "patents", _patent_of_zjut_renamed(), INVENTORY_MUTATION, {"a": APP[0]}
    ),
    Case(
        "EXPERT",
        "ZJ-2024-001",
        "evaluations",
        _evaluation_by_another_firm(),
        EVALUATE,
        {"a": APP[0]},
    ),
]
IDS = [c.role for c in CASES]


def unchanged(graph: Graph) -> None:
    """Nothing of any case was written."""
    row = graph.read(
        "MATCH (p:Patent {appNo: $a}) RETURN p.title AS t, p.inventoryState AS s, "
        "COUNT { (:Evaluation) } AS ev, COUNT { ()-[:ASSIGNED]->() } AS assigned",
        {"a": APP[0]},
    )[0]
    assert row == {
        "t": samples.PATENTS[0]["专利名称"],
        "s": "NOT_INVENTORIED",
        "ev": 0,
        "assigned": 0,
    }


def write_file(case: Case, folder: Path) -> Path:
    header, _ = samples.SAMPLES[case.kind]
    if case.kind == "inventory":
        return samples.fill_template(folder / "inventory.xlsx", case.rows)
    return samples.write_csv(folder / f"{case.kind}.csv", header, case.rows)


@pytest.fixture
def hub(hub_server: str, ref_graph: Graph, tmp_path: Path) -> str:
    base(ref_graph, tmp_path)
    return hub_server


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_mutation_outside_the_scope_is_refused(
    case: Case, hub: str, ref_graph: Graph, mint_token: Mint
) -> None:
    body = query(hub, mint_token(case.role, case.scope), case.mutation, **case.variables)
    assert error_code(body) in ("FORBIDDEN", "NOT_FOUND")
    unchanged(ref_graph)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_upload_outside_the_scope_is_refused(
    case: Case, hub: str, ref_graph: Graph, mint_token: Mint, tmp_path: Path
) -> None:
    token = mint_token(case.role, case.scope)
    path = write_file(case, tmp_path)
    if case.role in ("MINISTRY", "EXPERT"):
        assert error_code(upload(hub, token, case.kind.upper(), path)) == "FORBIDDEN"
    else:
        done = run(hub, token, case.kind.upper(), path, accept=True)
        assert [p["row"] for p in done["problems"] if p["code"] == "OUT_OF_SCOPE"] != []
    unchanged(ref_graph)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_cli_import_with_an_account_outside_the_scope_is_refused(
    case: Case, ref_graph: Graph, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base(ref_graph, tmp_path)
    client, _ = create_client(ref_graph, case.role, case.scope)
    code = cli(["import", case.kind, str(write_file(case, tmp_path)), "--account", client])
    out = capsys.readouterr()
    if case.role in ("MINISTRY", "EXPERT"):
        assert code == 2 and "may not write" in out.err
    else:
        assert code == 1 and "超出本账号的写入范围" in out.out
        entries = ref_graph.read(
            "MATCH (a:AuditEntry {action: 'cliImport'}) RETURN a.actorSubject AS who"
        )
        assert entries == [{"who": client}]
    unchanged(ref_graph)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_connector_outside_the_scope_is_refused(
    case: Case, ref_graph: Graph, tmp_path: Path
) -> None:
    base(ref_graph, tmp_path)
    client, _ = create_client(ref_graph, case.role, case.scope)
    drop = tmp_path / "drop"
    drop.mkdir()
    write_file(case, drop)
    config = from_dict(
        {
            "name": f"t-{case.role.lower()}",
            "province": case.scope if case.role == "PROVINCE" else "33",
            "kind": case.kind,
            "account": client,
            "source": {"type": "filedrop", "folder": str(drop)},
        }
    )
    if case.role in ("MINISTRY", "EXPERT"):
        with pytest.raises(ConfigError, match="may not write"):
            filedrop.run(ref_graph, config)
    else:
        result = filedrop.run(ref_graph, config)
        assert result.rejected and not result.done
        problems = (drop / "rejected").glob("*.problems.txt")
        assert any("超出本账号的写入范围" in p.read_text(encoding="utf-8") for p in problems)
        entries = ref_graph.read(
            "MATCH (a:AuditEntry {action: 'connectorRun'}) "
            "RETURN a.actorSubject AS who, a.target AS config"
        )
        assert entries == [{"who": client, "config": config.name}]
    unchanged(ref_graph)


def test_a_province_in_a_config_is_its_accounts_scope(ref_graph: Graph, tmp_path: Path) -> None:
    client, _ = create_client(ref_graph, "PROVINCE", "33")
    config = from_dict(
        {
            "name": "mismatch",
            "province": "32",
            "kind": "patents",
            "account": client,
            "source": {"type": "filedrop", "folder": str(tmp_path)},
        }
    )
    with pytest.raises(ConfigError, match="province 32 is not the scope of its account"):
        filedrop.run(ref_graph, config)


def test_ownership_moves_only_from_the_owning_side(ref_graph: Graph, tmp_path: Path) -> None:
    """A province cannot take another province's patent by naming its own owner; an
    owner cannot drop a co-owner outside its scope; NATIONAL can."""
    base(ref_graph, tmp_path)
    header, rows = samples.SAMPLES["patents"]
    pku = {**rows[3], "申请号": make_app_no("202310999999"), "专利权人": "北京大学"}
    path = samples.write_csv(tmp_path / "pku.csv", header, [pku])
    assert import_file(ref_graph, "patents", path, progress=False).problems == []
    taken = samples.write_csv(tmp_path / "taken.csv", header, [{**pku, "专利权人": "浙江工业大学"}])
    as_zhejiang = Account(Role.PROVINCE, "33", "t")
    result = import_file(ref_graph, "patents", taken, progress=False, account=as_zhejiang)
    assert [p.row for p in result.refused] == [2]
    owners = ref_graph.read(
        "MATCH (:Patent {appNo: $a})-[:OWNED_BY]->(i) RETURN i.id AS id", {"a": pku["申请号"]}
    )
    assert owners == [{"id": PKU}]

    assert (
        may_own(
            Account(Role.INSTITUTION, ZJUT, "t"),
            [Holder(ZJUT, "33"), Holder(ZJU, "33")],
            [Holder(ZJUT, "33")],
        )
        is False
    )
    assert (
        may_own(
            Account(Role.PROVINCE, "33", "t"),
            [Holder(ZJUT, "33"), Holder(ZJU, "33")],
            [Holder(ZJUT, "33")],
        )
        is True
    )
    assert may_own(Account(Role.NATIONAL, None, "t"), [Holder(PKU, "11")], [Holder(ZJUT, "33")])
    assert not may_own(
        Account(Role.PROVINCE, "33", "t"),
        [Holder(PKU, "11")],
        [Holder(PKU, "11"), Holder(ZJUT, "33")],
    )
