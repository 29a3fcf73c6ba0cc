"""Content hashes of import records, so that a record the graph already holds unchanged
costs one hash comparison instead of a write.

A validator hashes each record it would write (the canonical JSON of the written fields);
the hash is stored on the node (``baseHash``, ``inventoryHash`` on patents, ``hash`` on the
other records) and compared with the stored one, fetched for all the file's keys in one read.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import date
from typing import Any

from graph.db import Graph
from graph.ingest import lookup

__all__ = ["changed", "keep_changed", "record_hash"]


def _default(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def record_hash(record: Mapping[str, Any]) -> str:
    """A short, stable digest of ``record`` (keys sorted, dates as ISO text)."""
    text = json.dumps(
        record, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=_default
    )
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def changed(
    rows: list[dict[str, Any]], stored: Mapping[str, str | None], key: str
) -> tuple[list[dict[str, Any]], int]:
    """The rows whose ``hash`` differs from the stored hash of their ``key``; how many are
    unchanged."""
    out = [r for r in rows if stored.get(r[key]) != r["hash"]]
    return out, len(rows) - len(out)


def keep_changed(
    graph: Graph, label: str, rows: list[dict[str, Any]], key: str
) -> tuple[list[dict[str, Any]], int]:
    """Hash each row, drop those whose node (``label``, keyed by ``row[key]``) holds the same
    hash, and put the hash into the ``props`` the statement sets; the rows left and how many
    were dropped."""
    for r in rows:
        r["hash"] = record_hash(r)
    stored = lookup.hashes(graph, label, (r[key] for r in rows))
    out, unchanged = changed(rows, stored, key)
    for r in out:
        r["props"] = dict(r["props"], hash=r["hash"])
    return out, unchanged
