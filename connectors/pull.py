"""A pull run: fetch page by page, map, validate and upsert each page, checkpoint after it.

Each page is written as a standard-format JSON Lines file and imported with
``graph.ingest.run.import_file``: the same validation as an upload, all of the page in one
transaction or nothing of it, and MERGE-based writes, so re-importing a committed page
changes nothing. The checkpoint is saved after the page commits; a crash between the two
only means the page is imported again on resume, harmlessly.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from connectors import state as checkpoint
from connectors.config import ConnectorConfig
from connectors.mapping import map_record
from connectors.sources import PageSource, SourceError, open_source
from graph.db import Graph
from graph.ingest.run import import_file
from graph.ingest.table import Problem

MAX_PROBLEMS = 5  # problems quoted in the error message; all are in ``RunResult.problems``


class ConnectorError(RuntimeError):
    """A run stopped: the message names connector, page and reason."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


@dataclass
class RunResult:
    name: str
    pages: int = 0  # pages committed by this run
    records: int = 0  # records committed by this run
    resumed_from: str | None = None  # cursor the run started at (None: the first page)
    written: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def _where(problem: Problem, page: int) -> str:
    text = f"page {page}, record {problem.row}"
    if problem.column:
        text += f", column {problem.column}"
    return f"{text}: {problem.reason}"


def import_page(
    graph: Graph, config: ConnectorConfig, records: list[dict[str, Any]], page: int
) -> tuple[dict[str, int], list[str]]:
    """Map and import one page; (Neo4j counters, problems). Nothing is written on problems.
    Strict: a platform's record no institution owns is a fault of the feed, not a skip."""
    rows = [map_record(r, config) for r in records]
    with tempfile.TemporaryDirectory(prefix=f"connector-{config.name}-") as tmp:
        path = Path(tmp) / f"page-{page}.jsonl"
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
        )
    return result.written, [_where(p, page) for p in result.problems]


def run(
    graph: Graph,
    config: ConnectorConfig,
    *,
    restart: bool = False,
    source: PageSource | None = None,
    on_page: Callable[[int, int], None] | None = None,
) -> RunResult:
    """Pull from the checkpoint (or the first page with ``restart``) to the last page.

    Raises ``ConnectorError`` on the first page that cannot be fetched or validated, after
    storing the reason in the checkpoint; the next run starts at that page.
    """
    st = checkpoint.get(graph, config.name)
    if restart or st.status == "NEW":
        st = checkpoint.State(config.name, config.province)
    st.province = config.province
    result = RunResult(config.name, resumed_from=st.cursor)
    src = source or open_source(config)
    totals: dict[str, int] = {}
    try:
        while True:
            number = st.page + 1
            try:
                fetched = src.fetch(st.cursor)
            except SourceError as exc:
                raise _fail(graph, st, f"page {number}: {exc}") from None
            if fetched.records:
                written, problems = import_page(graph, config, fetched.records, number)
                if problems:
                    result.problems = problems
                    shown = "; ".join(problems[:MAX_PROBLEMS])
                    more = len(problems) - MAX_PROBLEMS
                    reason = f"page {number}: invalid, nothing of it written: {shown}"
                    if more > 0:
                        reason += f" (and {more} more)"
                    raise _fail(graph, st, reason, problems) from None
                for key, value in written.items():
                    totals[key] = totals.get(key, 0) + value
                st.page = number
                st.records += len(fetched.records)
                result.pages += 1
                result.records += len(fetched.records)
                if on_page:
                    on_page(number, len(fetched.records))
            if fetched.next is None:
                # The cursor stays on the last page, which may grow: the next run fetches it
                # again (re-importing is harmless), so ``page`` counts the pages before it.
                st.page = number - 1
                st.status, st.last_error = "DONE", None
                checkpoint.save(graph, st)
                break
            st.cursor, st.status, st.last_error = fetched.next, "RUNNING", None
            checkpoint.save(graph, st)
    finally:
        if source is None:
            src.close()
    result.written = totals
    return result


def _fail(
    graph: Graph, st: checkpoint.State, reason: str, problems: list[str] | None = None
) -> ConnectorError:
    st.status, st.last_error = "FAILED", reason
    checkpoint.save(graph, st)
    return ConnectorError(f"connector {st.name}: {reason}", problems)
