"""A pull run: fetch pages ahead, map, validate and upsert them, checkpoint after each commit.

A thread fetches and maps pages ahead of the writer (a bounded queue), so the platform's
answer time and Neo4j's write time overlap. The writer takes the pages fetched, up to
``batch`` records (waiting ``LINGER`` seconds at most for them to come), and imports them
as one standard-format JSON Lines file with ``graph.ingest.run.import_file``: the same
validation as an upload, all of it in one transaction or nothing of it, and MERGE-based
writes, so re-importing a committed page changes nothing. If such a group has problems,
it is imported again by halves, so every valid page before the first invalid one is
committed and the error names that page.
The checkpoint is saved after each commit; a crash between the two only means the pages
are imported again on resume, harmlessly.

A run stops as FAILED, with the reason in ``lastError``, on a page that cannot be fetched,
fails the platform's success test or is invalid, on a cursor that does not move, and at the
configured limits (pages, records, seconds); the next run starts at the page it stopped at.
"""

from __future__ import annotations

import json
import queue
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from connectors import state as checkpoint
from connectors.account import account_of, record_run
from connectors.config import ConfigError, ConnectorConfig, Limits
from connectors.mapping import map_record
from connectors.sources import PageSource, SourceError, open_source
from graph.db import Graph
from graph.errors import PatentHubError
from graph.ingest.run import import_file
from graph.ingest.table import Problem
from graph.writes import Account

__all__ = ["ConnectorError", "RunResult", "run"]

MAX_PROBLEMS = 5  # problems quoted in the error message; all are in ``RunResult.problems``
AHEAD = 64  # pages fetched ahead of the writer at most (or two batches' pages)
# Seconds the writer waits for a batch to fill before writing the pages it has: a batch
# costs a transaction, and statements planned again as the graph grows, whatever its size.
LINGER = 0.5


class ConnectorError(PatentHubError, RuntimeError):
    """A run stopped: the message names connector, page and reason."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


@dataclass
class RunResult:
    name: str
    pages: int = 0  # pages committed by this run
    records: int = 0  # records committed by this run
    skipped: int = 0  # list entries without a record, or repeated keys (``item``/``distinct``)
    commits: int = 0  # write transactions
    resumed_from: str | None = None  # cursor the run started at (None: the first page)
    written: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # records outside the account's scope


@dataclass
class _Page:
    number: int
    cursor: str | None  # the cursor it was fetched with
    rows: list[dict[str, Any]]  # mapped to the standard format
    next: str | None  # None: the last page
    skipped: int = 0


@dataclass
class _Stop:
    number: int  # the page not fetched
    cursor: str | None
    reason: str


def _where(problem: Problem, page: int) -> str:
    text = f"page {page}, record {problem.row}"
    if problem.column:
        text += f", column {problem.column}"
    return f"{text}: {problem.reason}"


def import_rows(
    graph: Graph,
    config: ConnectorConfig,
    rows: list[dict[str, Any]],
    label: str,
    account: Account | None = None,
) -> tuple[dict[str, int], list[Problem], list[Problem]]:
    """Import standard-format rows as one file, as ``account`` (by default the config's);
    (Neo4j counters, problems, refused). Nothing is written on problems; records outside
    the account's scope are refused (never written) and the others imported. Strict: a
    platform's record no institution owns is a fault of the feed, not a skip."""
    account = account or account_of(graph, config)
    with tempfile.TemporaryDirectory(prefix=f"connector-{config.name}-") as tmp:
        path = Path(tmp) / f"{label}.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for row in rows:
                f.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        result = import_file(
            graph,
            config.kind,
            path,
            institution=config.institution,
            strict=True,
            progress=False,
            account=account,
            source=f"connector:{config.name}",
            accept_refused=True,
        )
    refused = set(result.refused)
    return result.written, [p for p in result.problems if p not in refused], result.refused


def import_page(
    graph: Graph,
    config: ConnectorConfig,
    records: list[dict[str, Any]],
    page: int,
    account: Account | None = None,
) -> tuple[dict[str, int], list[str]]:
    """Map and import one page; (Neo4j counters, problems). Nothing is written on problems;
    records outside the account's scope are problems too, and the rest is written."""
    rows = [map_record(r, config) for r in records]
    written, problems, refused = import_rows(graph, config, rows, f"page-{page}", account)
    return written, [_where(p, page) for p in problems + refused]


class _Fetcher(threading.Thread):
    """Fetches and maps pages from ``cursor`` on until the last page, a failure or a limit;
    each outcome goes to ``out`` (a ``_Page`` or a final ``_Stop``)."""

    def __init__(
        self,
        src: PageSource,
        config: ConnectorConfig,
        st: checkpoint.State,
        out: queue.Queue[_Page | _Stop],
    ) -> None:
        super().__init__(name=f"connector-{config.name}-fetch", daemon=True)
        self.src, self.config, self.out = src, config, out
        self.cursor, self.number, self.seen = st.cursor, st.page + 1, st.records
        self.halt = threading.Event()
        self.started = time.monotonic()

    def _put(self, item: _Page | _Stop) -> bool:
        while not self.halt.is_set():
            try:
                self.out.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def _limit(self, pages: int, records: int) -> str | None:
        limits: Limits = self.config.limits
        if pages >= limits.pages:
            return f"run limit reached: {pages} pages (limits.pages = {limits.pages})"
        if records >= limits.records:
            return f"run limit reached: {records} records (limits.records = {limits.records})"
        spent = time.monotonic() - self.started
        if spent >= limits.seconds:
            return f"run limit reached: {spent:.0f} s (limits.seconds = {limits.seconds:g})"
        return None

    def run(self) -> None:
        pages = records = 0
        cursors = {self.cursor}
        while not self.halt.is_set():
            reason = self._limit(pages, records)
            if reason is not None:
                self._put(_Stop(self.number, self.cursor, reason))
                return
            try:
                fetched = self.src.fetch(self.cursor, self.seen)
                rows = [map_record(r, self.config) for r in fetched.records]
            except SourceError as exc:
                self._put(_Stop(self.number, self.cursor, str(exc)))
                return
            except Exception as exc:  # any surprise stops the run, never hangs it
                self._put(_Stop(self.number, self.cursor, f"{type(exc).__name__}: {exc}"))
                return
            page = _Page(self.number, self.cursor, rows, fetched.next, fetched.skipped)
            if not self._put(page) or fetched.next is None:
                return
            pages += 1
            records += len(rows)
            self.seen += len(rows) + fetched.skipped
            self.number += 1
            if fetched.next in cursors:
                reason = (
                    f"the platform answered page {page.number} with the cursor {fetched.next!r} "
                    "it had already given: the cursor does not move"
                )
                self._put(_Stop(self.number, fetched.next, reason))
                return
            cursors.add(fetched.next)
            self.cursor = fetched.next

    def stop(self) -> None:
        self.halt.set()
        while True:  # unblock a pending put
            try:
                self.out.get_nowait()
            except queue.Empty:
                break
        self.join(timeout=self.config.source.timeout + 5)


class _Run:
    """The writer side of a run: groups of fetched pages → one import → checkpoint."""

    def __init__(
        self,
        graph: Graph,
        config: ConnectorConfig,
        st: checkpoint.State,
        result: RunResult,
        on_page: Callable[[int, int], None] | None,
        account: Account,
    ) -> None:
        self.graph, self.config, self.st, self.result, self.on_page = (
            graph,
            config,
            st,
            result,
            on_page,
        )
        self.account = account
        self.last_with_records: _Page | None = None

    def commit(self, pages: list[_Page]) -> None:
        rows = [row for p in pages for row in p.rows]
        if rows:
            label = f"pages-{pages[0].number}-{pages[-1].number}"
            written, problems, refused = import_rows(
                self.graph, self.config, rows, label, self.account
            )
            if problems and len(pages) > 1:
                # find the first invalid page by halves, committing every page before it
                half = len(pages) // 2
                self.commit(pages[:half])
                self.commit(pages[half:])
                return
            if problems:
                self.fail(pages[0], problems)
            where = pages[0].number if len(pages) == 1 else f"{pages[0].number}-{pages[-1].number}"
            self.result.refused += [f"pages {where}, record {p.row}: {p.reason}" for p in refused]
            self.st.records -= len(refused)
            self.result.records -= len(refused)
            for key, value in written.items():
                self.result.written[key] = self.result.written.get(key, 0) + value
            self.result.commits += 1
        last = pages[-1]
        for page in pages:
            self.st.records += len(page.rows)
            self.result.records += len(page.rows)
            self.result.skipped += page.skipped
            self.result.pages += 1 if page.rows else 0
            if page.rows:
                self.last_with_records = page
            if self.on_page and page.rows:
                self.on_page(page.number, len(page.rows))
        if last.next is None:
            # The cursor stays on the last page that had records, which may grow (a short
            # last page of a numbered feed): the next run fetches it again (re-importing
            # is harmless) and goes on from there; ``page`` counts the pages before it.
            tail = self.last_with_records or last
            self.st.cursor, self.st.page = tail.cursor, tail.number - 1
            self.st.tail = len(tail.rows) if self.last_with_records else 0
            self.st.status, self.st.last_error = "DONE", None
        else:
            self.st.cursor, self.st.page, self.st.tail = last.next, last.number, 0
            self.st.status, self.st.last_error = "RUNNING", None
        checkpoint.save(self.graph, self.st)

    def fail(self, page: _Page, problems: list[Problem]) -> None:
        shown = [_where(p, page.number) for p in problems]
        self.result.problems = shown
        reason = f"page {page.number}: invalid, nothing of it written: "
        reason += "; ".join(shown[:MAX_PROBLEMS])
        if len(shown) > MAX_PROBLEMS:
            reason += f" (and {len(shown) - MAX_PROBLEMS} more)"
        self.st.cursor, self.st.page = page.cursor, page.number - 1
        raise _fail(self.graph, self.st, reason, shown)


def run(
    graph: Graph,
    config: ConnectorConfig,
    *,
    restart: bool = False,
    source: PageSource | None = None,
    on_page: Callable[[int, int], None] | None = None,
    account: Account | None = None,
) -> RunResult:
    """Pull from the checkpoint (or the first page with ``restart``) to the last page, as
    ``account`` (by default the config's: ``connectors.account``), with one audit entry
    per run. Records outside the account's scope are refused (``RunResult.refused``).

    Raises ``ConnectorError`` when the run stops early (see the module text), after storing
    the reason in the checkpoint; the next run starts at the page it stopped at. Raises
    ``ConfigError`` (also stored) when the configuration cannot be used, e.g. an ``env:``
    variable that is not set.
    """
    account = account or account_of(graph, config)
    result = RunResult(config.name)
    try:
        _pull(graph, config, restart, source, on_page, account, result)
    except ConnectorError as exc:
        counts: dict[str, Any] = {"pages": result.pages, "records": result.records}
        record_run(graph, config, account, counts, exc.problems + result.refused, str(exc))
        raise
    counts = {"pages": result.pages, "records": result.records, "written": result.written}
    record_run(graph, config, account, counts, result.refused)
    return result


def _pull(
    graph: Graph,
    config: ConnectorConfig,
    restart: bool,
    source: PageSource | None,
    on_page: Callable[[int, int], None] | None,
    account: Account,
    result: RunResult,
) -> None:
    st = checkpoint.get(graph, config.name)
    if restart or st.status == "NEW":
        st = checkpoint.State(config.name, config.province)
    st.province = config.province
    st.records -= st.tail  # the page at the cursor is fetched again: count it once
    st.tail = 0
    result.resumed_from = st.cursor
    try:
        src = source or open_source(config)
    except ConfigError as exc:
        checkpoint.fail(graph, config.name, str(exc))
        raise
    # room for two batches at least: one being written, the next one filling meanwhile
    per_batch = -(-config.batch // max(1, config.source.page_size))
    out: queue.Queue[_Page | _Stop] = queue.Queue(maxsize=max(AHEAD, 2 * per_batch))
    fetcher = _Fetcher(src, config, st, out)
    writer = _Run(graph, config, st, result, on_page, account)
    fetcher.start()
    try:
        while True:
            items = [out.get()]
            size = len(items[0].rows) if isinstance(items[0], _Page) else 0
            filled_by = time.monotonic() + LINGER
            while isinstance(items[-1], _Page) and items[-1].next is not None:
                if size >= config.batch:
                    break
                try:
                    items.append(out.get(timeout=max(0.0, filled_by - time.monotonic())))
                except queue.Empty:
                    break
                size += len(items[-1].rows) if isinstance(items[-1], _Page) else 0
            pages = [i for i in items if isinstance(i, _Page)]
            if pages:
                writer.commit(pages)
            stop = items[-1]
            if isinstance(stop, _Stop):
                st.cursor, st.page = stop.cursor, stop.number - 1
                raise _fail(graph, st, f"page {stop.number}: {stop.reason}")
            if pages and pages[-1].next is None:
                break
    finally:
        fetcher.stop()
        if source is None:
            src.close()


def _fail(
    graph: Graph, st: checkpoint.State, reason: str, problems: list[str] | None = None
) -> ConnectorError:
    st.status, st.last_error = "FAILED", reason
    checkpoint.save(graph, st)
    return ConnectorError(f"connector {st.name}: {reason}", problems)
