"""What a validator hands to the writer: problems, and the rows of each write statement."""

from __future__ import annotations

from collections.abc import Sized
from dataclasses import dataclass, field
from typing import Any

from graph.ingest import values
from graph.ingest.table import Problem, Row, Table

__all__ = ["Plan"]


@dataclass
class Step:
    """Rows for one statement of ``graph/cypher/ingest/<statement>.cypher`` (``$rows``)."""

    statement: str
    rows: list[dict[str, Any]]


@dataclass
class Plan:
    kind: str
    rows: int = 0  # data rows read
    records: int = 0  # records (patents, evaluations, …) made of them
    problems: list[Problem] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    unchanged: int = 0  # records the graph already holds as they are: nothing to write
    # Patents the plan creates, with all the properties they will have: the change feed
    # hashes these without reading them back.
    created: dict[str, dict[str, Any]] = field(default_factory=dict)
    created_industries: dict[str, list[str]] = field(default_factory=dict)  # their links
    # Warnings: rows written with a remark (an owner name the hub does not know, a unit
    # created) or skipped (no institution owns the patent). They never stop an import.
    warnings: list[Problem] = field(default_factory=list)
    skipped: int = 0  # rows left out on purpose (a warning each)
    unknown_owners: int = 0  # owner names kept on patents, no registered party
    new_units: dict[str, tuple[Any, Row]] = field(default_factory=dict)  # unit id → (Unit, row)
    # Who wrote, on each change event: ``upload:<job>``, ``cli``, ``connector:<name>``.
    source: str = "cli"

    def add(self, statement: str, rows: list[dict[str, Any]]) -> None:
        if rows:
            self.steps.append(Step(statement, rows))

    def warn(self, row: Row, column: str, reason: str, *, code: str) -> None:
        self.warnings.append(row.warning(column, reason, code=code))

    def finish(self, table: Table, records: Sized) -> bool:
        """Count the valid ``records`` and take the problems the reader found in ``table``
        (limits, unreadable rows): whether the plan may write."""
        self.records = len(records)
        self.problems.extend(table.problems)
        return not self.problems

    def add_new_units(self, column: str) -> None:
        """The write of the units this plan creates, and a warning on the row of each, in
        ``column`` (the one that named it)."""
        units = self.new_units.values()
        self.add(
            "ingest/units_new",
            [{"id": u.id, "name": u.name, "inst": u.institutionId} for u, _ in units],
        )
        for unit, row in units:
            self.warn(
                row,
                column,
                f"已新建单位 {values.shown(unit.name)}（属于 {unit.institutionId}）",
                code="UNIT_CREATED",
            )
