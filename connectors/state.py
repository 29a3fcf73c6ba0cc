"""Checkpoints: a ``ConnectorState`` node per connector (``graph/cypher/connectors/``).

``cursor`` is where the next run starts and ``page`` how many pages come before it (the
cursor is page ``page + 1``); ``records`` counts the records of the committed pages, each
once: after a finished run the cursor stays on the last page (``lastPageRecords`` of them),
which the next run fetches again and counts anew instead of adding. ``status`` is
RUNNING / FAILED / DONE and ``lastError`` why the last run stopped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graph import cypher
from graph.db import Graph

__all__ = ["State", "all_states", "fail", "get", "save"]


@dataclass
class State:
    name: str
    province: str = ""
    cursor: str | None = None
    page: int = 0
    records: int = 0
    status: str = "NEW"
    last_error: str | None = None
    updated_at: Any = None
    tail: int = 0  # records of the page at the cursor already counted (after DONE)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> State:
        return cls(
            name=row["name"],
            province=row.get("province") or "",
            cursor=row.get("cursor"),
            page=int(row.get("page") or 0),
            records=int(row.get("records") or 0),
            status=row.get("status") or "NEW",
            last_error=row.get("lastError"),
            updated_at=row.get("updatedAt"),
            tail=int(row.get("lastPageRecords") or 0),
        )

    def public(self) -> dict[str, Any]:
        """The checkpoint under the names of ``docs/connectors.md`` (``connectors status``)."""
        return {
            "name": self.name,
            "province": self.province or None,
            "status": self.status,
            "cursor": self.cursor,
            "page": self.page,
            "records": self.records,
            "lastPageRecords": self.tail,
            "lastError": self.last_error,
            "updatedAt": str(self.updated_at) if self.updated_at is not None else None,
        }


def get(graph: Graph, name: str) -> State:
    rows = graph.read(cypher.load("connectors/state_get"), {"name": name})
    return State.from_row(rows[0]["state"]) if rows else State(name)


def save(graph: Graph, state: State) -> None:
    graph.write(
        cypher.load("connectors/state_save"),
        {
            "name": state.name,
            "province": state.province,
            "cursor": state.cursor,
            "page": state.page,
            "records": state.records,
            "tail": state.tail,
            "status": state.status,
            "lastError": state.last_error,
        },
    )


def fail(graph: Graph, name: str, reason: str) -> None:
    """Record that a connector could not run (its configuration), keeping its cursor."""
    graph.write(cypher.load("connectors/state_fail"), {"name": name, "lastError": reason})


def reset(graph: Graph, name: str) -> None:
    graph.write(cypher.load("connectors/state_reset"), {"name": name})


def all_states(graph: Graph) -> list[State]:
    return [State.from_row(r["state"]) for r in graph.read(cypher.load("connectors/state_all"))]
