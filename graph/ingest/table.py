"""Rows of an upload file, each knowing where it came from.

Every format (XLSX, CSV, JSONL) becomes the same thing: a header of canonical column
names and rows of ``{column: value}`` with their sheet and row number, so that every
problem found later can name sheet, row and column.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Layout", "Problem", "Row", "Table", "canon", "present"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file: where, why (``reason``, a Chinese sentence for the
    person who uploaded it) and which kind (``code``, a stable English identifier for
    programs: docs/formats.md, "Problem codes")."""

    sheet: str
    row: int
    column: str
    reason: str
    severity: str = "ERROR"  # ERROR: the row is not written; WARNING: written, or skipped
    code: str = "INVALID"

    def __str__(self) -> str:
        where = f"工作表 {self.sheet}"
        if self.row:
            where += f" 第 {self.row} 行"
        if self.column:
            where += f" {self.column} 列"
        return f"{where}：{self.reason}"

    @property
    def warning(self) -> bool:
        return self.severity == "WARNING"


@dataclass
class Row:
    sheet: str
    number: int
    values: dict[str, Any]
    letters: dict[str, str] = field(default_factory=dict)

    def get(self, column: str) -> Any:
        return self.values.get(column)

    def has(self, column: str) -> bool:
        return column in self.values

    def problem(self, column: str, reason: str, severity: str = "ERROR", *, code: str) -> Problem:
        letter = self.letters.get(column)
        where = f"{letter} {column}" if letter else column
        return Problem(self.sheet, self.number, where, reason, severity, code)

    def warning(self, column: str, reason: str, *, code: str) -> Problem:
        return self.problem(column, reason, "WARNING", code=code)


@dataclass
class Layout:
    """Where header and data are in an XLSX sheet."""

    sheet: str | None = None  # None: the first sheet
    header_rows: tuple[int, ...] = (1,)
    first_row: int = 2


@dataclass
class Table:
    sheet: str
    header_row: int
    columns: list[str]
    letters: dict[str, str]
    rows: Iterator[Row]
    size_hint: int | None = None  # rows expected, for a progress bar
    problems: list[Problem] = field(default_factory=list)  # found while reading
    fixed_header: bool = True  # False for JSONL: each line names its own keys


_RULE = re.compile(r"[（(](规则|限)")


def canon(header: Any) -> str:
    """A column name without the leading ``*``, line breaks and the template's rule text."""
    s = str(header or "").replace("\n", "").strip().lstrip("*＊").strip()
    m = _RULE.search(s)
    if m and m.start() > 0:
        s = s[: m.start()]
    return s.strip()


# What institutions and patent databases write into a cell that has no value.
EMPTY_MARKERS = frozenset({"-", "－", "—", "--", "/", "／", "无", "N/A", "n/a"})


# Columns whose list has the value 无 (合作意愿: Willingness.NONE): there it is a value.
NONE_IS_A_VALUE = frozenset({"合作意愿"})


def present(value: Any, column: str = "") -> Any:
    """The value of a cell, or None when it is empty: blank text and the empty markers
    ``-``, ``/``, ``无`` (what exports and filled templates write for "none") count as empty,
    except 无 in a column whose list has it as a value."""
    if value is None:
        return None
    if isinstance(value, str):
        value = value.strip()
        if not value or (
            value in EMPTY_MARKERS and not (value == "无" and column in NONE_IS_A_VALUE)
        ):
            return None
        return value
    return value
