"""One entry point per caller: ``import_file`` for code, ``run_import`` for the CLI."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from neo4j import ManagedTransaction
from neo4j.exceptions import ConstraintError, TransientError
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from graph import writes
from graph.audit import params as audit_entry
from graph.audit import record as record_audit
from graph.audit import record_alone
from graph.db import Graph
from graph.errors import NotPermitted
from graph.ingest import (
    enterprises,
    evaluations,
    experts,
    inventory,
    lookup,
    patents,
    transactions,
    vendors,
    writer,
)
from graph.ingest.cells import FIRST_SHEET
from graph.ingest.guard import guard
from graph.ingest.plan import Plan
from graph.ingest.readers import UnreadableFile, read_table
from graph.ingest.table import Layout, Problem, Row, Table
from graph.vocab import Role
from graph.writes import SHELL, Account, WriteForbidden, check_kind

__all__ = ["KINDS", "ImportResult", "import_file", "import_patent_files", "report", "run_import"]

Validator = Callable[[Table, Graph, str | None], Plan]


@dataclass(frozen=True)
class Options:
    """How an import treats its rows beyond the file (CLI flags, upload arguments)."""

    unit: str | None = None  # inventory of one unit of the institution
    strict: bool = False  # rows skipped with a warning become problems
    accept_valid: bool = False  # write the valid records of a file with problems
    owners: lookup.Owners | None = None  # the owners look-up the write guard read already


def _patents(table: Table, graph: Graph, institution: str | None, o: Options) -> Plan:
    owners = o.owners or lookup.Owners(graph)
    return patents.resolve(
        graph, *patents.parse(table, owners, strict=o.strict), accept_valid=o.accept_valid
    )


def _inventory(table: Table, graph: Graph, institution: str | None, o: Options) -> Plan:
    return inventory.validate(table, graph, institution, unit=o.unit, accept_valid=o.accept_valid)


# Kinds whose validators take the options (the others are all or nothing).
OPTIONED: dict[str, Callable[[Table, Graph, str | None, Options], Plan]] = {
    "patents": _patents,
    "inventory": _inventory,
}

KINDS: dict[str, tuple[Layout, Validator]] = {
    "patents": (FIRST_SHEET, patents.validate),
    "inventory": (inventory.LAYOUT, inventory.validate),
    "evaluations": (FIRST_SHEET, evaluations.validate),
    "transactions": (FIRST_SHEET, transactions.validate),
    "enterprises": (FIRST_SHEET, enterprises.validate),
    "experts": (FIRST_SHEET, experts.validate),
}

LARGE = 5_000  # rows from which a progress bar is worth showing


@dataclass
class ImportResult:
    kind: str
    rows: int
    records: int
    problems: list[Problem] = field(default_factory=list)
    written: dict[str, int] = field(default_factory=dict)  # Neo4j counters; empty if nothing
    dry_run: bool = False
    unchanged: int = 0  # records the graph already held as they are (not written again)
    notes: list[str] = field(default_factory=list)  # what happened besides the counts
    warnings: list[Problem] = field(default_factory=list)  # written or skipped rows' remarks
    skipped: int = 0  # rows left out with a warning (no institution among the owners)
    unknown_owners: int = 0  # owner names kept on patents without a registered party
    new_units: int = 0  # units created from owner names or 所属学院
    # rows refused as outside the writing account's scope (also in ``problems``)
    refused: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def absorb(self, plan: Plan) -> None:
        """The remarks of ``plan`` (warnings and their counts) on this result."""
        self.warnings = plan.warnings
        self.skipped = plan.skipped
        self.unknown_owners = plan.unknown_owners
        self.new_units = len(plan.new_units)


@contextmanager
def _progress(enabled: bool) -> Iterator[Progress | None]:
    if not enabled:
        yield None
        return
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        yield bar


def import_file(
    graph: Graph,
    kind: str,
    path: Path | str,
    *,
    institution: str | None = None,
    unit: str | None = None,
    dry_run: bool = False,
    strict: bool = False,
    accept_valid: bool = False,
    progress: bool = True,
    timings: writer.Timings | None = None,
    account: Account | None = None,
    source: str = "cli",
    on_rows: Callable[[int, int | None], None] | None = None,
    in_tx: writer.InTx | None = None,
    profile: str | None = None,
    accept_refused: bool = False,
) -> ImportResult:
    """Validate a file of ``kind`` and, when it has no problem and this is no dry run,
    write all of it in one transaction. Records the graph holds unchanged are not written.

    ``profile`` names the patent database a base-library file was exported from
    (``graph/ingest/profiles``); without it the layout is recognised from the headers.

    ``strict``: rows that would be skipped with a warning (a patent no institution owns)
    are problems. ``accept_valid``: the valid records are written even when other rows have
    problems (reported as usual). ``unit``: an inventory for one unit of ``institution``
    (a unit account's upload); its rows must be patents of that unit.

    ``account`` is who writes (``graph.writes``): its role must be allowed the kind
    (``WriteForbidden`` otherwise) and rows outside its scope are problems on those rows;
    without one, the server's own shell writes (everything). An institution account's
    inventory is its institution's. ``source`` is recorded on each change event
    (``upload:<job>``, ``cli``, ``connector:<name>``); ``on_rows(read, total)`` is told
    the progress every 1,000 rows; ``in_tx(tx)`` runs in the write transaction before
    it commits (an audit entry). With ``accept_refused`` the rows refused for scope do not
    stop the rest of the file (``accept_valid`` implies it). ``timings``, when given,
    receives seconds per phase (``validate``, each statement, ``change feed``, ``commit``)."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; one of {', '.join(KINDS)}")
    account = account or SHELL
    check_kind(account, kind)
    if account.role is Role.INSTITUTION and kind == "inventory":
        institution = account.scope
        if account.unit is not None:  # a unit account inventories its unit, never another
            if unit is not None and unit != account.unit:
                raise WriteForbidden(f"unit account {account.unit} may not write unit {unit}")
            unit = account.unit
    path = Path(path)
    layout, validate = KINDS[kind]
    notes: list[str] = []
    for attempt in range(1, ATTEMPTS + 1):
        read: list[str] = []
        try:
            if kind == "patents":
                opened = vendors.read_patents(path, profile=profile)
                table, read = opened.table, opened.notes
            else:
                table = read_table(path, layout)
        except (UnreadableFile, OSError) as exc:
            problem = Problem(path.name, 0, "", str(exc), code="UNREADABLE_FILE")
            return ImportResult(kind, 0, 0, [problem], dry_run=dry_run)
        try:
            result = _validate_and_write(
                graph,
                table,
                validate,
                kind,
                path,
                institution,
                dry_run,
                progress,
                timings,
                _Writing(
                    account, source, on_rows, in_tx, accept_valid, accept_refused, unit, strict
                ),
            )
        except (ConstraintError, TransientError) as exc:
            # Another import wrote some of the same records between this file's check and
            # its write: nothing of this attempt was committed. Check the file again against
            # the graph as it is now (records the other import wrote are then unchanged).
            notes.append(
                f"第 {attempt} 次尝试：另一个导入同时写入了相同的记录"
                f"（{type(exc).__name__}），本次尝试未写入任何内容"
            )
            continue
        if notes:
            notes.append(f"第 {attempt} 次尝试：文件已重新检查并导入")
        result.notes = read + notes
        return result
    problem = Problem(
        path.name,
        0,
        "",
        f"其他导入一直在写入相同的记录（已尝试 {ATTEMPTS} 次），本文件未写入：请待其完成后重新导入",
        code="CONCURRENT_IMPORTS",
    )
    return ImportResult(kind, 0, 0, [problem], dry_run=dry_run, notes=notes)


ATTEMPTS = 3  # checks and writes of one file when concurrent imports collide


@dataclass(frozen=True)
class _Writing:
    """Who writes and how (the arguments of ``import_file`` past the file)."""

    account: Account
    source: str
    on_rows: Callable[[int, int | None], None] | None
    in_tx: writer.InTx | None
    accept_valid: bool
    accept_refused: bool
    unit: str | None
    strict: bool


def _validate_and_write(
    graph: Graph,
    table: Table,
    validate: Validator,
    kind: str,
    path: Path,
    institution: str | None,
    dry_run: bool,
    progress: bool,
    timings: writer.Timings | None,
    w: _Writing,
) -> ImportResult:
    account, source, on_rows, in_tx, accept_valid = (
        w.account,
        w.source,
        w.on_rows,
        w.in_tx,
        w.accept_valid,
    )
    unit, strict, accept_refused = w.unit, w.strict, w.accept_refused
    # one read of every owner name per file, shared by the write guard and the validator
    owners = lookup.Owners(graph) if kind == "patents" else None
    refused = guard(graph, kind, table, account, owners)
    large = progress and (table.size_hint or 0) >= LARGE
    with _progress(large) as bar:
        if bar is not None:
            task = bar.add_task(f"reading {path.name}", total=table.size_hint)
            table.rows = _counted(table.rows, lambda n: bar.advance(task, n))
        if on_rows is not None:
            table.rows = _counted(table.rows, _progress_of(on_rows, table.size_hint))
        started = time.perf_counter()
        options = Options(unit=unit, strict=strict, accept_valid=accept_valid, owners=owners)
        plan = (
            OPTIONED[kind](table, graph, institution, options)
            if kind in OPTIONED
            else (validate(table, graph, institution))
        )
        plan.source = source
        if timings is not None:
            timings["validate"] = timings.get("validate", 0.0) + time.perf_counter() - started
        problems = sorted(refused + plan.problems, key=lambda p: (p.sheet, p.row))
        result = ImportResult(
            kind,
            plan.rows + len(refused),
            plan.records,
            problems,
            dry_run=dry_run,
            unchanged=plan.unchanged,
            refused=refused,
        )
        result.absorb(plan)
        stop = (plan.problems and not accept_valid) or (
            refused and not (accept_valid or accept_refused)
        )
        if stop or dry_run:
            return result
        advance = None
        if bar is not None:
            wtask = bar.add_task("writing", total=writer.batches(plan))
            advance = lambda n: bar.advance(wtask, n)  # noqa: E731
        result.written = writer.write(graph, plan, advance, timings, in_tx)
    return result


def import_patent_files(
    graph: Graph,
    paths: list[Path],
    *,
    timings: writer.Timings | None = None,
    on_file: Callable[[Path, ImportResult], None] | None = None,
) -> list[ImportResult]:
    """Import base-library files in order, reading and checking the next file while the
    current one is written: Python and Neo4j each keep a core busy. Each file is still
    validated whole and written all or nothing; the graph reads of its validation (stored
    hashes, inventors) happen after the previous file committed. A refused file stops the
    run (its result, with the problems, is the last one)."""
    owners = lookup.Owners(graph)
    results: list[ImportResult] = []

    def parse(path: Path) -> tuple[Plan, list[dict[str, Any]], float]:
        started = time.perf_counter()
        try:
            table = read_table(path, FIRST_SHEET)
        except (UnreadableFile, OSError) as exc:
            problem = Problem(path.name, 0, "", str(exc), code="UNREADABLE_FILE")
            return Plan("patents", problems=[problem]), [], 0.0
        plan, records = patents.parse(table, owners)
        return plan, records, time.perf_counter() - started

    with ThreadPoolExecutor(max_workers=1) as ahead:
        upcoming = ahead.submit(parse, paths[0]) if paths else None
        for n, path in enumerate(paths):
            assert upcoming is not None
            parsed, records, parse_seconds = upcoming.result()
            upcoming = ahead.submit(parse, paths[n + 1]) if n + 1 < len(paths) else None
            started = time.perf_counter()
            plan = patents.resolve(graph, parsed, records)
            result = ImportResult(
                "patents", plan.rows, plan.records, plan.problems, unchanged=plan.unchanged
            )
            result.absorb(plan)
            if timings is not None:
                timings["parse (ahead)"] = timings.get("parse (ahead)", 0.0) + parse_seconds
                timings["resolve"] = timings.get("resolve", 0.0) + time.perf_counter() - started
            if not plan.problems:
                result.written = writer.write(graph, plan, timings=timings)
            results.append(result)
            if on_file is not None:
                on_file(path, result)
            if plan.problems:
                if upcoming is not None:
                    upcoming.cancel()
                break
    return results


def _progress_of(
    on_rows: Callable[[int, int | None], None], total: int | None
) -> Callable[[int], None]:
    """A ``_counted`` tick that tells ``on_rows`` the rows read so far and the total."""
    read = 0

    def tick(n: int) -> None:
        nonlocal read
        read += n
        on_rows(read, total)

    return tick


def _counted(rows: Iterator[Row], tick: Callable[[int], None]) -> Iterator[Row]:
    """Rows as they are read, telling ``tick`` how many by steps of 1,000."""
    for n, row in enumerate(rows, start=1):
        if n % 1000 == 0:
            tick(1000)
        yield row


# Neo4j's write counters as the summary names them.
COUNTERS = {
    "nodes_created": "新建节点",
    "nodes_deleted": "删除节点",
    "relationships_created": "新建关系",
    "relationships_deleted": "删除关系",
    "properties_set": "设置属性",
    "labels_added": "添加标签",
    "labels_removed": "移除标签",
}


def _counts(written: dict[str, int]) -> str:
    shown = "，".join(f"{COUNTERS.get(k, k)} {v}" for k, v in written.items() if v)
    return shown or "没有变化"


def report(result: ImportResult, out: Console) -> None:
    """The problems, warnings and the one-line summary of an import, in Chinese (the codes
    of problems are in the report and in GraphQL, docs/formats.md)."""
    for w in result.warnings:
        out.print(f"[yellow]提示[/yellow] {escape(str(w))}", highlight=False, markup=True)
    for p in result.problems:
        out.print(f"[red]问题[/red] {escape(str(p))}", highlight=False, markup=True)
    for note in result.notes:
        out.print(f"说明：{note}", highlight=False, markup=False)
    what = f"{result.kind}：读取 {result.rows} 行，{result.records} 条记录"
    remarks = [
        label.format(n)
        for n, label in (
            (result.skipped, "跳过 {} 行（专利权人中没有高校或科研机构）"),
            (result.unknown_owners, "{} 个共有人名称未在平台登记（已保留）"),
            (result.new_units, "新建 {} 个单位"),
        )
        if n
    ]
    if remarks:
        what += f"（{'；'.join(remarks)}）"
    if result.problems and result.written:
        out.print(
            f"{what}；{len(result.problems)} 个问题，只写入了有效记录：{_counts(result.written)}"
        )
    elif result.problems:
        out.print(f"{what}；{len(result.problems)} 个问题，未写入任何内容")
    elif result.dry_run:
        out.print(f"{what}；没有问题（试运行，未写入）")
    else:
        same = f"（{result.unchanged} 条未变）" if result.unchanged else ""
        out.print(f"{what}；已写入：{_counts(result.written)}{same}")


def run_import(
    graph: Graph,
    kind: str,
    path: Path,
    dry_run: bool,
    institution: str | None,
    *,
    unit: str | None = None,
    strict: bool = False,
    accept_valid: bool = False,
    account: str | None = None,
    profile: str | None = None,
) -> int:
    """The CLI's ``import``: the problem report, a progress bar on large files, a summary.

    With ``account`` (an OAuth client id) the file is written as that account, with the
    write rules of an upload by it, and the run leaves an audit entry; exit 2 when the
    account is unknown or may not write the kind."""
    out = Console(file=sys.stdout, soft_wrap=True)
    who: Account | None = None
    entry: dict[str, Any] | None = None
    try:
        if account is not None:
            who = writes.from_client(graph, account)
            writes.check_kind(who, kind)
    except NotPermitted as exc:  # an unknown account, or one that may not write the kind
        print(f"error: {exc} (nothing was imported)", file=sys.stderr)
        return 2

    def audit(tx: ManagedTransaction) -> None:
        nonlocal entry
        assert who is not None
        entry = audit_params(who, kind, path, dry_run)
        record_audit(tx, entry)

    result = import_file(
        graph,
        kind,
        path,
        institution=institution,
        unit=unit,
        dry_run=dry_run,
        strict=strict,
        accept_valid=accept_valid,
        account=who,
        source=f"cli:{who.subject}" if who else "cli",
        in_tx=audit if who else None,
        profile=profile,
    )
    if who is not None and entry is None:  # nothing was written: the entry on its own
        entry = audit_params(who, kind, path, dry_run, result)
        record_alone(graph, entry)
    report(result, out)
    return 1 if result.problems else 0


def audit_params(
    who: Account, kind: str, path: Path, dry_run: bool, result: ImportResult | None = None
) -> dict[str, Any]:
    args: dict[str, Any] = {"kind": kind, "file": path.name, "dryRun": dry_run}
    if result is not None:
        args |= {"rows": result.rows, "records": result.records, "problems": len(result.problems)}
    return audit_entry(who, "cliImport", path.name, args)
