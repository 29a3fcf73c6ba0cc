"""The write rules of ``graph.writes`` applied to the rows of a file, before validation.

``guard`` wraps a table's rows: rows whose record lies outside the writing account's scope
become a problem on that row and are dropped, so the validator never sees them and nothing
of them is written (nor told back: the reason is the same whether the other party's record
exists or not). Rows are checked in chunks, one graph read per chunk and kind of fact.
An inventory patent's continuation rows go with the row that names it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, LiteralString, cast

from graph import cypher, scope
from graph.db import Graph
from graph.ingest import lookup, values
from graph.ingest.table import Problem, Row, Table
from graph.vocab import EvaluatorKind, Role
from graph.writes import Account, Holder, holders, holds, may_own, may_touch, refusal

__all__ = ["guard"]

CHUNK = 2_000
APP_NO = "申请号"

# Key column, its parser, province column and the word for a record, per directory kind.
DIRECTORY: dict[str, tuple[str, Callable[[Any], str], str, str]] = {
    "enterprises": ("统一社会信用代码", values.credit_code, "省级代码", "企业"),
    "experts": ("专家编号", values.ident, "推荐省份代码", "专家"),
}

# Decides a chunk of rows: the problem of each refused row (by position in the chunk).
Refuse = Callable[[list[Row]], dict[int, Problem]]


def guard(
    graph: Graph,
    kind: str,
    table: Table,
    account: Account,
    owners: lookup.Owners | None = None,
) -> list[Problem]:
    """Filter ``table.rows`` to the rows ``account`` may write; the returned list receives
    a problem per refused row while the rows are read. NATIONAL writes everything.
    ``owners``: the validator's look-up of owners, when it has one (read once per file)."""
    problems: list[Problem] = []
    if account.role is Role.NATIONAL:
        return problems
    checks = _Checks(graph, account)
    checks._owners = owners
    refuse = checks.of(kind)
    table.rows = _filtered(table.rows, refuse, problems, grouped=kind == "inventory")
    return problems


def _filtered(
    rows: Iterator[Row], refuse: Refuse, problems: list[Problem], grouped: bool
) -> Iterator[Row]:
    groups: list[list[Row]] = []

    def flush() -> Iterator[Row]:
        refused = refuse([g[0] for g in groups])
        for n, group in enumerate(groups):
            if n in refused:
                problems.append(refused[n])
            else:
                yield from group
        groups.clear()

    for row in rows:
        if grouped and groups and row.get(APP_NO) is None:
            groups[-1].append(row)  # a continuation row: with the patent above it
            continue
        if len(groups) >= CHUNK:
            yield from flush()
        groups.append([row])
    yield from flush()


def _parsed(parse: Callable[[Any], Any], value: Any) -> Any:
    """The key of a cell, or None when it does not parse (the validator reports that)."""
    if value is None:
        return None
    try:
        return parse(value)
    except values.BadValue:
        return None


class _Checks:
    """The per-kind decisions, sharing the graph reads they need."""

    def __init__(self, graph: Graph, account: Account) -> None:
        self.graph = graph
        self.account = account
        self._owners: lookup.Owners | None = None

    def of(self, kind: str) -> Refuse:
        checks: dict[str, Refuse] = {
            "patents": self.patents,
            "inventory": self.inventory,
            "transactions": self.transactions,
            "evaluations": self.evaluations,
            "enterprises": lambda rows: self.directory(rows, "enterprises"),
            "experts": lambda rows: self.directory(rows, "experts"),
        }
        return checks[kind]

    @property
    def owners(self) -> lookup.Owners:
        if self._owners is None:
            self._owners = lookup.Owners(self.graph)
        return self._owners

    def refused(self, row: Row, column: str, what: str) -> Problem:
        return row.problem(column, refusal(self.account, what), code="OUT_OF_SCOPE")

    def held(self, app_nos: list[str]) -> dict[str, list[Holder]]:
        """Owning institutions of the patents among ``app_nos`` the hub holds."""
        query = cypher.load("ingest/lookup/write_patents")
        rows = self.graph.read(query, {"appNos": sorted(set(app_nos))})
        return {r["appNo"]: holders(r["holders"], r["units"]) for r in rows}

    def patents(self, rows: list[Row]) -> dict[int, Problem]:
        keys = [_parsed(values.app_no, r.get(APP_NO)) for r in rows]
        existing = self.held([k for k in keys if k])
        out: dict[int, Problem] = {}
        for n, (row, key) in enumerate(zip(rows, keys, strict=True)):
            if key is None:
                continue
            # resolve, not find: a unit's name (某某大学医学部) is its institution's
            found = [self.owners.resolve(name) for name in values.split(row.get("专利权人"))]
            named = [r.owner if r is not None else None for r in found]
            if named and all(o is None for o in named) and key not in existing:
                continue  # no owner the hub knows: the validator's problem (never written)
            units = [r.unit.id for r in found if r is not None and r.unit is not None]
            new = holders(
                [
                    {"id": o.id, "province": o.provinceCode}
                    for o in named
                    if o and o.label == "Institution"
                ],
                units,
            )
            if not may_own(self.account, existing.get(key), new):
                out[n] = self.refused(row, APP_NO, f"专利 {key}")
        return out

    def inventory(self, rows: list[Row]) -> dict[int, Problem]:
        keys = [_parsed(values.app_no, r.get(APP_NO)) for r in rows]
        existing = self.held([k for k in keys if k])
        out: dict[int, Problem] = {}
        for n, (row, key) in enumerate(zip(rows, keys, strict=True)):
            if key is not None and not may_touch(self.account, existing.get(key, [])):
                out[n] = self.refused(row, APP_NO, f"专利 {key}")
        return out

    def transactions(self, rows: list[Row]) -> dict[int, Problem]:
        keys = [
            [k for k in (_parsed(values.app_no, v) for v in values.split(r.get(APP_NO))) if k]
            for r in rows
        ]
        existing = self.held([k for ks in keys for k in ks])
        out: dict[int, Problem] = {}
        for n, (row, ks) in enumerate(zip(rows, keys, strict=True)):
            seller_text = row.get("让与方")
            seller = self.owners.institution(values.text(seller_text)) if seller_text else None
            # the seller is held with the units its patents of the row belong to
            units = [u for k in ks for h in existing.get(k, []) for u in h.units]
            if seller is not None and not holds(
                self.account,
                holders([{"id": seller.id, "province": seller.provinceCode}], units)[0],
            ):
                out[n] = self.refused(row, "让与方", f"让与方 {values.text(seller_text)} 的交易")
                continue
            for key in ks:
                if not may_touch(self.account, existing.get(key, [])):
                    out[n] = self.refused(row, APP_NO, f"专利 {key}")
                    break
        return out

    def evaluations(self, rows: list[Row]) -> dict[int, Problem]:
        ids = [_parsed(values.ident, r.get("评价编号")) for r in rows]
        keys = [_parsed(values.app_no, r.get(APP_NO)) for r in rows]
        stored = {
            r["id"]: r
            for r in self.graph.read(
                cypher.load("ingest/lookup/write_evaluations"),
                {"ids": sorted({i for i in ids if i})},
            )
        }
        if self.account.role is Role.ENTERPRISE:
            seen = self.visible([k for k in keys if k])
        else:
            held = self.held([k for k in keys if k])
        out: dict[int, Problem] = {}
        for n, (row, eid, key) in enumerate(zip(rows, ids, keys, strict=True)):
            before = stored.get(eid) if eid else None
            if self.account.role is Role.ENTERPRISE:
                kind = _parsed(lambda v: values.enum(EvaluatorKind, v), row.get("评价方类型"))
                code = _parsed(values.credit_code, row.get("统一社会信用代码"))
                if kind is EvaluatorKind.EXPERT or (
                    code is not None and code != self.account.scope
                ):
                    out[n] = self.refused(row, "统一社会信用代码", f"{code or '专家'} 的评价")
                elif key is not None and key not in seen:
                    out[n] = self.refused(row, APP_NO, f"专利 {key}")
                elif before is not None and before["evaluator"] != self.account.scope:
                    out[n] = self.refused(row, "评价编号", f"评价 {eid}")
            else:
                if key is not None and not may_touch(self.account, held.get(key, [])):
                    out[n] = self.refused(row, APP_NO, f"专利 {key}")
                elif before is not None and not may_touch(
                    self.account, holders(before["holders"], before["units"])
                ):
                    out[n] = self.refused(row, "评价编号", f"评价 {eid}")
        return out

    def visible(self, app_nos: list[str]) -> set[str]:
        """The patents among ``app_nos`` the account may read (its read scope)."""
        text = cypher.load("ingest/lookup/write_visible").replace(
            "__PATENT_SCOPE__", scope.predicate("patent", self.account.role)
        )
        rows = self.graph.read(
            cast(LiteralString, text),
            {"appNos": sorted(set(app_nos)), **scope.params(self.account.params())},
        )
        return {r["appNo"] for r in rows}

    def directory(self, rows: list[Row], kind: str) -> dict[int, Problem]:
        column, parse, where, what = DIRECTORY[kind]
        keys = [_parsed(parse, r.get(column)) for r in rows]
        query = cypher.load(f"ingest/lookup/write_{kind}")
        stored = {
            r["key"]: r["provinceCode"]
            for r in self.graph.read(query, {"keys": sorted({k for k in keys if k})})
        }
        out: dict[int, Problem] = {}
        for n, (row, key) in enumerate(zip(rows, keys, strict=True)):
            province = values.text(row.get(where)) or None
            if province is not None and province != self.account.scope:
                out[n] = self.refused(row, where, f"省份 {province} 的{what} {key or ''}")
            elif key in stored and stored[key] != self.account.scope:
                out[n] = self.refused(row, column, f"{what} {key}")
        return out
