"""The CSV files ``neo4j-admin database import full`` reads: typed headers, one ID space
per label (the label's key property is the node's import id), arrays joined by
``ARRAY`` and empty strings kept apart from missing values.

Neo4j stores no nulls, so a missing value is an empty unquoted field; an empty string is
written ``""`` (the importer keeps it, ``--ignore-empty-strings=false``). Empty lists cannot
be written at all (the importer reads an empty array field as no value): their nodes get a
marker label and the lists are set after the import (``graph.bulk.nodes``).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from graph.errors import InvalidInput

__all__ = ["ARRAY", "BulkDataError", "Files", "Table", "type_of"]

ARRAY = "\u001f"  # the unit separator: no text of the hub contains it
EMPTY = "\u001e\u001e"  # stands for "" until the line is written

# Python type → the importer's type name
TYPES: dict[type, str] = {
    str: "string",
    bool: "boolean",
    int: "long",
    float: "double",
    date: "date",
    datetime: "datetime",
}


class BulkDataError(InvalidInput, ValueError):
    """A value the importer cannot take as the transactional import stores it."""


def type_of(value: Any) -> str | None:
    """The importer's type of ``value`` (``string[]`` for a list of text); None for an
    empty list, whose element type is unknown."""
    if isinstance(value, list | tuple):
        if not value:
            return None
        kinds = {type_of(v) for v in value}
        if len(kinds) != 1 or any(k is None or k.endswith("[]") for k in kinds):
            raise BulkDataError(f"a list of mixed or nested values: {value!r}")
        return f"{kinds.pop()}[]"
    kind = TYPES.get(type(value))
    if kind is None:
        iso = getattr(value, "iso_format", None)  # neo4j.time values read from the graph
        if iso is not None:
            return "datetime" if hasattr(value, "tzinfo") and hasattr(value, "hour") else "date"
        raise BulkDataError(f"a value of type {type(value).__name__}: {value!r}")
    return kind


def text(value: Any) -> str:
    """``value`` as the importer parses it back."""
    kind = type(value)  # the common types first, by identity (millions of cells)
    if kind is str:
        return value if value else EMPTY
    if kind is int:
        return str(value)
    if isinstance(value, str):
        return value if value else EMPTY
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        if any(v == "" for v in value):
            raise BulkDataError(f"a list holding an empty text: {value!r}")
        return ARRAY.join(text(v) for v in value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    iso = getattr(value, "iso_format", None)
    if iso is not None:
        return str(iso())
    return repr(value) if isinstance(value, float) else str(value)


class _Lines:
    """A text file where the ``EMPTY`` marker becomes ``""`` as lines are written."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self.multiline = False

    def write(self, line: str) -> int:
        if EMPTY in line:
            line = line.replace(EMPTY, '""')
        if "\n" in line[:-1] or "\r" in line:
            self.multiline = True
        return self.out.write(line)


@dataclass
class Table:
    """The rows of one CSV file under a fixed header."""

    path: Path
    header: list[str]
    group: str  # --nodes=LABEL=… or --relationships=TYPE=…
    rows: int = 0
    _out: IO[str] | None = None
    _lines: _Lines | None = None
    _csv: Any = None

    def open(self) -> None:
        self._out = self.path.open("w", encoding="utf-8", newline="")
        self._lines = _Lines(self._out)
        self._csv = csv.writer(self._lines, lineterminator="\n")
        self._csv.writerow(self.header)

    def write(self, values: Iterable[Any]) -> None:
        self._csv.writerow(
            ["" if v is None else v if type(v) is str and v else text(v) for v in values]
        )
        self.rows += 1

    def close(self) -> bool:
        """Close; whether some value spans lines (the importer must be told)."""
        assert self._out is not None and self._lines is not None
        self._out.close()
        return self._lines.multiline


@dataclass
class Files:
    """Every CSV file of one import, under ``folder``."""

    folder: Path
    prefix: str = ""  # of the file names (files written by another process)
    nodes: list[Table] = field(default_factory=list)
    relationships: list[Table] = field(default_factory=list)
    multiline: bool = False

    def node_table(
        self, label: str, key: str, props: list[tuple[str, str]], *, labels: bool = False
    ) -> Table:
        """``labels``: a last column of further labels for some nodes."""
        name = f"{self.prefix}nodes-{label}-{len(self.nodes) + 1:03d}.csv"
        header = [f"{key}:ID({label})", *(f"{p}:{t}" for p, t in props if p != key)]
        if labels:
            header.append(":LABEL")
        table = Table(self.folder / name, header, label)
        table.open()
        self.nodes.append(table)
        return table

    def relationship_table(
        self, kind: str, start: str, end: str, props: list[tuple[str, str]]
    ) -> Table:
        name = f"{self.prefix}rels-{kind}-{start}-{end}-{len(self.relationships) + 1:03d}.csv"
        header = [f":START_ID({start})", f":END_ID({end})", *(f"{p}:{t}" for p, t in props)]
        table = Table(self.folder / name, header, kind)
        table.open()
        self.relationships.append(table)
        return table

    def close(self) -> None:
        for table in (*self.nodes, *self.relationships):
            self.multiline = table.close() or self.multiline

    def arguments(self) -> list[str]:
        """The ``--nodes``/``--relationships`` arguments of the admin command."""
        out = [f"--nodes={t.group}={t.path}" for t in self.nodes if t.rows]
        out += [f"--relationships={t.group}={t.path}" for t in self.relationships if t.rows]
        return out
