"""Reading the columns of one row, collecting problems instead of stopping at the first."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from graph.ingest.plan import Plan
from graph.ingest.table import Layout, Problem, Row, Table
from graph.ingest.values import BadValue, text

__all__ = ["FIRST_SHEET", "Cells", "missing_columns", "rows"]

T = TypeVar("T")

FIRST_SHEET = Layout()


class Cells:
    def __init__(self, row: Row, problems: list[Problem]) -> None:
        self.row = row
        self.problems = problems
        self.ok = True

    def fail(self, column: str, reason: str, *, code: str) -> None:
        self.ok = False
        self.problems.append(self.row.problem(column, reason, code=code))

    def empty(self, column: str) -> None:
        """A required cell left empty."""
        self.fail(column, f"必填项为空：请填写“{column}”", code="REQUIRED")

    def req(self, column: str, parse: Callable[[Any], T] = text) -> T | None:  # type: ignore[assignment]
        value = self.row.get(column)
        if value is None:
            self.empty(column)
            return None
        return self.parse(column, value, parse)

    def opt(self, column: str, parse: Callable[[Any], T] = text) -> T | None:  # type: ignore[assignment]
        value = self.row.get(column)
        if value is None:
            return None
        return self.parse(column, value, parse)

    def parse(self, column: str, value: Any, parse: Callable[[Any], T]) -> T | None:
        try:
            return parse(value)
        except BadValue as exc:
            self.fail(column, str(exc), code=exc.code)
            return None

    def unique(self, column: str, key: str | None, seen: dict[str, int]) -> None:
        """A key given twice in one file is a problem; ``seen`` keeps each key's first row."""
        if key is None:
            return
        if key in seen:
            self.fail(column, f"重复：{key} 已在第 {seen[key]} 行给出", code="DUPLICATE")
        seen.setdefault(key, self.row.number)

    def key(self, column: str, parse: Callable[[Any], str], seen: dict[str, int]) -> str | None:
        """The record's key: required, and given once in the file."""
        key = self.req(column, parse)
        self.unique(column, key, seen)
        return key

    def each(self, column: str, values: Iterable[str], parse: Callable[[Any], T]) -> list[T]:
        out = []
        for v in values:
            got = self.parse(column, v, parse)
            if got is not None:
                out.append(got)
        return out


def rows(plan: Plan, table: Table) -> Iterator[tuple[Row, Cells]]:
    """The data rows of ``table``, each with its cells reporting to ``plan``, counted as
    read in ``plan.rows``."""
    for row in table.rows:
        plan.rows += 1
        yield row, Cells(row, plan.problems)


def missing_columns(table: Table, required: Iterable[str]) -> list[Problem]:
    """A problem for each required column the header lacks (not for JSONL: keys per line)."""
    if not table.fixed_header:
        return []
    have = set(table.columns)
    return [
        Problem(
            table.sheet,
            table.header_row,
            c,
            f"表头缺少必需的列“{c}”",
            code="MISSING_COLUMN",
        )
        for c in required
        if c not in have
    ]
